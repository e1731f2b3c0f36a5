//! An organization's users and teams: the console's Users and Teams tabs and the client
//! dashboard's Team page show the same panels.

pub mod teams;
pub mod users;
