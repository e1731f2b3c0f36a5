//! The organization an org page shows, shared by its tabs so a save in one updates all.

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
}

pub fn provide_current_org() -> CurrentOrg {
    let current = CurrentOrg { org: RwSignal::new(None) };
    provide_context(current);
    current
}

pub fn use_current_org() -> CurrentOrg {
    expect_context::<CurrentOrg>()
}
