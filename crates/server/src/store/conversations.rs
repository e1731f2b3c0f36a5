//! Conversations between visitors, agents and client teams.

use super::{now, Db};

pub struct NewConversation<'a> {
    pub org_id: i64,
    pub agent_id: i64,
    pub external_id: &'a str,
    pub status: &'a str,
    pub assignee_id: Option<i64>,
    pub team_id: Option<i64>,
    pub contact_name: &'a str,
    /// (author, text) in order.
    pub messages: &'a [(&'a str, &'a str)],
}

pub async fn insert_conversation(db: &Db, c: &NewConversation<'_>) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let now = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO conversations (org_id, agent_id, external_id, status, assignee_id, team_id, contact_name, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(c.org_id)
    .bind(c.agent_id)
    .bind(c.external_id)
    .bind(c.status)
    .bind(c.assignee_id)
    .bind(c.team_id)
    .bind(c.contact_name)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    for (author, text) in c.messages {
        sqlx::query("INSERT INTO messages (conversation_id, author, text, created_at) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(author)
            .bind(text)
            .bind(&now)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(id)
}
