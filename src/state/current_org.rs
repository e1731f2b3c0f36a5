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

/// A tab's view of the org its page shows, given to it as a value. The org page remakes its
/// tab whenever it moves to another org (`OrgPage`), so the org a tab is given is always
/// the one in the address; a save to the same org does not remake the tab (it would lose
/// what is typed there), and the tab reads such changes itself.
pub fn for_current_org<V>(tab: impl FnOnce(Organization) -> V) -> Option<V> {
    use_current_org().get_untracked().map(tab)
}

/// The id of the org on show, changing only when the page moves to another org.
pub fn current_org_id() -> Memo<Option<i64>> {
    let current = use_current_org();
    Memo::new(move |_| current.org.with(|o| o.as_ref().map(|o| o.id)))
}
