//! What the agent runtime reports (`POST /api/v1/ingest/messages`): the agency behind an
//! API key, and one visitor or bot message that starts, continues or reopens a
//! conversation and may escalate it to a person.

use super::columns::Rows;
use super::conversations::{append_message, record_event, stored_status, NewMessage};
use super::sql::json_ids;
use super::{begin_write, now, Db, Dialect, Flag};
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

impl IngestRow {
    fn author(&self) -> MessageAuthor {
        match self.author {
            IngestAuthor::Visitor => MessageAuthor::Visitor,
            IngestAuthor::Bot => MessageAuthor::Bot,
        }
    }

    /// The runtime's fallback flag counts on the bot's messages only.
    fn is_fallback(&self) -> bool {
        self.fallback && self.author == IngestAuthor::Bot
    }
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

/// One reported message and what decides its escalation.
pub(super) type Job<'a> = (&'a IngestRow, &'a Decide);

/// [`append_ingested`] of one message, in a transaction of its own.
pub(super) async fn ingest_message(db: &Db, m: &IngestRow, decide: &Decide) -> Result<Ingested, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let ingested = the_one(append_ingested(&mut tx, &[(m, decide)]).await?)?;
    tx.commit().await?;
    Ok(ingested)
}

/// The answer of an [`append_ingested`] of one message.
pub(super) fn the_one(mut answers: Vec<Ingested>) -> Result<Ingested, sqlx::Error> {
    answers.pop().ok_or(sqlx::Error::RowNotFound)
}

/// Appends each message to the conversation `(org_id, external_id)`, creating it (as
/// `bot`) or reopening it (a closed one the visitor writes to) first, then asks the
/// message's `decide` whether to escalate it to `waiting`; answers in the messages' order.
/// On the caller's write transaction: a concurrent report of the same conversation waits,
/// so it is created once.
///
/// Messages to different conversations are written together, a few statements for all of
/// them: each statement is a round trip to SQLite's connection thread, and those round
/// trips, not SQLite's work, were most of an ingested message's cost (four statements of
/// ~125 µs each for a new conversation, on 2 cores under load). A second message to the
/// same conversation goes in the next round, after the first, as if written alone.
pub(super) async fn append_ingested(conn: &mut AnyConnection, jobs: &[Job<'_>]) -> Result<Vec<Ingested>, sqlx::Error> {
    let mut answers: Vec<Option<Ingested>> = jobs.iter().map(|_| None).collect();
    for round in rounds(jobs.iter().map(|(m, _)| (m.org_id, m.external_id.as_str()))) {
        let round_jobs: Vec<Job> = round.iter().map(|&i| jobs[i]).collect();
        for (i, ingested) in round.into_iter().zip(append_round(conn, &round_jobs).await?) {
            answers[i] = Some(ingested);
        }
    }
    Ok(answers.into_iter().flatten().collect())
}

/// The messages' indexes in rounds where each conversation appears at most once, its
/// messages in their order: the n-th message to a conversation is in round n.
fn rounds<'a>(conversations: impl Iterator<Item = (i64, &'a str)>) -> Vec<Vec<usize>> {
    let mut seen: Vec<((i64, &str), usize)> = Vec::new();
    let mut rounds: Vec<Vec<usize>> = Vec::new();
    for (i, key) in conversations.enumerate() {
        let round = match seen.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                seen.push((key, 0));
                0
            }
        };
        if round == rounds.len() {
            rounds.push(Vec::new());
        }
        rounds[round].push(i);
    }
    rounds
}

/// The conversation a message goes to, as it is before the message's escalation.
struct Target {
    id: i64,
    agent_id: i64,
    status: ConversationStatus,
    created: bool,
}

