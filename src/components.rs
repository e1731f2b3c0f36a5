//! Reusable views: they take props and never fetch.

pub mod agent_list;
pub mod ask_first;
pub mod bar_chart;
pub mod billing_view;
pub mod conflict_panel;
pub mod copy_button;
pub mod danger_zone;
pub mod dashboard_preview;
pub mod error_notice;
pub mod field_error;
pub mod key_table;
pub mod language_picker;
pub mod leave_guard;
pub mod link;
pub mod org_info_form;
pub mod org_table;
pub mod pagination;
pub mod password_field;
pub mod permission_label;
pub mod reply_box;
pub mod save_bar;
pub mod search_box;
pub mod secret_once;
pub mod setup_checklist;
pub mod status_label;
pub mod text_field;
