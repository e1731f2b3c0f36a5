//! Agency plans, client subscriptions, credits and invoices. Money is integer minor
//! units (cents) of an ISO 4217 currency, end to end.

use crate::validate::{self, FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

/// Currencies plans may use, with their minor-unit digits (ISO 4217).
pub const CURRENCIES: &[(&str, u32)] = &[
    ("USD", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("CHF", 2),
    ("CAD", 2),
    ("AUD", 2),
    ("SEK", 2),
    ("NOK", 2),
    ("DKK", 2),
    ("PLN", 2),
    ("TRY", 2),
    ("BRL", 2),
    ("MXN", 2),
    ("INR", 2),
    ("AED", 2),
    ("SAR", 2),
    ("JPY", 0),
    ("KRW", 0),
];

pub fn minor_digits(currency: &str) -> Option<u32> {
    CURRENCIES.iter().find(|(c, _)| *c == currency).map(|(_, d)| *d)
}

/// An amount as a person types it ("29", "29.5", "29,50", "1 000") in minor units of a
/// currency with `digits` decimals (2 → cents, 0 → yen); `None` for anything else,
/// including more decimals than the currency has or a negative amount.
pub fn parse_amount(text: &str, digits: u32) -> Option<i64> {
    let text: String = text.trim().chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    let (whole, fraction) = match text.rfind(['.', ',']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text.as_str(), ""),
    };
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    if fraction.len() > digits as usize {
        return None;
    }
    let scale = 10i64.checked_pow(digits)?;
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let fraction: i64 =
        if fraction.is_empty() { 0 } else { format!("{fraction:0<width$}", width = digits as usize).parse().ok()? };
    whole.checked_mul(scale)?.checked_add(fraction)
}

crate::wire_enum! {
    pub enum PlanInterval {
        Month = "month",
        Year = "year",
    }
}

/// `{"id", "name", "price_cents", "currency", "interval", "included_conversations"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Plan {
    pub id: i64,
    pub name: String,
    pub price_cents: i64,
    pub currency: String,
    pub interval: PlanInterval,
    pub included_conversations: i64,
    /// Retired plans cannot be chosen any more; subscriptions on them run on.
    pub retired: bool,
}

/// `POST /api/v1/plans`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPlan {
    pub name: String,
    pub price_cents: i64,
    pub currency: String,
    pub interval: PlanInterval,
    pub included_conversations: i64,
}

/// `PATCH /api/v1/plans/{id}`: existing subscriptions keep their terms until renewal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_cents: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub included_conversations: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<bool>,
}

crate::wire_enum! {
    pub enum SubscriptionStatus {
        Trialing = "trialing",
        Active = "active",
        PastDue = "past_due",
        Canceled = "canceled",
    }
}

/// An org's subscription, with the terms it was taken on (a later plan edit does not
/// change them before renewal).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Subscription {
    pub id: i64,
    pub plan_id: i64,
    pub plan_name: String,
    pub price_cents: i64,
    pub currency: String,
    pub interval: PlanInterval,
    pub included_conversations: i64,
    pub status: SubscriptionStatus,
    pub current_period_start: String,
    pub current_period_end: String,
    /// Cancelled by the client: runs to the period's end, then stops; can be resumed before.
    pub cancel_at_period_end: bool,
}

/// `GET /api/v1/orgs/{org}/billing`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BillingOverview {
    pub subscription: Option<Subscription>,
    /// Conversations this period, counted from the org's real conversations.
    pub conversations_used: i64,
    /// Included conversations left this period (never below zero).
    pub credits_left: i64,
    /// Plans the org may choose (not retired).
    pub plans: Vec<Plan>,
}

/// `PUT /api/v1/orgs/{org}/billing/subscription`: choose or change the plan (prorated).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChoosePlan {
    pub plan_id: i64,
}

