//! Users of one organization: list, add (with a generated password shown once),
//! disable, delete and, for agency admins, "Log in as".

use crate::api::{self, ApiError};
use crate::components::ask_first::AskFirst;
use crate::components::edit_dialog::{DialogButtons, EditDialog};
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
use crate::components::field_error::FieldErrorText;
use crate::components::permission_label::{client_role_label, permission_label};
use crate::components::person_fields::NameAndEmail;
use crate::components::row_actions::RowActions;
use crate::components::row_menu::RowMenu;
use crate::components::secret_once::PasswordOnce;
use crate::components::table_box::TableBox;
use crate::components::text_field::TextField;
use crate::form::Form;
use crate::i18n::*;
use crate::secrets::generate_password;
use crate::state::session::use_session;
use atrium_api::{ClientUser, ClientUserPatch, Me, NewClientUser, Permission, Role};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn UsersPanel(
    org_id: i64,
    #[prop(optional)] can_impersonate: bool,
    /// Told when a user was added or deleted (the org's user count changed).
    #[prop(optional)]
    on_count_change: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let create = Action::new_local(move |u: &NewClientUser| {
        let u = u.clone();
        async move { api::users::create_user(org_id, &u).await.map(|user| (user, u.password)) }
    });
    let actions = UserActions {
        me_id: session.me().map(|m| m.user.id),
        can_impersonate,
        change: Action::new_local(move |(id, p): &(i64, ClientUserPatch)| {
            let (id, p) = (*id, p.clone());
            async move { api::users::update_user(org_id, id, &p).await }
        }),
        remove: Action::new_local(move |id: &i64| api::users::delete_user(org_id, *id)),
        impersonate: Action::new_local(move |id: &i64| api::impersonation::impersonate(org_id, *id)),
    };
    let UserActions { change, remove, impersonate, .. } = actions;
    Effect::new(move |_| {
        if let Some(Ok(me)) = impersonate.value().get() {
            session.signed_in(me);
            navigate("/app", Default::default());
        }
    });
    if let Some(told) = on_count_change {
        tell_count_changes(create, remove, told);
    }
    let users = LocalResource::new(move || {
        create.version().get();
        change.version().get();
        remove.version().get();
        api::users::list_users(org_id)
    });
    let failure = move || {
        change
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| remove.value().get().and_then(Result::err))
            .or_else(|| impersonate.value().get().and_then(Result::err))
    };

    view! {
        <section aria-labelledby="users-title">
            <h2 id="users-title">{t!(i18n, users.title)}</h2>
            {move || failure().map(|e| view! { <ErrorNotice error=e /> })}
            <Fetched resource=users children=move |list| view! { <UsersTable users=list.items actions=actions /> } />
            <NewUserForm create=create />
        </section>
    }
}

/// Runs `told` whenever a user is added or deleted, not on the first run.
fn tell_count_changes<T: 'static>(
    create: Action<NewClientUser, Result<T, ApiError>>,
    remove: Action<i64, Result<(), ApiError>>,
    told: Callback<()>,
) {
    Effect::new(move |seen: Option<(usize, usize)>| {
        let now = (create.version().get(), remove.version().get());
        if seen.is_some_and(|seen| seen != now) {
            told.run(());
        }
        now
    });
}

type Change = Action<(i64, ClientUserPatch), Result<ClientUser, ApiError>>;

/// What a row's actions do, and who may use which.
#[derive(Clone, Copy)]
struct UserActions {
    me_id: Option<i64>,
    can_impersonate: bool,
    change: Change,
    remove: Action<i64, Result<(), ApiError>>,
    impersonate: Action<i64, Result<Me, ApiError>>,
}

