//! Reusable views: they take props and never fetch.

pub mod agent_list;
pub mod error_notice;
pub mod field_error;
pub mod org_table;
pub mod pagination;
pub mod search_box;
