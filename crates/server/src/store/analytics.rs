//! The numbers behind the Analytics page: per UTC day, conversations started, handoffs
//! requested and accepted, and the median wait from a handoff request to the first human
//! reply. Read from `conversations`, `conversation_events` and `messages`.

use super::conversations::{in_scope, ConversationScope};
use super::{Db, Dialect};
use atrium_api::{Analytics, DayStats};
use std::collections::BTreeMap;
use time::format_description::well_known::Rfc3339;
use time::{Date, Duration, OffsetDateTime};

/// Narrowing of the numbers to one agent or one team (the conversation's current team).
pub struct AnalyticsFilter {
    pub days: u32,
    pub agent_id: Option<i64>,
    pub team_id: Option<i64>,
}

/// `days` UTC days up to and including today, oldest first, each present even when empty.
pub async fn analytics(db: &Db, scope: &ConversationScope, f: &AnalyticsFilter) -> Result<Analytics, sqlx::Error> {
    let today = OffsetDateTime::now_utc().date();
    let first = today - Duration::days(i64::from(f.days.max(1)) - 1);
    let since = format!("{}T00:00:00.000000Z", day(first));
    let in_scope = in_scope(Dialect::of(db));
    let filter = format!("{in_scope} AND ($4 IS NULL OR c.agent_id = $4) AND ($5 IS NULL OR c.team_id = $5)");

    let mut days: BTreeMap<String, DayStats> = BTreeMap::new();
    let mut date = first;
    while date <= today {
        let d = day(date);
        days.insert(d.clone(), DayStats { date: d, conversations: 0, handoffs_requested: 0, handoffs_accepted: 0 });
        date = date.next_day().unwrap_or(date + Duration::days(1));
    }

    let created: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT substr(c.created_at, 1, 10), COUNT(*) FROM conversations c \
         WHERE {filter} AND c.created_at >= $3 GROUP BY 1"
    ))
    .bind(scope.org_id)
    .bind(scope.agents_param())
    .bind(&since)
    .bind(f.agent_id)
    .bind(f.team_id)
    .fetch_all(db)
    .await?;
    for (d, n) in created {
        if let Some(stats) = days.get_mut(&d) {
            stats.conversations = n;
        }
    }

    let handoffs: Vec<(String, String, i64)> = sqlx::query_as(&format!(
        "SELECT substr(e.created_at, 1, 10), e.kind, COUNT(*) FROM conversation_events e \
         JOIN conversations c ON c.id = e.conversation_id \
         WHERE {filter} AND e.created_at >= $3 AND e.kind IN ('handoff.requested', 'handoff.accepted') GROUP BY 1, 2"
    ))
    .bind(scope.org_id)
    .bind(scope.agents_param())
    .bind(&since)
    .bind(f.agent_id)
    .bind(f.team_id)
    .fetch_all(db)
    .await?;
    for (d, kind, n) in handoffs {
        if let Some(stats) = days.get_mut(&d) {
            if kind == "handoff.requested" {
                stats.handoffs_requested = n;
            } else {
                stats.handoffs_accepted = n;
            }
        }
    }

    // Each request in the period with the first human reply at or after it, if any.
    let waits: Vec<(String, Option<String>)> = sqlx::query_as(&format!(
        "SELECT e.created_at, (SELECT MIN(m.created_at) FROM messages m WHERE m.conversation_id = e.conversation_id \
              AND m.author = 'human' AND m.created_at >= e.created_at) \
         FROM conversation_events e JOIN conversations c ON c.id = e.conversation_id \
         WHERE {filter} AND e.created_at >= $3 AND e.kind = 'handoff.requested'"
    ))
    .bind(scope.org_id)
    .bind(scope.agents_param())
    .bind(&since)
    .bind(f.agent_id)
    .bind(f.team_id)
    .fetch_all(db)
    .await?;
    let seconds = waits.iter().filter_map(|(asked, answered)| seconds_between(asked, answered.as_deref()?)).collect();

    Ok(Analytics { days: days.into_values().collect(), median_first_response_seconds: median(seconds) })
}

fn day(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn seconds_between(from: &str, to: &str) -> Option<i64> {
    let from = OffsetDateTime::parse(from, &Rfc3339).ok()?;
    let to = OffsetDateTime::parse(to, &Rfc3339).ok()?;
    Some((to - from).whole_seconds().max(0))
}

/// The middle value (the mean of the two middle ones for an even count).
fn median(mut values: Vec<i64>) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 0 { (values[mid - 1] + values[mid]) / 2 } else { values[mid] })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_none() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![30, 10, 20]), Some(20));
        assert_eq!(median(vec![40, 10, 20, 30]), Some(25));
    }

    #[test]
    fn seconds_between_timestamps() {
        assert_eq!(seconds_between("2024-01-02T03:04:05.000000Z", "2024-01-02T03:05:06.500000Z"), Some(61));
        assert_eq!(seconds_between("bad", "2024-01-02T03:05:06Z"), None);
    }
}
