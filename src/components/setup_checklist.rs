//! The recommended setup order for a new organization, ticking itself off; each step
//! links to the tab where it is done.

use crate::components::link::Link;
use crate::i18n::*;
use atrium_api::Organization;
use leptos::prelude::*;

/// Which steps are done: create, assign agents, add users, review settings, enable billing.
pub fn steps_done(org: &Organization) -> [bool; 5] {
    // Any saved change to Org Info bumps the version past the one it was created with.
    [true, org.agent_count > 0, org.user_count > 0, org.version > 1, org.settings.billing_enabled]
}

#[component]
pub fn SetupChecklist(org: Organization) -> impl IntoView {
    let i18n = use_i18n();
    let done = steps_done(&org);
    let base = format!("/agency/orgs/{}", org.id);
    // Creating is done by the time the list shows; the other steps' tabs.
    let tabs = [None, Some("/agents"), Some("/users"), Some(""), Some("/billing")];
    if done.iter().all(|d| *d) {
        return ().into_any();
    }
    let labels = move || {
        [
            t_string!(i18n, checklist.create),
            t_string!(i18n, checklist.agents),
            t_string!(i18n, checklist.users),
            t_string!(i18n, checklist.review),
            t_string!(i18n, checklist.billing),
        ]
    };
    view! {
        <section class="checklist card" aria-labelledby="checklist-title">
            <h2 id="checklist-title">{t!(i18n, checklist.title)}</h2>
            <ol>
                {move || {
                    labels()
                        .into_iter()
                        .zip(done)
                        .zip(tabs)
                        .map(|((label, done), tab)| {
                            view! {
                                <li class:done=done>
                                    <span aria-hidden="true" class="tick">
                                        {if done { "✓" } else { "○" }}
                                    </span>
                                    {match tab {
                                        Some(tab) => {
                                            view! {
                                                <Link href=format!("{base}{tab}") exact=true>
                                                    {label}
                                                </Link>
                                            }
                                                .into_any()
                                        }
                                        None => label.into_any(),
                                    }}
                                    <span class="visually-hidden">
                                        {if done {
                                            t_string!(i18n, checklist.done)
                                        } else {
                                            t_string!(i18n, checklist.todo)
                                        }}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::steps_done;
    use atrium_api::{OrgSettings, Organization};

    #[test]
    fn steps_tick_off_from_the_org_itself() {
        let mut org = Organization {
            id: 1,
            name: "New".into(),
            contact_email: None,
            logo_url: None,
            archived: false,
            version: 1,
            agent_ids: vec![],
            settings: OrgSettings::default(),
            created_at: String::new(),
            updated_at: String::new(),
            user_count: 0,
            agent_count: 0,
        };
        assert_eq!(steps_done(&org), [true, false, false, false, false]);
        org.agent_count = 2;
        org.user_count = 1;
        org.version = 2;
        org.settings.billing_enabled = true;
        assert_eq!(steps_done(&org), [true; 5]);
    }
}
