//! A conversation's state and a message's author, in words.

use crate::i18n::*;
use atrium_api::{ConversationStatus, MessageAuthor};
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
