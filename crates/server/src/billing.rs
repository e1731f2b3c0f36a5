//! Billing rules that need no database: calendar periods, timestamps, and the lines an
//! invoice carries. The SQL lives in `store` (plans, subscriptions, invoices); who may
//! call what lives in `access`; payments go through [`crate::payments`].

pub mod lines;
pub mod period;
pub mod refresh;

/// Days an invoice may stay open before its subscription turns `past_due`.
pub const DAYS_TO_PAY: i64 = 14;
