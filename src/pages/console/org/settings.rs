//! The Org Info tab: settings edited as a draft, kept in local storage until Save or
//! Discard, saved with the version they started from, conflicts resolved field by field.

use crate::api::{self, ApiError};
use crate::components::conflict_panel::ConflictPanel;
use crate::components::danger_zone::DangerZone;
use crate::components::dashboard_preview::DashboardPreview;
use crate::components::error_notice::ErrorNotice;
use crate::components::leave_guard::LeaveGuard;
use crate::components::org_info_form::OrgInfoForm;
use crate::components::save_bar::SaveBar;
use crate::drafts::org_info::{changed_fields, draft_of, Conflict};
use crate::drafts::storage::{self, StoredDraft};
use crate::focus::rescue_focus;
use crate::i18n::*;
use crate::state::current_org::use_current_org;
use atrium_api::validate::FieldErrors;
use atrium_api::{Organization, OrganizationUpdate};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Notice {
    Restored,
    Saved,
}

#[component]
pub fn OrgSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let current = use_current_org();
    let navigate = use_navigate();
    // OrgPage renders its tabs only once the org has loaded.
    let Some(org) = current.get_untracked() else {
        return ().into_any();
    };
    let org_id = org.id;

    // A draft left from an earlier visit wins over the saved state: it is the user's work.
    let saved = draft_of(&org);
    let stored = storage::load(org_id).filter(|s| !changed_fields(&s.base, &s.draft).is_empty());
    let notice = RwSignal::new(stored.as_ref().map(|_| Notice::Restored));
    let (base0, draft0) = stored.map(|s| (s.base, s.draft)).unwrap_or_else(|| (saved.clone(), saved));
    let base = RwSignal::new(base0);
    let draft = RwSignal::new(draft0);
    let changed = Memo::new(move |_| changed_fields(&base.get(), &draft.get()));
    let dirty = move || !changed.with_untracked(Vec::is_empty);
    let not_kept = RwSignal::new(false);
    let field_errors = RwSignal::new(FieldErrors::default());
    let conflict = RwSignal::new(None::<Conflict>);
    let failure = RwSignal::new(None::<ApiError>);

    Effect::new(move |_| {
        let (b, d) = (base.get(), draft.get());
        if changed_fields(&b, &d).is_empty() {
            storage::clear(org_id);
            not_kept.set(false);
        } else {
            not_kept.set(!storage::save(org_id, &StoredDraft { base: b, draft: d }));
        }
    });

    let save = Action::new_local(move |d: &OrganizationUpdate| {
        let d = d.clone();
        async move { api::orgs::update(org_id, &d).await }
    });
    let adopt = move |org: Organization| {
        let fresh = draft_of(&org);
        base.set(fresh.clone());
        draft.set(fresh);
        current.set(org);
    };
    Effect::new(move |_| match save.value().get() {
        Some(Ok(org)) => {
            adopt(org);
            field_errors.set(FieldErrors::default());
            failure.set(None);
            notice.set(Some(Notice::Saved));
            // Save was pressed in the bar that now closes: focus goes to the outcome.
            rescue_focus("org-info-saved");
        }
        Some(Err(ApiError::Conflict(_))) => spawn_local(async move {
            match api::orgs::get_org(org_id).await {
                Ok(theirs) => {
                    // The user may have left the tab while theirs was fetched: this page's
                    // signals are disposed then, and reading one would panic.
                    if let (Some(base), Some(mine)) = (base.try_get_untracked(), draft.try_get_untracked()) {
                        let _ = conflict.try_set(Some(Conflict { base, mine, theirs: draft_of(&theirs) }));
                    }
                    current.set(theirs);
                }
                Err(e) => failure.set(Some(e)),
            }
        }),
        Some(Err(ApiError::Validation(fields))) => field_errors.set(fields),
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });

    let do_save = move || {
        if save.pending().get_untracked() || conflict.with_untracked(Option::is_some) {
            return;
        }
        let d = draft.get_untracked();
        notice.set(None);
        failure.set(None);
        match d.validate() {
            Ok(()) => {
                field_errors.set(FieldErrors::default());
                save.dispatch(d);
            }
            Err(errors) => field_errors.set(errors),
        }
    };
    let discard = move || {
        draft.set(base.get_untracked());
        field_errors.set(FieldErrors::default());
        failure.set(None);
        notice.set(None);
        rescue_focus("info-name");
    };
    let resolve = Callback::new(move |resolved: OrganizationUpdate| {
        // The draft now sits on their version; my untouched base is theirs.
        let theirs = conflict.get_untracked().map(|c| c.theirs);
        if let Some(theirs) = theirs {
            base.set(theirs);
        }
        draft.set(resolved);
        conflict.set(None);
    });

    let keys = window_event_listener(ev::keydown, move |ev| {
        if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("s") {
            ev.prevent_default();
            if dirty() {
                do_save();
            }
        }
    });
    on_cleanup(move || keys.remove());

    let archive = Action::new_local(move |archived: &bool| {
        let mut update = current.get_untracked().map(|o| draft_of(&o)).unwrap_or_else(|| base.get_untracked());
        update.archived = Some(*archived);
        async move { api::orgs::update(org_id, &update).await }
    });
    Effect::new(move |_| match archive.value().get() {
        Some(Ok(org)) => {
            // Keep the user's draft; only its base moves to the new version.
            let fresh = draft_of(&org);
            draft.update(|d| d.version = fresh.version);
            base.set(fresh);
            current.set(org);
        }
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    let remove = Action::new_local(move |_: &()| api::orgs::remove(org_id));
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(())) => {
            storage::clear(org_id);
            draft.set(base.get_untracked());
            navigate("/agency/orgs", Default::default());
        }
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });

    view! {
        <h2 class="visually-hidden">{t!(i18n, settings.title)}</h2>
        {move || match notice.get() {
            Some(Notice::Restored) => {
                Some(
                    view! {
                        <p class="notice notice-info" role="status">
                            {t!(i18n, save_bar.restored)}
                        </p>
                    }
                        .into_any(),
                )
            }
            Some(Notice::Saved) => {
                Some(
                    view! {
                        <p id="org-info-saved" class="notice notice-success" role="status" tabindex="-1">
                            {t!(i18n, save_bar.saved)}
                        </p>
                    }
                        .into_any(),
                )
            }
            None => None,
        }}
        {move || {
            not_kept
                .get()
                .then(|| {
                    view! {
                        <p class="notice notice-warning" role="alert">
                            {t!(i18n, save_bar.not_kept)}
                        </p>
                    }
                })
        }}
        {move || {
            failure
                .get()
                .map(|e| {
                    view! {
                        <div class="notice-row">
                            <ErrorNotice error=e />
                            <button type="button" on:click=move |_| do_save()>
                                {t!(i18n, save_bar.retry)}
                            </button>
                        </div>
                    }
                })
        }}
        {move || conflict.get().map(|c| view! { <ConflictPanel conflict=c on_resolve=resolve /> })}
        <div class="settings-layout">
            <form
                class="settings-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    do_save();
                }
            >
                <OrgInfoForm draft=draft errors=field_errors />
            </form>
            <DashboardPreview
                org_name=Signal::derive(move || draft.with(|d| d.name.clone()))
                settings=Signal::derive(move || draft.with(|d| d.settings.clone()))
            />
        </div>
        {move || {
            current
                .get()
                .map(|org| {
                    view! {
                        <DangerZone
                            name=org.name
                            archived=org.archived
                            busy=Signal::derive(move || archive.pending().get() || remove.pending().get())
                            on_archive=Callback::new(move |a| {
                                archive.dispatch(a);
                            })
                            on_delete=Callback::new(move |_| {
                                remove.dispatch(());
                            })
                        />
                    }
                })
        }}
        <LeaveGuard dirty=Signal::derive(dirty) message=move || t_string!(i18n, save_bar.leave_confirm) />
        <SaveBar
            count=Signal::derive(move || changed.get().len())
            saving=save.pending()
            on_save=Callback::new(move |_| do_save())
            on_discard=Callback::new(move |_| discard())
        />
    }
    .into_any()
}
