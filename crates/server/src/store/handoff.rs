//! What client teams do to a conversation: take it over, pass it back to the assistant,
//! assign it, reply, close it. Each is one transaction that checks the state it starts
//! from (so two people clicking at once cannot both win), moves `updated_at`, and records
//! who did it in `conversation_events`.

use super::conversations::{append_message, conversation_row, record_event, ConversationScope, NewMessage};
use super::{begin_write, now, Db};
use atrium_api::{ConversationStatus, MessageAuthor, SystemNote, Transition};
use sqlx::AnyConnection;

pub enum Action<'a> {
    Transition(Transition),
    /// To this team and this user (`None` clears each).
    Assign {
        team_id: Option<i64>,
        assignee_id: Option<i64>,
    },
    Reply(&'a str),
}

pub enum ActionOutcome {
    /// Applied. The conversation's agent (for event filtering), and the message written, if any.
    Done {
        agent_id: i64,
        message_id: Option<i64>,
    },
    NotFound,
    /// Not allowed from the conversation's current state; nothing was written.
    Illegal(ConversationStatus),
    /// The team is not one of the org's; nothing was written.
    UnknownTeam,
    /// The assignee is not a user of the org; nothing was written.
    UnknownAssignee,
}

/// Applies `action` by `actor_id` to conversation `id` in `scope`.
pub async fn act_on_conversation(
    db: &Db,
    scope: &ConversationScope,
    id: i64,
    actor_id: i64,
    action: &Action<'_>,
) -> Result<ActionOutcome, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let Some(row) = conversation_row(&mut tx, scope, id).await? else {
        return Ok(ActionOutcome::NotFound);
    };
    let from = row.status();
    let at = now();
    let outcome = match action {
        Action::Transition(t) => {
            let Some(to) = t.apply(from) else {
                return Ok(ActionOutcome::Illegal(from));
            };
            let (kind, text, assignee) = match t {
                Transition::TakeOver => ("handoff.accepted", SystemNote::Joined.text(), Some(actor_id)),
                Transition::PassToAi => ("passed_to_ai", SystemNote::PassedBack.text(), None),
                // Closing keeps who handled it, for the record.
                Transition::Close => ("closed", SystemNote::Closed.text(), row.assignee_id),
            };
            sqlx::query("UPDATE conversations SET status = $1, assignee_id = $2, updated_at = $3 WHERE id = $4")
                .bind(to.as_str())
                .bind(assignee)
                .bind(&at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let message = NewMessage { author: MessageAuthor::System, text, fallback: false, user_id: Some(actor_id) };
            let message_id = append_message(&mut tx, id, &message, &at).await?;
            record_event(&mut tx, id, kind, Some(actor_id), &at).await?;
            ActionOutcome::Done { agent_id: row.agent_id, message_id: Some(message_id) }
        }
        Action::Assign { team_id, assignee_id } => {
            if from == ConversationStatus::Closed {
                return Ok(ActionOutcome::Illegal(from));
            }
            if let Some(team) = team_id {
                if !team_in_org(&mut tx, scope.org_id, *team).await? {
                    return Ok(ActionOutcome::UnknownTeam);
                }
            }
            if let Some(user) = assignee_id {
                if !user_in_org(&mut tx, scope.org_id, *user).await? {
                    return Ok(ActionOutcome::UnknownAssignee);
                }
            }
            sqlx::query("UPDATE conversations SET team_id = $1, assignee_id = $2, updated_at = $3 WHERE id = $4")
                .bind(team_id)
                .bind(assignee_id)
                .bind(&at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            record_event(&mut tx, id, "assigned", Some(actor_id), &at).await?;
            ActionOutcome::Done { agent_id: row.agent_id, message_id: None }
        }
        Action::Reply(text) => {
            // Only the person holding the conversation talks to the visitor; in any other
            // state the bot (or nobody) does.
            if from != ConversationStatus::Human {
                return Ok(ActionOutcome::Illegal(from));
            }
            sqlx::query("UPDATE conversations SET updated_at = $1 WHERE id = $2")
                .bind(&at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let message = NewMessage { author: MessageAuthor::Human, text, fallback: false, user_id: Some(actor_id) };
            let message_id = append_message(&mut tx, id, &message, &at).await?;
            record_event(&mut tx, id, "replied", Some(actor_id), &at).await?;
            ActionOutcome::Done { agent_id: row.agent_id, message_id: Some(message_id) }
        }
    };
    tx.commit().await?;
    Ok(outcome)
}

async fn team_in_org(conn: &mut AnyConnection, org_id: i64, team_id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM teams WHERE id = $1 AND org_id = $2")
        .bind(team_id)
        .bind(org_id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

/// A client user of the org who may still sign in.
async fn user_in_org(conn: &mut AnyConnection, org_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE id = $1 AND org_id = $2 AND disabled = FALSE")
        .bind(user_id)
        .bind(org_id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}
