//! What the agent runtime reports (`POST /api/v1/ingest/messages`): the agency behind an
//! API key, and one visitor or bot message that starts, continues or reopens a
//! conversation and may escalate it to a person.

use super::conversations::{append_message, record_event, ConversationRow, NewMessage};
use super::{begin_write, now, Db, Flag};
use atrium_api::{ConversationStatus, IngestAuthor, MessageAuthor, SystemNote};
use sqlx::AnyConnection;
use std::sync::Arc;

/// The agency whose live (not revoked) API key hashes to `key_hash`.
pub async fn agency_for_api_key(db: &Db, key_hash: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT agency_id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL")
        .bind(key_hash)
        .fetch_optional(db)
        .await
}

/// The org's teams as `(id, key, label)`: what a handoff request may be routed to.
pub async fn team_names(db: &Db, org_id: i64) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, key, label FROM teams WHERE org_id = $1 ORDER BY id").bind(org_id).fetch_all(db).await
}

/// One reported message, validated by the caller (the org and agent are the key's).
pub struct IngestRow {
    pub org_id: i64,
    pub agent_id: i64,
    pub external_id: String,
    pub author: IngestAuthor,
    pub text: String,
    pub contact_name: String,
    pub fallback: bool,
}

/// Whether a message escalates its conversation, decided on what it finds there (the
/// caller's rules: `routes/ingest.rs`). Shared, because a batch that fails is written
/// again one message at a time (`ingest_queue.rs`).
pub type Decide = Arc<dyn Fn(&IngestContext) -> Option<Escalation> + Send + Sync>;

/// What the escalation decision sees, the message already appended.
pub struct IngestContext {
    /// The conversation's state now (a closed one the visitor wrote to is `bot` again).
    pub status: ConversationStatus,
    /// This message is the bot's second fallback in a row (since a person last acted).
    pub fallback_streak: bool,
    /// The visitor's latest words (this message's, if theirs): what routing reads.
    pub last_visitor_text: Option<String>,
}

/// Escalate to a person, routed to this team (`None`: to the org, team left as it is).
pub struct Escalation {
    pub team_id: Option<i64>,
}

pub struct Ingested {
    pub conversation_id: i64,
    pub agent_id: i64,
    pub status: ConversationStatus,
    pub escalated: bool,
}

/// [`append_ingested`] in a transaction of its own.
pub(super) async fn ingest_message(db: &Db, m: &IngestRow, decide: &Decide) -> Result<Ingested, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let ingested = append_ingested(&mut tx, m, decide).await?;
    tx.commit().await?;
    Ok(ingested)
}

/// Appends the message to the conversation `(org_id, external_id)`, creating it (as
/// `bot`) or reopening it (a closed one the visitor writes to) first, then asks `decide`
/// whether to escalate it to `waiting`. On the caller's write transaction: a concurrent
/// report of the same conversation waits, so it is created once.
pub(super) async fn append_ingested(
    conn: &mut AnyConnection,
    m: &IngestRow,
    decide: &Decide,
) -> Result<Ingested, sqlx::Error> {
    let at = now();
    let existing = sqlx::query_as::<_, ConversationRow>(
        "SELECT c.id, c.status, c.agent_id, c.assignee_id, c.team_id, c.contact_name, c.created_at, c.updated_at \
         FROM conversations c WHERE c.org_id = $1 AND c.external_id = $2",
    )
    .bind(m.org_id)
    .bind(&m.external_id)
    .fetch_optional(&mut *conn)
    .await?;
    let (id, agent_id, mut status, created) = match existing {
        Some(row) => {
            let mut status = row.status();
            if status == ConversationStatus::Closed && m.author == IngestAuthor::Visitor {
                // A new round with the assistant: whoever handled the last one is done.
                status = ConversationStatus::Bot;
                sqlx::query("UPDATE conversations SET status = 'bot', assignee_id = NULL WHERE id = $1")
                    .bind(row.id)
                    .execute(&mut *conn)
                    .await?;
                record_event(conn, row.id, "conversation.reopened", None, &at).await?;
            }
            (row.id, row.agent_id, status, false)
        }
        None => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO conversations (org_id, agent_id, external_id, status, contact_name, created_at, \
                 updated_at) VALUES ($1, $2, $3, 'bot', $4, $5, $5) RETURNING id",
            )
            .bind(m.org_id)
            .bind(m.agent_id)
            .bind(&m.external_id)
            .bind(&m.contact_name)
            .bind(&at)
            .fetch_one(&mut *conn)
            .await?;
            record_event(conn, id, "conversation.created", None, &at).await?;
            (id, m.agent_id, ConversationStatus::Bot, true)
        }
    };
    // The runtime may learn the visitor's name later in the conversation. (A conversation
    // created just now has both already: the write lock is held for every statement.)
    if !created {
        sqlx::query(
            "UPDATE conversations SET updated_at = $1, contact_name = CASE WHEN $2 = '' THEN contact_name ELSE $2 END \
             WHERE id = $3",
        )
        .bind(&at)
        .bind(&m.contact_name)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    let author = match m.author {
        IngestAuthor::Visitor => MessageAuthor::Visitor,
        IngestAuthor::Bot => MessageAuthor::Bot,
    };
    let fallback = m.fallback && author == MessageAuthor::Bot;
    let message = NewMessage { author, text: &m.text, fallback, user_id: None };
    append_message(conn, id, &message, &at).await?;

    let context = IngestContext {
        status,
        fallback_streak: fallback && fallback_streak(conn, id).await?,
        // The visitor's own message is their latest words: no need to read it back.
        last_visitor_text: match author {
            MessageAuthor::Visitor => Some(m.text.clone()),
            _ => last_visitor_text(conn, id).await?,
        },
    };
    let escalation = decide(&context);
    if let Some(Escalation { team_id }) = &escalation {
        status = ConversationStatus::Waiting;
        sqlx::query("UPDATE conversations SET status = 'waiting', team_id = COALESCE($1, team_id) WHERE id = $2")
            .bind(team_id)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        let notice = NewMessage {
            author: MessageAuthor::System,
            text: SystemNote::HandoffRequested.text(),
            fallback: false,
            user_id: None,
        };
        append_message(conn, id, &notice, &at).await?;
        record_event(conn, id, "handoff.requested", None, &at).await?;
    }
    Ok(Ingested { conversation_id: id, agent_id, status, escalated: escalation.is_some() })
}

/// Whether the last two bot messages since a person or the platform last spoke (a human
/// or system message) are both fallbacks: a pass back to the assistant starts afresh.
async fn fallback_streak(conn: &mut AnyConnection, conversation_id: i64) -> Result<bool, sqlx::Error> {
    let flags: Vec<Flag> = sqlx::query_scalar(
        "SELECT fallback FROM messages WHERE conversation_id = $1 AND author = 'bot' AND id > COALESCE( \
             (SELECT MAX(id) FROM messages WHERE conversation_id = $1 AND author IN ('human', 'system')), 0) \
         ORDER BY id DESC LIMIT 2",
    )
    .bind(conversation_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(flags.len() == 2 && flags.iter().all(|f| f.0))
}

async fn last_visitor_text(conn: &mut AnyConnection, conversation_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT text FROM messages WHERE conversation_id = $1 AND author = 'visitor' ORDER BY id DESC LIMIT 1",
    )
    .bind(conversation_id)
    .fetch_optional(&mut *conn)
    .await
}
