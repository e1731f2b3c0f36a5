//! Conversations between visitors, agents and client teams: the seed's way in, reading
//! (scoped to what the caller may see), and the helpers every change uses.

use super::columns::Columns;
use super::paging::page_bounds;
#[cfg(doc)]
use super::timestamp;
use super::{fts_query, json_ids, like_pattern, now, trigram_searchable, Db, Dialect, Flag};
use atrium_api::{
    Conversation, ConversationListQuery, ConversationStatus, ConversationSummary, Message, MessageAuthor, Total,
    MAX_SEARCH_MATCHES,
};
use sqlx::{AnyConnection, FromRow};

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
    let (sql, args) = Columns::new()
        .value("org_id", c.org_id)
        .value("agent_id", c.agent_id)
        .value("external_id", c.external_id)
        .value("status", c.status)
        .value("assignee_id", c.assignee_id)
        .value("team_id", c.team_id)
        .value("contact_name", c.contact_name)
        .value("created_at", &now)
        .value("updated_at", &now)
        .insert("conversations", "RETURNING id")?;
    let id: i64 = sqlx::query_scalar_with(&sql, args).fetch_one(&mut *tx).await?;
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

/// Which of an org's conversations a caller may see: all of them (agency staff), or only
/// those of some agents (a client user; see `agents_for_client`). Every read and write of
/// a conversation goes through one, so an invisible conversation is simply not found.
#[derive(Clone, Debug)]
pub struct ConversationScope {
    pub org_id: i64,
    pub agent_ids: Option<Vec<i64>>,
}

impl ConversationScope {
    /// The agents as one JSON parameter, `NULL` meaning "all of them".
    pub(super) fn agents_param(&self) -> Option<String> {
        self.agent_ids.as_deref().map(json_ids)
    }
}

/// The scope's condition on `c`, its parameters being `$1` (org) and `$2` (agents).
pub(super) fn in_scope(dialect: Dialect) -> String {
    format!("c.org_id = $1 AND ($2 IS NULL OR c.agent_id IN ({}))", dialect.id_list("$2"))
}

#[derive(FromRow)]
pub(super) struct ConversationRow {
    pub id: i64,
    pub status: String,
    pub agent_id: i64,
    pub assignee_id: Option<i64>,
    pub team_id: Option<i64>,
    pub contact_name: String,
    pub created_at: String,
    pub updated_at: String,
}

impl ConversationRow {
    pub fn status(&self) -> ConversationStatus {
        stored_status(&self.status)
    }
}

/// A status as `conversations.status` holds it: its CHECK constraint keeps the column to
/// the known values.
pub(super) fn stored_status(text: &str) -> ConversationStatus {
    ConversationStatus::parse(text).unwrap_or(ConversationStatus::Bot)
}

const CONVERSATION_COLUMNS: &str =
    "c.id, c.status, c.agent_id, c.assignee_id, c.team_id, c.contact_name, c.created_at, c.updated_at";

