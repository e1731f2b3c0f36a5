//! `/agency/staff`: the agency's team. Everyone sees it; owners add people (with a
//! password generated and shown once), change roles and remove them. The server keeps
//! the last owner from being demoted or removed.

use crate::api::{self, ApiError};
use crate::components::ask_first::AskFirst;
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
use crate::components::person_fields::NameAndEmail;
use crate::components::row_actions::RowActions;
use crate::components::secret_once::PasswordOnce;
use crate::components::table_box::TableBox;
use crate::form::Form;
use crate::i18n::*;
use crate::secrets::generate_password;
use crate::state::session::use_session;
use atrium_api::{NewStaffUser, Role, StaffRoleChange, StaffUser};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

const STAFF_ROLES: [Role; 3] = [Role::Owner, Role::Admin, Role::Member];

fn role_label(i18n: leptos_i18n::I18nContext<Locale>, r: Role) -> &'static str {
    match r {
        Role::Owner => t_string!(i18n, staff.role_owner),
        Role::Admin => t_string!(i18n, staff.role_admin),
        _ => t_string!(i18n, staff.role_member),
    }
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let me = use_session().me();
    let is_owner = me.as_ref().is_some_and(|m| m.role == Role::Owner);
    let my_id = me.map(|m| m.user.id);
    let add = Action::new_local(|u: &NewStaffUser| {
        let u = u.clone();
        async move { api::staff::create_staff(&u).await.map(|s| (s, u.password)) }
    });
    let change = Action::new_local(|(id, role): &(i64, Role)| {
        let (id, role) = (*id, *role);
        async move { api::staff::update_staff(id, &StaffRoleChange { role }).await }
    });
    let remove = Action::new_local(|id: &i64| api::staff::delete_staff(*id));
    let staff = LocalResource::new(move || {
        add.version().get();
        change.version().get();
        remove.version().get();
        api::staff::list_staff()
    });
    let failure = Signal::derive(move || {
        change.value().get().and_then(Result::err).or_else(|| remove.value().get().and_then(Result::err))
    });
    // What an owner may do to a row: change its role, and remove anyone but themselves.
    let actions = is_owner.then_some(StaffActions { change, remove, my_id });

    view! {
        <h1>{move || t_string!(i18n, staff.title)}</h1>
        {move || failure.get().map(|e| view! { <ErrorNotice error=e /> })}
        <Fetched resource=staff children=move |list| view! { <StaffTable staff=list.items actions=actions /> } />
        {is_owner.then(|| view! { <NewStaffForm add=add /> })}
    }
}

#[derive(Clone, Copy)]
struct StaffActions {
    change: Action<(i64, Role), Result<StaffUser, ApiError>>,
    remove: Action<i64, Result<(), ApiError>>,
    my_id: Option<i64>,
}

#[component]
fn StaffTable(staff: Vec<StaffUser>, actions: Option<StaffActions>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TableBox>
            <table class="data-table">
                <caption class="visually-hidden">{move || t_string!(i18n, staff.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t_string!(i18n, users.col_name)}</th>
                        <th scope="col">{move || t_string!(i18n, users.col_email)}</th>
                        <th scope="col">{move || t_string!(i18n, users.col_role)}</th>
                        {actions.map(|_| view! { <th scope="col">{move || t_string!(i18n, users.col_actions)}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {staff
                        .into_iter()
                        .map(|person| view! { <StaffRow person=person actions=actions /> })
                        .collect_view()}
                </tbody>
            </table>
        </TableBox>
    }
}

/// A member of staff: to an owner, their role as a picker and Remove (but not on their own row).
#[component]
fn StaffRow(person: StaffUser, actions: Option<StaffActions>) -> impl IntoView {
    let i18n = use_i18n();
    let (id, current) = (person.id, person.role);
    let name = StoredValue::new(person.name.clone());
    let role = match actions {
        Some(StaffActions { change, .. }) => {
            let select_id = format!("staff-role-{id}");
            view! {
                <label for=select_id.clone() class="visually-hidden">
                    {move || t_string!(i18n, staff.role_of, name = name.get_value()).to_string()}
                </label>
                <RoleSelect
                    id=select_id
                    selected=current
                    on_change=Callback::new(move |role| {
                        change.dispatch((id, role));
                    })
                />
            }
            .into_any()
        }
        None => (move || role_label(i18n, current)).into_any(),
    };
    let remove = actions.filter(|a| a.my_id != Some(id)).map(|StaffActions { remove, .. }| {
        view! {
            <RowActions>
                <AskFirst
                    class="small danger-button"
                    busy=remove.pending()
                    label=move || t_string!(i18n, staff.remove, name = name.get_value()).to_string()
                    short=move || t_string!(i18n, row.remove)
                    question=move || t_string!(i18n, staff.remove_question, name = name.get_value()).to_string()
                    help=move || t_string!(i18n, staff.remove_help)
                    confirm=move || t_string!(i18n, staff.remove_yes)
                    on_confirm=Callback::new(move |_| {
                        remove.dispatch(id);
                    })
                />
            </RowActions>
        }
    });
    view! {
        <tr>
            <th scope="row">{person.name}</th>
            <td>{person.email}</td>
            <td>{role}</td>
            {remove}
        </tr>
    }
}

#[component]
fn RoleSelect(#[prop(into)] id: String, selected: Role, on_change: Callback<Role>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select
            id=id
            on:change=move |ev| {
                if let Some(role) = Role::parse(&event_target_value(&ev)) {
                    on_change.run(role);
                }
            }
        >
            {STAFF_ROLES
                .into_iter()
                .map(|r| {
                    view! {
                        <option value=r.as_str() selected=r == selected>
                            {move || role_label(i18n, r)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

/// Adds a member of staff with a generated password, shown once.
#[component]
fn NewStaffForm(add: Action<NewStaffUser, Result<(StaffUser, String), ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Member);
    let shown_once = RwSignal::new(None::<(String, String)>);
    let form = Form::new(add, move |(who, pw)| {
        shown_once.set(Some((who.name.clone(), pw.clone())));
        name.set(String::new());
        email.set(String::new());
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let user = NewStaffUser {
            name: name.get_untracked().trim().to_string(),
            email: email.get_untracked().trim().to_string(),
            password: generate_password().unwrap_or_default(),
            role: role.get_untracked(),
        };
        if form.check(user.validate()) {
            shown_once.set(None);
            add.dispatch(user);
        }
    };
    view! {
        <h2>{move || t_string!(i18n, staff.add_title)}</h2>
        <PasswordOnce id="staff-password-once" shown=shown_once />
        {form.failure_notice()}
        <form class="card form-narrow" on:submit=on_submit novalidate=true>
            <NameAndEmail id="staff" name=name email=email form=form />
            <div class="field">
                <label for="staff-role">{move || t_string!(i18n, users.role)}</label>
                <RoleSelect id="staff-role" selected=Role::Member on_change=Callback::new(move |r| role.set(r)) />
            </div>
            <button type="submit" class="primary" disabled=move || add.pending().get()>
                {move || t_string!(i18n, staff.add)}
            </button>
        </form>
    }
}
