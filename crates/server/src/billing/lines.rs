//! What each billing event puts on an invoice. Pure functions of the terms and the time,
//! so the amounts are tested here to the cent, apart from any database.

use super::period::{add_interval, label};
use atrium_api::billing::prorate;
use atrium_api::{InvoiceLine, Plan, PlanInterval};
use time::OffsetDateTime;

/// A whole period of a plan: `Starter (2024-01-15 to 2024-02-15)`.
pub fn period_line(plan_name: &str, price_cents: i64, start: OffsetDateTime, end: OffsetDateTime) -> InvoiceLine {
    InvoiceLine { description: format!("{plan_name} ({})", label(start, end)), amount_cents: price_cents }
}

/// The terms a subscription runs on while the plan changes.
pub struct Current<'a> {
    pub plan_name: &'a str,
    pub price_cents: i64,
    pub interval: PlanInterval,
    pub start: OffsetDateTime,
    pub end: OffsetDateTime,
}

/// A plan change at `now`: the new period, and the lines of the one invoice it issues.
///
/// On the same interval the period stays: the unused rest of the old price comes back
/// as a credit and the new plan is charged for that same rest, both by
/// [`prorate`] over the period's length in seconds. Across intervals (month to year)
/// prorating one price over the other's period would charge nonsense, so the credit is
/// the same but the new plan starts a whole fresh period at `now`.
pub fn change(
    current: &Current<'_>,
    plan: &Plan,
    now: OffsetDateTime,
) -> ((OffsetDateTime, OffsetDateTime), Vec<InvoiceLine>) {
    let total = (current.end - current.start).whole_seconds();
    let remaining = (current.end - now).whole_seconds();
    let credit = InvoiceLine {
        description: format!("Unused time on {} ({})", current.plan_name, label(now, current.end)),
        amount_cents: -prorate(current.price_cents, remaining, total),
    };
    if plan.interval != current.interval {
        let end = add_interval(now, plan.interval);
        return ((now, end), vec![credit, period_line(&plan.name, plan.price_cents, now, end)]);
    }
    let charge = InvoiceLine {
        description: format!("{} ({})", plan.name, label(now, current.end)),
        amount_cents: prorate(plan.price_cents, remaining, total),
    };
    ((current.start, current.end), vec![credit, charge])
}

/// What lines add up to: an invoice's total.
pub fn total(lines: &[InvoiceLine]) -> i64 {
    lines.iter().map(|l| l.amount_cents).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    fn plan(name: &str, price_cents: i64, interval: PlanInterval) -> Plan {
        let currency = "USD".into();
        Plan { id: 1, name: name.into(), price_cents, currency, interval, included_conversations: 0, retired: false }
    }

    #[test]
    fn a_mid_period_upgrade_credits_the_old_rest_and_charges_the_new_rest() {
        let start = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        let end = start + Duration::days(30);
        let current = Current { plan_name: "Starter", price_cents: 2900, interval: PlanInterval::Month, start, end };
        // A third of the period left: 966.67 and 3300 exactly.
        let now = start + Duration::days(20);
        let (period, lines) = change(&current, &plan("Growth", 9900, PlanInterval::Month), now);
        assert_eq!(period, (start, end), "the period stays");
        assert_eq!(lines.iter().map(|l| l.amount_cents).collect::<Vec<_>>(), [-967, 3300]);
        assert_eq!(total(&lines), 2333);
        assert!(lines[0].description.starts_with("Unused time on Starter ("), "{}", lines[0].description);
    }

    #[test]
    fn a_change_of_interval_starts_a_fresh_period() {
        let start = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        let end = start + Duration::days(30);
        let current = Current { plan_name: "Starter", price_cents: 3000, interval: PlanInterval::Month, start, end };
        let now = start + Duration::days(15);
        let (period, lines) = change(&current, &plan("Annual", 30000, PlanInterval::Year), now);
        assert_eq!(period, (now, add_interval(now, PlanInterval::Year)));
        assert_eq!(lines.iter().map(|l| l.amount_cents).collect::<Vec<_>>(), [-1500, 30000]);
    }
}