/// The conversation if it is in `scope`.
pub(super) async fn conversation_row(
    conn: &mut AnyConnection,
    scope: &ConversationScope,
    id: i64,
) -> Result<Option<ConversationRow>, sqlx::Error> {
    let in_scope = in_scope(Dialect::of_conn(conn));
    let sql = format!("SELECT {CONVERSATION_COLUMNS} FROM conversations c WHERE {in_scope} AND c.id = $3");
    sqlx::query_as::<_, ConversationRow>(&sql)
        .bind(scope.org_id)
        .bind(scope.agents_param())
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

#[derive(FromRow)]
struct MessageRow {
    id: i64,
    author: String,
    text: String,
    created_at: String,
}

impl From<MessageRow> for Message {
    fn from(r: MessageRow) -> Self {
        Message {
            id: r.id,
            author: MessageAuthor::parse(&r.author).unwrap_or(MessageAuthor::System),
            text: r.text,
            created_at: r.created_at,
        }
    }
}

/// One conversation in `scope` with its transcript oldest first; system messages only
/// when `with_system` (the org shows handoff messages).
pub async fn get_conversation(
    db: &Db,
    scope: &ConversationScope,
    id: i64,
    with_system: bool,
) -> Result<Option<Conversation>, sqlx::Error> {
    let mut conn = db.acquire().await?;
    let Some(row) = conversation_row(&mut conn, scope, id).await? else {
        return Ok(None);
    };
    let messages = sqlx::query_as::<_, MessageRow>(
        "SELECT id, author, text, created_at FROM messages \
         WHERE conversation_id = $1 AND ($2 OR author != 'system') ORDER BY id",
    )
    .bind(id)
    .bind(with_system)
    .fetch_all(&mut *conn)
    .await?;
    let assignee_name = match row.assignee_id {
        Some(user) => {
            sqlx::query_scalar("SELECT name FROM users WHERE id = $1").bind(user).fetch_optional(&mut *conn).await?
        }
        None => None,
    };
    Ok(Some(Conversation {
        id: row.id,
        status: row.status(),
        agent_id: row.agent_id,
        assignee_id: row.assignee_id,
        assignee_name,
        team_id: row.team_id,
        contact_name: row.contact_name,
        messages: messages.into_iter().map(Into::into).collect(),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }))
}

#[derive(FromRow)]
struct SummaryRow {
    #[sqlx(flatten)]
    c: ConversationRow,
    last_id: Option<i64>,
    last_author: Option<String>,
    last_text: Option<String>,
    last_created_at: Option<String>,
    #[sqlx(try_from = "Flag")]
    unread: bool,
    /// How many conversations the page's filter matches: counted by the page query, or
    /// the kept count.
    match_total: Option<i64>,
}

impl From<SummaryRow> for ConversationSummary {
    fn from(r: SummaryRow) -> Self {
        let last_message = match (r.last_id, r.last_author, r.last_text, r.last_created_at) {
            (Some(id), Some(author), Some(text), Some(created_at)) => {
                Some(MessageRow { id, author, text, created_at }.into())
            }
            _ => None,
        };
        ConversationSummary {
            id: r.c.id,
            status: r.c.status(),
            agent_id: r.c.agent_id,
            assignee_id: r.c.assignee_id,
            team_id: r.c.team_id,
            contact_name: r.c.contact_name,
            last_message,
            updated_at: r.c.updated_at,
            unread: r.unread,
        }
    }
}

/// A page of the inbox: conversations in `scope`, newest activity first, narrowed by the
/// query's filters; `q` searches the contact's name and the text of visitor, bot and
/// human messages, looking at no more than the [`MAX_SEARCH_MATCHES`] most recent matches
/// (see [`search_matches`]); `updated_since` (already in [`now`]'s form, see [`timestamp`])
/// keeps the conversations active since then. Each row carries its last message (system
/// ones only when `with_system`) and whether `reader` has not yet seen a message someone
/// else wrote (see [`record_read`]).
pub async fn list_conversations(
    db: &Db,
    scope: &ConversationScope,
    reader: i64,
    query: &ConversationListQuery,
    with_system: bool,
) -> Result<(Vec<ConversationSummary>, Total), sqlx::Error> {
    let list = query.list();
    let search = list.search();
    let pattern = search.map(like_pattern);
    let since = query.updated_since.as_deref();
    let dialect = Dialect::of(db);
    // A query of three characters or more goes through the trigram index; on SQLite that
    // takes its own parameter, the query as an FTS5 query ([`fts_query`]).
    let indexed = search.is_some_and(trigram_searchable);
    let fts = search.filter(|_| indexed && dialect == Dialect::Sqlite).map(fts_query);
    // `$1`–`$6` and `$8`: the scope and the filters other than the search. A filter not
    // given reads `$n IS NULL`, not `($n IS NULL OR …)`: the statement's text then says
    // which filters apply, so PostgreSQL plans each shape once and keeps the plan, where
    // `OR` made it plan every request anew for the value at hand (0.74 of the 1.1 ms an
    // inbox page took in PostgreSQL at 10,000 orgs).
    let given = |is_given: bool, condition: &str, param: &str| match is_given {
        true => condition.to_owned(),
        false => format!("{param} IS NULL"),
    };
    let filters = [
        match scope.agent_ids {
            Some(_) => in_scope(dialect),
            None => "c.org_id = $1 AND $2 IS NULL".to_owned(),
        },
        given(query.status.is_some(), "c.status = $3", "$3"),
        given(query.team_id.is_some(), "c.team_id = $4", "$4"),
        given(query.assignee_id.is_some(), "c.assignee_id = $5", "$5"),
        given(query.agent_id.is_some(), "c.agent_id = $6", "$6"),
        // Only when given, so that an unfiltered count can use `conversation_counts`.
        given(since.is_some(), "c.updated_at >= $8", "$8"),
    ]
    .join(" AND ");
    let status = query.status.map(ConversationStatus::as_str);
    // The page's ids come first, then each one's last message and unread flag: sorting
    // every match with those columns would look them up for every match, not only the 25
    // shown. A search (or a date) is counted by the page query itself, in the same pass
    // (`COUNT(*) OVER ()` sees every match before the LIMIT), rather than searched twice.
    let counted = search.is_some() || since.is_some();
    // `conversation_counts` (migration 0009) holds the total of every combination of the
    // columns filtered above, under the same names: without a search or a date the total
    // is a sum over a few of its rows, not a count of the inbox. The page's rows carry it,
    // so that the page is one statement.
    let kept_total = format!(
        "SELECT CAST(COALESCE(SUM(c.n), 0) AS BIGINT) FROM conversation_counts c WHERE {filters} AND $7 IS NULL"
    );
    // Whether system messages show is written into the statement for the same reason as
    // the filters, and so are the page's bounds ([`page_bounds`]).
    let bounds = page_bounds(&list);
    let hide_system = |alias: &str| if with_system { String::new() } else { format!("AND {alias}.author != 'system'") };
    let page_ids = match search {
        Some(_) => format!(
            "SELECT k.id, COUNT(*) OVER () AS match_total FROM ({}) k \
             ORDER BY k.updated_at DESC, k.id DESC {bounds}",
            search_matches(dialect, indexed, &filters, "$10")
        ),
        None => format!(
            "SELECT c.id{} FROM conversations c WHERE {filters} AND $7 IS NULL \
             ORDER BY c.updated_at DESC, c.id DESC {bounds}",
            if counted { ", COUNT(*) OVER () AS match_total" } else { "" },
        ),
    };
    let sql = format!(
        "SELECT {CONVERSATION_COLUMNS}, m.id AS last_id, m.author AS last_author, m.text AS last_text, \
         m.created_at AS last_created_at, EXISTS (SELECT 1 FROM messages u WHERE u.conversation_id = c.id \
              AND u.id > COALESCE(r.last_read_message_id, 0) {} \
              AND (u.user_id IS NULL OR u.user_id != $9)) AS unread{} \
         FROM ({page_ids}) p \
         JOIN conversations c ON c.id = p.id \
         LEFT JOIN messages m ON m.id = (SELECT l.id FROM messages l WHERE l.conversation_id = c.id \
              {} ORDER BY l.id DESC LIMIT 1) \
         LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = $9 \
         ORDER BY c.updated_at DESC, c.id DESC",
        hide_system("u"),
        if counted { ", p.match_total".to_owned() } else { format!(", ({kept_total}) AS match_total") },
        hide_system("l"),
    );
    // `$1`–`$8`, the filter's parameters, in both queries.
    macro_rules! bind_filter {
        ($query:expr) => {
            $query
                .bind(scope.org_id)
                .bind(scope.agents_param())
                .bind(status)
                .bind(query.team_id)
                .bind(query.assignee_id)
                .bind(query.agent_id)
                .bind(&pattern)
                .bind(since)
        };
    }
    let mut page = bind_filter!(sqlx::query_as::<_, SummaryRow>(&sql)).bind(reader);
    if let Some(fts) = &fts {
        page = page.bind(fts);
    }
    let mut rows = page.fetch_all(db).await?;
    let found = match rows.first() {
        Some(row) => row.match_total.unwrap_or(0),
        // A page past the last match has no row to carry the count, so it is counted on
        // its own.
        None if search.is_some() => {
            let count_sql = format!("SELECT COUNT(*) FROM ({}) k", search_matches(dialect, indexed, &filters, "$9"));
            let mut count = bind_filter!(sqlx::query_scalar(&count_sql));
            if let Some(fts) = &fts {
                count = count.bind(fts);
            }
            count.fetch_one(db).await?
        }
        None => {
            let count_sql = match counted {
                true => format!("SELECT COUNT(*) FROM conversations c WHERE {filters} AND $7 IS NULL"),
                false => kept_total,
            };
            bind_filter!(sqlx::query_scalar(&count_sql)).fetch_one(db).await?
        }
    };
    let total = match search {
        Some(_) => {
            // The page is the most recent of the matches looked at; those past the cap
            // only say there are more.
            rows.truncate((MAX_SEARCH_MATCHES.saturating_sub(list.offset())) as usize);
            Total::of_search(found.max(0) as u64)
        }
        None => Total::exact(found.max(0) as u64),
    };
    Ok((rows.into_iter().map(Into::into).collect(), total))
}

/// The ids and `updated_at` of the conversations matching `filters` whose contact's name
/// or visitor, bot or human message holds `$7` (a `LIKE` pattern, any ASCII case), as far
/// as the `MAX_SEARCH_MATCHES + 1` most recent matching names and the conversations of as
/// many most recent matching messages: more than `MAX_SEARCH_MATCHES` of them means the
/// search stopped short. With `indexed` (three characters or more) the trigram indexes find
/// the candidates: PostgreSQL's on the lower-cased columns, SQLite's `conversation_search`
/// table queried with `fts_param` and checked again with the same `LIKE`, so both answer
/// exactly what the scan would.
fn search_matches(dialect: Dialect, indexed: bool, filters: &str, fts_param: &str) -> String {
    let limit = MAX_SEARCH_MATCHES + 1;
    let (names, messages) = match (indexed, dialect) {
        // SQLite plans without statistics and would rather walk the org's whole inbox than
        // start from the few conversations the search index names: a unary `+` keeps the
        // org's indexes out. Names are indexed under their conversation's id negated,
        // messages under their own id (migration 0007), so each kind is read newest first,
        // and a name's row is its conversation, a message's row its message: no read of the
        // index's own copy of the text.
        (true, Dialect::Sqlite) => (
            format!(
                "SELECT c.id, c.updated_at FROM conversation_search s JOIN conversations c ON c.id = -s.rowid \
                 WHERE s.conversation_search MATCH {fts_param} AND s.rowid < 0 \
                 AND lower(c.contact_name) LIKE $7 ESCAPE '\\' AND +{filters} ORDER BY s.rowid LIMIT {limit}"
            ),
            // DISTINCT: several matching messages of one conversation count once.
            format!(
                "SELECT DISTINCT c.id, c.updated_at FROM conversation_search s JOIN messages x ON x.id = s.rowid \
                 JOIN conversations c ON c.id = x.conversation_id WHERE s.conversation_search MATCH {fts_param} \
                 AND s.rowid > 0 AND lower(x.text) LIKE $7 ESCAPE '\\' AND +{filters} \
                 ORDER BY s.rowid DESC LIMIT {limit}"
            ),
        ),
        // The matches as an array, looked up one by one through the primary key: as an
        // `IN (…)` join the planner guessed 1% of the inbox would match and read all of it.
        (true, Dialect::Postgres) => (
            format!(
                "SELECT c.id, c.updated_at FROM conversations c WHERE c.id = ANY(ARRAY(SELECT k.id FROM conversations k \
                 WHERE k.org_id = $1 AND lower(k.contact_name) LIKE $7 ESCAPE '\\')) AND {filters} \
                 ORDER BY c.id DESC LIMIT {limit}"
            ),
            format!(
                "SELECT c.id, c.updated_at FROM messages s JOIN conversations c ON c.id = s.conversation_id \
                 WHERE s.id = ANY(ARRAY(SELECT m.id FROM messages m WHERE m.author != 'system' \
                 AND lower(m.text) LIKE $7 ESCAPE '\\')) AND {filters} \
                 GROUP BY c.id, c.updated_at ORDER BY MAX(s.id) DESC LIMIT {limit}"
            ),
        ),
        // One or two characters: no index helps, so the inbox is walked newest activity
        // first and the walk stops at the cap.
        (false, _) => {
            return format!(
                "SELECT c.id, c.updated_at FROM conversations c WHERE {filters} AND (lower(c.contact_name) LIKE $7 \
                 ESCAPE '\\' OR EXISTS (SELECT 1 FROM messages s WHERE s.conversation_id = c.id \
                 AND s.author != 'system' AND lower(s.text) LIKE $7 ESCAPE '\\')) \
                 ORDER BY c.updated_at DESC, c.id DESC LIMIT {limit}"
            )
        }
    };
    format!("SELECT id, updated_at FROM ({names}) n UNION SELECT id, updated_at FROM ({messages}) m")
}

/// Records that `user_id` has read conversation `conversation_id` up to `message_id` (the
/// newest message shown to them); never moves the mark back.
pub async fn record_read(db: &Db, user_id: i64, conversation_id: i64, message_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO conversation_reads (user_id, conversation_id, last_read_message_id) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, conversation_id) DO UPDATE SET \
         last_read_message_id = CASE WHEN excluded.last_read_message_id > conversation_reads.last_read_message_id \
         THEN excluded.last_read_message_id ELSE conversation_reads.last_read_message_id END",
    )
    .bind(user_id)
    .bind(conversation_id)
    .bind(message_id)
    .execute(db)
    .await?;
    Ok(())
}

