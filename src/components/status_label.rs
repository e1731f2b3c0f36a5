//! A conversation's state, a message's author and the system's notes, in words.

use crate::i18n::*;
use atrium_api::{ConversationStatus, MessageAuthor, SystemNote};
use leptos_i18n::I18nContext;

pub fn status_label(i18n: I18nContext<Locale>, s: ConversationStatus) -> &'static str {
    match s {
        ConversationStatus::Bot => t_string!(i18n, inbox.status_bot),
        ConversationStatus::Waiting => t_string!(i18n, inbox.status_waiting),
        ConversationStatus::Human => t_string!(i18n, inbox.status_human),
        ConversationStatus::Closed => t_string!(i18n, inbox.status_closed),
    }
}

pub fn author_label(i18n: I18nContext<Locale>, a: MessageAuthor) -> &'static str {
    match a {
        MessageAuthor::Visitor => t_string!(i18n, conversation.author_visitor),
        MessageAuthor::Bot => t_string!(i18n, conversation.author_bot),
        MessageAuthor::Human => t_string!(i18n, conversation.author_human),
        MessageAuthor::System => t_string!(i18n, conversation.author_system),
    }
}

/// A message's text as shown: a system note in the user's language ("A team member
/// joined." is stored in English), anything a person or the assistant wrote as written.
pub fn shown_text(i18n: I18nContext<Locale>, author: MessageAuthor, text: &str) -> String {
    let note = match (author, SystemNote::of_text(text)) {
        (MessageAuthor::System, Some(note)) => note,
        _ => return text.to_string(),
    };
    match note {
        SystemNote::HandoffRequested => t_string!(i18n, conversation.note_handoff_requested),
        SystemNote::Joined => t_string!(i18n, conversation.note_joined),
        SystemNote::PassedBack => t_string!(i18n, conversation.note_passed_back),
        SystemNote::Closed => t_string!(i18n, conversation.note_closed),
    }
    .to_string()
}