crate::wire_enum! {
    pub enum InvoiceStatus {
        Open = "open",
        Paid = "paid",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceLine {
    pub description: String,
    /// Negative for credits (e.g. the unused part of a previous plan).
    pub amount_cents: i64,
}

/// Invoices are never deleted or edited; corrections are new entries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invoice {
    pub id: i64,
    /// Sequential per agency, e.g. `INV-000042`.
    pub number: String,
    pub status: InvoiceStatus,
    pub currency: String,
    pub total_cents: i64,
    pub lines: Vec<InvoiceLine>,
    pub issued_at: String,
    pub due_at: String,
    pub paid_at: Option<String>,
}

/// The amount for `remaining` of `total` seconds of a period priced `price_cents`,
/// rounded half up to a whole minor unit.
pub fn prorate(price_cents: i64, remaining_secs: i64, total_secs: i64) -> i64 {
    if total_secs <= 0 || remaining_secs <= 0 {
        return 0;
    }
    let remaining = remaining_secs.min(total_secs) as i128;
    let num = i128::from(price_cents) * remaining;
    let den = total_secs as i128;
    ((2 * num + den) / (2 * den)) as i64
}

fn name(value: &str) -> Result<(), FieldError> {
    validate::visible_name(value, 80)
}

fn non_negative(v: i64) -> Result<(), FieldError> {
    if v < 0 {
        Err(FieldError::Negative)
    } else {
        Ok(())
    }
}

impl NewPlan {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.check("name", name(&self.name));
        errors.check("price_cents", non_negative(self.price_cents));
        if minor_digits(&self.currency).is_none() {
            errors.check("currency", Err(FieldError::Unknown));
        }
        errors.check("included_conversations", non_negative(self.included_conversations));
        errors.into_result()
    }
}

impl PlanPatch {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        if let Some(n) = &self.name {
            errors.check("name", name(n));
        }
        if let Some(p) = self.price_cents {
            errors.check("price_cents", non_negative(p));
        }
        if let Some(c) = self.included_conversations {
            errors.check("included_conversations", non_negative(c));
        }
        errors.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proration_rounds_half_up_and_never_exceeds_the_price() {
        assert_eq!(prorate(3000, 15, 30), 1500);
        assert_eq!(prorate(1000, 1, 3), 333); // 333.33
        assert_eq!(prorate(1000, 2, 3), 667); // 666.67
        assert_eq!(prorate(1, 1, 2), 1); // 0.5 rounds up
        assert_eq!(prorate(999, 40, 30), 999);
        assert_eq!(prorate(999, 0, 30), 0);
        assert_eq!(prorate(i64::MAX / 2, 1, 2), i64::MAX / 4 + 1, "no overflow on large prices");
    }

    #[test]
    fn plans_refuse_negative_amounts_and_unknown_currencies() {
        let mut p = NewPlan {
            name: "Pro".into(),
            price_cents: 4900,
            currency: "EUR".into(),
            interval: PlanInterval::Month,
            included_conversations: 1000,
        };
        assert!(p.validate().is_ok());
        p.price_cents = -1;
        p.currency = "XXX".into();
        p.included_conversations = -5;
        let e = p.validate().unwrap_err();
        assert_eq!(e.get("price_cents"), Some(FieldError::Negative));
        assert_eq!(e.get("currency"), Some(FieldError::Unknown));
        assert_eq!(e.get("included_conversations"), Some(FieldError::Negative));
        assert_eq!(minor_digits("JPY"), Some(0));
        let json = r#"{"name":"x","price_cents":1.5,"currency":"EUR","interval":"month","included_conversations":1}"#;
        assert!(serde_json::from_str::<NewPlan>(json).is_err(), "fractional cents are refused");
    }

    #[test]
    fn amounts_are_read_as_people_type_them() {
        use super::parse_amount;
        assert_eq!(parse_amount("29", 2), Some(2900));
        assert_eq!(parse_amount("29.5", 2), Some(2950));
        assert_eq!(parse_amount("29,50", 2), Some(2950));
        assert_eq!(parse_amount(" 1 000 ", 2), Some(100_000));
        assert_eq!(parse_amount("0.99", 2), Some(99));
        assert_eq!(parse_amount("2900", 0), Some(2900));
        assert_eq!(parse_amount("29.999", 2), None, "more decimals than cents");
        assert_eq!(parse_amount("12.5", 0), None, "yen have no decimals");
        for bad in ["", "-5", "abc", "1e3", ".", "1.2.3x"] {
            assert_eq!(parse_amount(bad, 2), None, "{bad:?}");
        }
    }
}