#[component]
fn UsersTable(users: Vec<ClientUser>, actions: UserActions) -> impl IntoView {
    let i18n = use_i18n();
    if users.is_empty() {
        return view! { <p class="empty">{t!(i18n, users.empty)}</p> }.into_any();
    }
    view! {
        <TableBox>
            <table class="data-table">
                <caption class="visually-hidden">{t!(i18n, users.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, users.col_name)}</th>
                        <th scope="col">{t!(i18n, users.col_email)}</th>
                        <th scope="col">{t!(i18n, users.col_role)}</th>
                        <th scope="col">{t!(i18n, users.col_permissions)}</th>
                        <th scope="col">{t!(i18n, users.col_status)}</th>
                        <th scope="col">{t!(i18n, users.col_actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {users.into_iter().map(|user| view! { <UserRow user=user actions=actions /> }).collect_view()}
                </tbody>
            </table>
        </TableBox>
    }
    .into_any()
}

#[component]
fn UserRow(user: ClientUser, actions: UserActions) -> impl IntoView {
    let i18n = use_i18n();
    let (id, disabled, user_role) = (user.id, user.disabled, user.role);
    // Copy, so every label's closure can read it without a clone of its own.
    let name = StoredValue::new(user.name.clone());
    let role = move || client_role_label(i18n, user_role);
    let shown = user.permissions.clone();
    let sections = move || shown.iter().map(|p| permission_label(i18n, *p)).collect::<Vec<_>>().join(", ");
    let menu_id = format!("user-{id}-actions");
    let editing = RwSignal::new(false);
    let title = Signal::derive(move || t_string!(i18n, users.edit, name = name.get_value()).to_string());
    view! {
        <tr>
            <th scope="row">{name.get_value()}</th>
            <td>{user.email.clone()}</td>
            <td>{role}</td>
            <td>{sections}</td>
            <td>{move || if disabled { t_string!(i18n, users.disabled) } else { t_string!(i18n, users.active) }}</td>
            <RowActions>
                <RowMenu name=user.name.clone() id=menu_id.clone()>
                    <button
                        type="button"
                        class="small"
                        aria-label=move || title.get()
                        on:click=move |_| editing.set(true)
                    >
                        {move || t_string!(i18n, row.edit)}
                    </button>
                    <UserMenuActions id=id name=name disabled=disabled actions=actions />
                </RowMenu>
                <EditDialog title=title open=editing return_to=menu_id>
                    <EditUserForm user=user.clone() change=actions.change open=editing />
                </EditDialog>
            </RowActions>
        </tr>
    }
}

/// Enable or Disable and Delete (not on one's own row), and "Log in as" for agency staff
/// who may, on an enabled user.
#[component]
fn UserMenuActions(id: i64, name: StoredValue<String>, disabled: bool, actions: UserActions) -> impl IntoView {
    let i18n = use_i18n();
    let UserActions { me_id, can_impersonate, change, remove, impersonate } = actions;
    let switch_label = move || {
        if disabled {
            t_string!(i18n, users.enable, name = name.get_value()).to_string()
        } else {
            t_string!(i18n, users.disable, name = name.get_value()).to_string()
        }
    };
    let switch = move |_| {
        change.dispatch((id, ClientUserPatch { disabled: Some(!disabled), ..Default::default() }));
    };
    view! {
        {(me_id != Some(id))
            .then(|| {
                view! {
                    <button type="button" class="small" aria-label=switch_label on:click=switch>
                        {move || if disabled { t_string!(i18n, row.enable) } else { t_string!(i18n, row.disable) }}
                    </button>
                    <AskFirst
                        class="small danger-button"
                        busy=remove.pending()
                        label=move || t_string!(i18n, users.delete, name = name.get_value()).to_string()
                        short=move || t_string!(i18n, row.delete)
                        question=move || t_string!(i18n, users.delete_question, name = name.get_value()).to_string()
                        help=move || t_string!(i18n, users.delete_help)
                        confirm=move || t_string!(i18n, users.delete_yes)
                        on_confirm=Callback::new(move |_| {
                            remove.dispatch(id);
                        })
                    />
                }
            })}
        {(can_impersonate && !disabled)
            .then(|| {
                view! {
                    <button
                        type="button"
                        class="small"
                        aria-label=move || t_string!(i18n, users.log_in_as, name = name.get_value()).to_string()
                        on:click=move |_| {
                            impersonate.dispatch(id);
                        }
                    >
                        {move || t_string!(i18n, row.log_in_as)}
                    </button>
                }
            })}
    }
}

#[component]
fn NewUserForm(create: Action<NewClientUser, Result<(ClientUser, String), ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let generate = RwSignal::new(true);
    let role = RwSignal::new(Role::ClientUser);
    let permissions = RwSignal::new(vec![Permission::Home]);
    // The generated password is shown once, from this page's memory: the server never sends it.
    let shown_once = RwSignal::new(None::<(String, String)>);
    let form = Form::new(create, move |(user, pw)| {
        shown_once.set(generate.get_untracked().then(|| (user.name.clone(), pw.clone())));
        name.set(String::new());
        email.set(String::new());
        password.set(String::new());
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let pw =
            if generate.get_untracked() { generate_password().unwrap_or_default() } else { password.get_untracked() };
        let user = NewClientUser {
            name: name.get_untracked().trim().to_string(),
            email: email.get_untracked().trim().to_string(),
            password: pw,
            role: role.get_untracked(),
            permissions: permissions.get_untracked(),
            agent_ids: Vec::new(),
        };
        if form.check(user.validate()) {
            shown_once.set(None);
            create.dispatch(user);
        }
    };
    view! {
        <h3>{t!(i18n, users.new_title)}</h3>
        <PasswordOnce id="user-password-once" shown=shown_once />
        {form.failure_notice()}
        <form class="card form-narrow" on:submit=on_submit novalidate=true>
            <NameAndEmail id="user" name=name email=email form=form />
            <PasswordChoice generate=generate password=password form=form />
            <RoleAndSections name="user-role" role=role permissions=permissions />
            <button type="submit" class="primary" disabled=move || create.pending().get()>
                {t!(i18n, users.add)}
            </button>
        </form>
    }
}

/// A generated password (the default), or one typed here.
#[component]
fn PasswordChoice(generate: RwSignal<bool>, password: RwSignal<String>, form: Form) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="choice">
            <input type="checkbox" prop:checked=generate on:change=move |ev| generate.set(event_target_checked(&ev)) />
            {t!(i18n, users.generate)}
        </label>
        <Show when=move || !generate.get()>
            <TextField
                id="user-password"
                label=move || t_string!(i18n, users.password)
                value=password
                error=form.error("password")
                input_type="password"
                autocomplete="new-password"
            />
        </Show>
        <FieldErrorText
            id="user-password-generated-error"
            error=Signal::derive(move || if generate.get() { form.errors().with(|e| e.get("password")) } else { None })
        />
    }
}

/// Changes a user's role and sections, inside an `EditDialog`.
#[component]
fn EditUserForm(user: ClientUser, change: Change, open: RwSignal<bool>) -> impl IntoView {
    let id = user.id;
    let role = RwSignal::new(user.role);
    let permissions = RwSignal::new(user.permissions.clone());
    // Opened again after a Cancel: the user's saved choices, not the abandoned ones.
    Effect::new(move |_| {
        if open.get() {
            role.set(user.role);
            permissions.set(user.permissions.clone());
        }
    });
    let on_submit = move |_: SubmitEvent| {
        change.dispatch((
            id,
            ClientUserPatch {
                role: Some(role.get_untracked()),
                permissions: Some(permissions.get_untracked()),
                ..Default::default()
            },
        ));
    };
    view! {
        <form method="dialog" on:submit=on_submit>
            <RoleAndSections name=format!("role-{id}") role=role permissions=permissions />
            <DialogButtons open=open />
        </form>
    }
}

/// The role choice and the sections a client user may open; org admins hold every section.
#[component]
fn RoleAndSections(
    #[prop(into)] name: String,
    role: RwSignal<Role>,
    permissions: RwSignal<Vec<Permission>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="radio-group">
            <legend>{move || t_string!(i18n, users.role)}</legend>
            {[Role::ClientUser, Role::OrgAdmin]
                .into_iter()
                .map(|r| {
                    view! {
                        <label class="choice">
                            <input
                                type="radio"
                                name=name.clone()
                                prop:checked=move || role.get() == r
                                on:change=move |_| role.set(r)
                            />
                            {move || client_role_label(i18n, r)}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
        <fieldset class="checkbox-group">
            <legend>{move || t_string!(i18n, users.permissions)}</legend>
            {Permission::ALL
                .into_iter()
                .map(|p| {
                    view! {
                        <label class="choice">
                            <input
                                type="checkbox"
                                prop:checked=move || {
                                    role.get() == Role::OrgAdmin || permissions.with(|ps| ps.contains(&p))
                                }
                                disabled=move || role.get() == Role::OrgAdmin
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    permissions
                                        .update(|ps| {
                                            ps.retain(|x| *x != p);
                                            if on {
                                                ps.push(p);
                                            }
                                        });
                                }
                            />
                            {move || permission_label(i18n, p)}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