/// A message appended to a conversation; answers its id.
pub(super) struct NewMessage<'a> {
    pub author: MessageAuthor,
    pub text: &'a str,
    /// A bot reply that could not answer.
    pub fallback: bool,
    /// The client user who wrote a human reply.
    pub user_id: Option<i64>,
}

pub(super) async fn append_message(
    conn: &mut AnyConnection,
    conversation_id: i64,
    m: &NewMessage<'_>,
    at: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO messages (conversation_id, author, text, fallback, user_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(conversation_id)
    .bind(m.author.as_str())
    .bind(m.text)
    .bind(m.fallback)
    .bind(m.user_id)
    .bind(at)
    .fetch_one(&mut *conn)
    .await
}

/// Records one state change of a conversation (see the `conversation_events` table).
pub(super) async fn record_event(
    conn: &mut AnyConnection,
    conversation_id: i64,
    kind: &str,
    actor_id: Option<i64>,
    at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO conversation_events (conversation_id, kind, actor_id, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(conversation_id)
    .bind(kind)
    .bind(actor_id)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records a past state change as given: the demo seed's way to give analytics a history.
pub async fn insert_conversation_event(
    db: &Db,
    conversation_id: i64,
    kind: &str,
    actor_id: Option<i64>,
) -> Result<(), sqlx::Error> {
    record_event(&mut *db.acquire().await?, conversation_id, kind, actor_id, &now()).await
}
