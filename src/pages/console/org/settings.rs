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
use crate::drafts::org_info::{changed_fields, draft_of, Conflict, DraftField};
use crate::drafts::storage::{self, StoredDraft};
use crate::focus::rescue_focus;
use crate::i18n::*;
use crate::state::current_org::{for_current_org, use_current_org, CurrentOrg};
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
    for_current_org(|org| view! { <SettingsTab org=org /> })
}

/// The tab's editing state: the draft, the saved version it started from, and what the
/// last save said.
#[derive(Clone, Copy)]
struct Editing {
    org_id: i64,
    base: RwSignal<OrganizationUpdate>,
    draft: RwSignal<OrganizationUpdate>,
    changed: Memo<Vec<DraftField>>,
    field_errors: RwSignal<FieldErrors>,
    conflict: RwSignal<Option<Conflict>>,
    failure: RwSignal<Option<ApiError>>,
    notice: RwSignal<Option<Notice>>,
    /// Local storage refused the draft: it will not outlive the page.
    not_kept: RwSignal<bool>,
}

impl Editing {
    /// A draft left from an earlier visit wins over the saved state: it is the user's work.
    /// From then on the draft is kept in local storage until it is saved or discarded.
    fn new(org: &Organization) -> Editing {
        let org_id = org.id;
        let saved = draft_of(org);
        let stored = storage::load(org_id).filter(|s| !changed_fields(&s.base, &s.draft).is_empty());
        let notice = RwSignal::new(stored.as_ref().map(|_| Notice::Restored));
        let (base, draft) = stored.map(|s| (s.base, s.draft)).unwrap_or_else(|| (saved.clone(), saved));
        let (base, draft) = (RwSignal::new(base), RwSignal::new(draft));
        let not_kept = RwSignal::new(false);
        Effect::new(move |_| {
            let (b, d) = (base.get(), draft.get());
            if changed_fields(&b, &d).is_empty() {
                storage::clear(org_id);
                not_kept.set(false);
            } else {
                not_kept.set(!storage::save(org_id, &StoredDraft { base: b, draft: d }));
            }
        });
        Editing {
            org_id,
            base,
            draft,
            changed: Memo::new(move |_| changed_fields(&base.get(), &draft.get())),
            field_errors: RwSignal::new(FieldErrors::default()),
            conflict: RwSignal::new(None),
            failure: RwSignal::new(None),
            notice,
            not_kept,
        }
    }

    fn dirty(self) -> bool {
        !self.changed.with_untracked(Vec::is_empty)
    }

    /// The org as saved becomes both the base and the draft.
    fn adopt(self, org: &Organization) {
        let fresh = draft_of(org);
        self.base.set(fresh.clone());
        self.draft.set(fresh);
    }

    /// The org changed without the draft (archived): the draft keeps the user's edits and
    /// moves onto the new version.
    fn rebase(self, org: &Organization) {
        let fresh = draft_of(org);
        self.draft.update(|d| d.version = fresh.version);
        self.base.set(fresh);
    }

    fn discard(self) {
        self.draft.set(self.base.get_untracked());
        self.field_errors.set(FieldErrors::default());
        self.failure.set(None);
        self.notice.set(None);
        rescue_focus("info-name");
    }

    /// The conflict resolved field by field: the draft now sits on their version, so my
    /// untouched base is theirs.
    fn resolve(self, resolved: OrganizationUpdate) {
        if let Some(theirs) = self.conflict.get_untracked().map(|c| c.theirs) {
            self.base.set(theirs);
        }
        self.draft.set(resolved);
        self.conflict.set(None);
    }
}

#[component]
fn SettingsTab(org: Organization) -> impl IntoView {
    let i18n = use_i18n();
    let current = use_current_org();
    let editing = Editing::new(&org);
    let Editing { org_id, draft, changed, field_errors, conflict, failure, notice, .. } = editing;
    let save = Action::new_local(move |d: &OrganizationUpdate| {
        let d = d.clone();
        async move { api::orgs::update_org(org_id, &d).await }
    });
    Effect::new(move |_| save.value().with(|answer| saved(editing, current, answer)));
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
    let keys = window_event_listener(ev::keydown, move |ev| {
        if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("s") {
            ev.prevent_default();
            if editing.dirty() {
                do_save();
            }
        }
    });
    on_cleanup(move || keys.remove());

    view! {
        <h2 class="visually-hidden">{t!(i18n, settings.title)}</h2>
        <SettingsNotices editing=editing retry=Callback::new(move |_| do_save()) />
        {move || {
            conflict
                .get()
                .map(|c| view! { <ConflictPanel conflict=c on_resolve=Callback::new(move |r| editing.resolve(r)) /> })
        }}
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
        <OrgDangerZone editing=editing />
        <LeaveGuard
            dirty=Signal::derive(move || editing.dirty())
            message=move || t_string!(i18n, save_bar.leave_confirm)
        />
        <SaveBar
            count=Signal::derive(move || changed.get().len())
            saving=save.pending()
            on_save=Callback::new(move |_| do_save())
            on_discard=Callback::new(move |_| editing.discard())
        />
    }
}

/// What a save's answer does: a saved org becomes the draft's base; a conflict fetches
/// theirs and opens the field-by-field resolution; field errors show beside the fields.
fn saved(editing: Editing, current: CurrentOrg, answer: &Option<Result<Organization, ApiError>>) {
    let Editing { org_id, base, draft, field_errors, conflict, failure, notice, .. } = editing;
    match answer {
        Some(Ok(org)) => {
            editing.adopt(org);
            current.set(org.clone());
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
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                }
            }
        }),
        Some(Err(ApiError::Validation(fields))) => field_errors.set(fields.clone()),
        Some(Err(e)) => failure.set(Some(e.clone())),
        None => {}
    }
}

/// Restored or saved, a draft local storage would not keep, and a failure with Retry.
#[component]
fn SettingsNotices(editing: Editing, retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let Editing { notice, not_kept, failure, .. } = editing;
    view! {
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
                            <button type="button" on:click=move |_| retry.run(())>
                                {t!(i18n, save_bar.retry)}
                            </button>
                        </div>
                    }
                })
        }}
    }
}

/// Archive or restore (the draft keeps its edits) and delete (the draft goes with the org).
#[component]
fn OrgDangerZone(editing: Editing) -> impl IntoView {
    let current = use_current_org();
    let navigate = use_navigate();
    let Editing { org_id, base, draft, failure, .. } = editing;
    let archive = Action::new_local(move |archived: &bool| {
        let mut update = current.get_untracked().map(|o| draft_of(&o)).unwrap_or_else(|| base.get_untracked());
        update.archived = Some(*archived);
        async move { api::orgs::update_org(org_id, &update).await }
    });
    Effect::new(move |_| match archive.value().get() {
        Some(Ok(org)) => {
            editing.rebase(&org);
            current.set(org);
        }
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    let remove = Action::new_local(move |_: &()| api::orgs::delete_org(org_id));
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(())) => {
            storage::clear(org_id);
            draft.set(base.get_untracked());
            navigate("/agency/orgs", Default::default());
        }
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    move || {
        current.get().map(|org| {
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
    }
}
