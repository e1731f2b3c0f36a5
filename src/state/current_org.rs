//! The organization an org page shows, shared by its tabs so a save in one updates all.

use crate::api::ApiError;
use atrium_api::Organization;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct CurrentOrg {
    org: RwSignal<Option<Organization>>,
}

impl CurrentOrg {
    pub fn get(&self) -> Option<Organization> {
        self.org.get()
    }

    pub fn get_untracked(&self) -> Option<Organization> {
        self.org.get_untracked()
    }

    pub fn set(&self, org: Organization) {
        self.org.set(Some(org));
    }

    /// Fetches org `id` afresh and shows it to every tab.
    pub async fn load(self, id: i64) -> Result<(), ApiError> {
        self.set(crate::api::orgs::get_org(id).await?);
        Ok(())
    }
}

pub fn provide_current_org() -> CurrentOrg {
    let current = CurrentOrg { org: RwSignal::new(None) };
    provide_context(current);
    current
}

pub fn use_current_org() -> CurrentOrg {
    expect_context::<CurrentOrg>()
}
