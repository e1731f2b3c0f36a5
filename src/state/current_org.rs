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

/// The tab's view of the current org, made afresh whenever the page moves to another org.
/// An org page's tabs stay mounted when only the id in the address changes, so a tab that
/// read the org once would go on showing the one before. A save to the same org does not
/// remake the tab (it would lose what is typed there); the tab reads such changes itself.
pub fn for_current_org<V: IntoView + 'static>(
    tab: impl Fn(Organization) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let current = use_current_org();
    let id = Memo::new(move |_| current.org.with(|o| o.as_ref().map(|o| o.id)));
    move || id.get().and_then(|_| current.get_untracked()).map(&tab)
}