/// [`append_ingested`] of messages to as many different conversations.
async fn append_round(conn: &mut AnyConnection, jobs: &[Job<'_>]) -> Result<Vec<Ingested>, sqlx::Error> {
    let at = now();
    let found = existing_conversations(conn, jobs).await?;
    let mut targets = Vec::with_capacity(jobs.len());
    for (m, _) in jobs {
        let target = match found.iter().find(|c| c.org_id == m.org_id && c.external_id == m.external_id) {
            Some(c) => {
                let mut status = stored_status(&c.status);
                if status == ConversationStatus::Closed && m.author == IngestAuthor::Visitor {
                    status = ConversationStatus::Bot;
                    reopen(conn, c.id, &at).await?;
                }
                Target { id: c.id, agent_id: c.agent_id, status, created: false }
            }
            None => Target { id: 0, agent_id: m.agent_id, status: ConversationStatus::Bot, created: true },
        };
        targets.push(target);
    }
    create_conversations(conn, jobs, &mut targets, &at).await?;
    touch_conversations(conn, jobs, &targets, &at).await?;
    insert_messages(conn, jobs, &targets, &at).await?;
    let bots: Vec<i64> =
        jobs.iter().zip(&targets).filter(|((m, _), _)| m.author == IngestAuthor::Bot).map(|(_, t)| t.id).collect();
    let last_words = last_visitor_texts(conn, &bots).await?;

    let mut answers = Vec::with_capacity(jobs.len());
    for ((m, decide), target) in jobs.iter().zip(targets) {
        let context = IngestContext {
            status: target.status,
            fallback_streak: m.is_fallback() && fallback_streak(conn, target.id).await?,
            // The visitor's own message is their latest words: no need to read it back.
            last_visitor_text: match m.author {
                IngestAuthor::Visitor => Some(m.text.clone()),
                IngestAuthor::Bot => last_words.iter().find(|(id, _)| *id == target.id).map(|(_, text)| text.clone()),
            },
        };
        let escalation = decide(&context);
        let mut status = target.status;
        if let Some(Escalation { team_id }) = &escalation {
            status = ConversationStatus::Waiting;
            escalate(conn, target.id, *team_id, &at).await?;
        }
        let escalated = escalation.is_some();
        answers.push(Ingested { conversation_id: target.id, agent_id: target.agent_id, status, escalated });
    }
    Ok(answers)
}

#[derive(sqlx::FromRow)]
struct Existing {
    id: i64,
    org_id: i64,
    external_id: String,
    status: String,
    agent_id: i64,
}

/// The conversations the messages name that exist already.
async fn existing_conversations(conn: &mut AnyConnection, jobs: &[Job<'_>]) -> Result<Vec<Existing>, sqlx::Error> {
    let mut reported = Rows::new(&["org_id", "external_id"]);
    for (m, _) in jobs {
        reported.value("org_id", m.org_id).value("external_id", m.external_id.as_str());
    }
    let (sql, args) = reported.with(
        "reported",
        "SELECT c.id, c.org_id, c.external_id, c.status, c.agent_id FROM reported \
         JOIN conversations c ON c.org_id = reported.org_id AND c.external_id = reported.external_id",
    )?;
    sqlx::query_as_with(&sql, args).fetch_all(&mut *conn).await
}

/// A new round with the assistant: whoever handled the last one is done.
async fn reopen(conn: &mut AnyConnection, id: i64, at: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE conversations SET status = 'bot', assignee_id = NULL WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    record_event(conn, id, "conversation.reopened", None, at).await
}

/// Starts the conversations of the targets marked `created`, as `bot`, and gives those
/// targets their ids.
async fn create_conversations(
    conn: &mut AnyConnection,
    jobs: &[Job<'_>],
    targets: &mut [Target],
    at: &str,
) -> Result<(), sqlx::Error> {
    let new: Vec<usize> = (0..jobs.len()).filter(|&i| targets[i].created).collect();
    if new.is_empty() {
        return Ok(());
    }
    let mut rows =
        Rows::new(&["org_id", "agent_id", "external_id", "status", "contact_name", "created_at", "updated_at"]);
    let now = rows.bind(at);
    for &i in &new {
        let m = jobs[i].0;
        rows.value("org_id", m.org_id).value("agent_id", m.agent_id).value("external_id", m.external_id.as_str());
        rows.sql("status", "'bot'").value("contact_name", m.contact_name.as_str());
        rows.sql("created_at", &now).sql("updated_at", &now);
    }
    let (sql, args) = rows.insert("conversations", "RETURNING id, org_id, external_id")?;
    let created: Vec<(i64, i64, String)> = sqlx::query_as_with(&sql, args).fetch_all(&mut *conn).await?;
    let mut events = Rows::new(&["conversation_id", "kind", "created_at"]);
    let now = events.bind(at);
    for &i in &new {
        let m = jobs[i].0;
        let (id, _, _) = created
            .iter()
            .find(|(_, org, ext)| *org == m.org_id && *ext == m.external_id)
            .ok_or(sqlx::Error::RowNotFound)?;
        targets[i].id = *id;
        events.value("conversation_id", *id).sql("kind", "'conversation.created'").sql("created_at", &now);
    }
    let (sql, args) = events.insert("conversation_events", "")?;
    sqlx::query_with(&sql, args).execute(&mut *conn).await?;
    Ok(())
}

/// Marks the existing conversations updated now. The runtime may learn the visitor's name
/// later in the conversation: a non-empty `contact_name` replaces the one known. (A
/// conversation created just now has both already.)
async fn touch_conversations(
    conn: &mut AnyConnection,
    jobs: &[Job<'_>],
    targets: &[Target],
    at: &str,
) -> Result<(), sqlx::Error> {
    let mut reported = Rows::new(&["conversation_id", "contact_name"]);
    let now = reported.bind(at);
    let mut any = false;
    for ((m, _), target) in jobs.iter().zip(targets).filter(|(_, t)| !t.created) {
        reported.value("conversation_id", target.id).value("contact_name", m.contact_name.as_str());
        any = true;
    }
    if !any {
        return Ok(());
    }
    let update = format!(
        "UPDATE conversations SET updated_at = {now}, contact_name = CASE WHEN reported.contact_name = '' \
         THEN conversations.contact_name ELSE reported.contact_name END \
         FROM reported WHERE conversations.id = reported.conversation_id"
    );
    let (sql, args) = reported.with("reported", &update)?;
    sqlx::query_with(&sql, args).execute(&mut *conn).await?;
    Ok(())
}

async fn insert_messages(
    conn: &mut AnyConnection,
    jobs: &[Job<'_>],
    targets: &[Target],
    at: &str,
) -> Result<(), sqlx::Error> {
    let mut rows = Rows::new(&["conversation_id", "author", "text", "fallback", "created_at"]);
    let now = rows.bind(at);
    for ((m, _), target) in jobs.iter().zip(targets) {
        rows.value("conversation_id", target.id).value("author", m.author().as_str()).value("text", m.text.as_str());
        rows.value("fallback", m.is_fallback()).sql("created_at", &now);
    }
    let (sql, args) = rows.insert("messages", "")?;
    sqlx::query_with(&sql, args).execute(&mut *conn).await?;
    Ok(())
}

/// Hands the conversation to a person: `waiting`, routed to `team_id` if given, with the
/// system's notice in the thread.
async fn escalate(conn: &mut AnyConnection, id: i64, team_id: Option<i64>, at: &str) -> Result<(), sqlx::Error> {
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
    append_message(conn, id, &notice, at).await?;
    record_event(conn, id, "handoff.requested", None, at).await
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

/// Each conversation's latest visitor words, for those of `conversation_ids` that have any.
async fn last_visitor_texts(
    conn: &mut AnyConnection,
    conversation_ids: &[i64],
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if conversation_ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids = Dialect::of_conn(conn).id_list("$1");
    let sql = format!(
        "SELECT conversation_id, text FROM messages WHERE id IN (SELECT MAX(id) FROM messages \
         WHERE author = 'visitor' AND conversation_id IN ({ids}) GROUP BY conversation_id)"
    );
    sqlx::query_as(&sql).bind(json_ids(conversation_ids)).fetch_all(&mut *conn).await
}

#[cfg(test)]
mod tests {
    use super::rounds;

    #[test]
    fn the_nth_message_to_a_conversation_is_in_round_n() {
        let conversations = [(1, "a"), (1, "b"), (1, "a"), (2, "a"), (1, "a"), (1, "b")];
        assert_eq!(rounds(conversations.into_iter()), [vec![0, 1, 3], vec![2, 5], vec![4]]);
    }
}
