//! `/agency/staff`: the agency's team. Everyone sees it; owners add people (with a
//! password generated and shown once), change roles and remove them. The server keeps
//! the last owner from being demoted or removed.

use crate::api;
use crate::components::ask_first::AskFirst;
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
use crate::components::row_actions::RowActions;
use crate::components::secret_once::PasswordOnce;
use crate::components::table_box::TableBox;
use crate::components::text_field::TextField;
use crate::form::Form;
use crate::i18n::*;
use crate::secrets::generate_password;
use crate::state::session::use_session;
use atrium_api::{NewStaffUser, Role, StaffRoleChange};
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
        async move { api::people::create_staff(&u).await.map(|s| (s, u.password)) }
    });
    let change = Action::new_local(|(id, role): &(i64, Role)| {
        let (id, role) = (*id, *role);
        async move { api::people::change_staff_role(id, &StaffRoleChange { role }).await }
    });
    let remove = Action::new_local(|id: &i64| api::people::remove_staff(*id));
    let staff = LocalResource::new(move || {
        add.version().get();
        change.version().get();
        remove.version().get();
        api::people::staff()
    });
    let failure = Signal::derive(move || {
        change.value().get().and_then(Result::err).or_else(|| remove.value().get().and_then(Result::err))
    });

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
    let error = move |field| form.error(field);

    view! {
        <h1>{move || t_string!(i18n, staff.title)}</h1>
        {move || failure.get().map(|e| view! { <ErrorNotice error=e /> })}
        <Fetched
            resource=staff
            children=move |list| {
                view! {
                    <TableBox>
                        <table class="data-table">
                            <caption class="visually-hidden">{move || t_string!(i18n, staff.title)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{move || t_string!(i18n, users.col_name)}</th>
                                    <th scope="col">{move || t_string!(i18n, users.col_email)}</th>
                                    <th scope="col">{move || t_string!(i18n, users.col_role)}</th>
                                    {is_owner
                                        .then(|| {
                                            view! { <th scope="col">{move || t_string!(i18n, users.col_actions)}</th> }
                                        })}
                                </tr>
                            </thead>
                            <tbody>
                                {list
                                    .items
                                    .into_iter()
                                    .map(|s| {
                                        let (id, current, n1, n2) = (s.id, s.role, s.name.clone(), s.name.clone());
                                        let select_id = format!("staff-role-{id}");
                                        view! {
                                            <tr>
                                                <th scope="row">{s.name.clone()}</th>
                                                <td>{s.email.clone()}</td>
                                                <td>
                                                    {if is_owner {
                                                        view! {
                                                            <label for=select_id.clone() class="visually-hidden">
                                                                {move || {
                                                                    t_string!(i18n, staff.role_of, name = n1.clone())
                                                                        .to_string()
                                                                }}
                                                            </label>
                                                            <select
                                                                id=select_id
                                                                on:change=move |ev| {
                                                                    if let Some(r) = Role::parse(&event_target_value(&ev)) {
                                                                        change.dispatch((id, r));
                                                                    }
                                                                }
                                                            >
                                                                {STAFF_ROLES
                                                                    .into_iter()
                                                                    .map(|r| {
                                                                        view! {
                                                                            <option value=r.as_str() selected=r == current>
                                                                                {move || role_label(i18n, r)}
                                                                            </option>
                                                                        }
                                                                    })
                                                                    .collect_view()}
                                                            </select>
                                                        }
                                                            .into_any()
                                                    } else {
                                                        (move || role_label(i18n, current)).into_any()
                                                    }}
                                                </td>
                                                {(is_owner && my_id != Some(id))
                                                    .then(|| {
                                                        view! {
                                                            <RowActions>
                                                                <AskFirst
                                                                    class="small danger-button"
                                                                    busy=remove.pending()
                                                                    label={
                                                                        let n2 = n2.clone();
                                                                        move || {
                                                                            t_string!(i18n, staff.remove, name = n2.clone()).to_string()
                                                                        }
                                                                    }
                                                                    short=move || t_string!(i18n, row.remove)
                                                                    question=move || {
                                                                        t_string!(i18n, staff.remove_question, name = n2.clone())
                                                                            .to_string()
                                                                    }
                                                                    help=move || t_string!(i18n, staff.remove_help)
                                                                    confirm=move || t_string!(i18n, staff.remove_yes)
                                                                    on_confirm=Callback::new(move |_| {
                                                                        remove.dispatch(id);
                                                                    })
                                                                />
                                                            </RowActions>
                                                        }
                                                    })}
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </TableBox>
                }
            }
        />
        {is_owner
            .then(|| {
                view! {
                    <h2>{move || t_string!(i18n, staff.add_title)}</h2>
                    <PasswordOnce id="staff-password-once" shown=shown_once />
                    {form.failure_notice()}
                    <form class="card form-narrow" on:submit=on_submit novalidate=true>
                        <TextField
                            id="staff-name"
                            label=move || t_string!(i18n, users.name)
                            value=name
                            error=error("name")
                            required=true
                            autocomplete="off"
                        />
                        <TextField
                            id="staff-email"
                            label=move || t_string!(i18n, users.email)
                            value=email
                            error=error("email")
                            input_type="email"
                            required=true
                            autocomplete="off"
                        />
                        <div class="field">
                            <label for="staff-role">{move || t_string!(i18n, users.role)}</label>
                            <select
                                id="staff-role"
                                on:change=move |ev| {
                                    role.set(Role::parse(&event_target_value(&ev)).unwrap_or(Role::Member))
                                }
                            >
                                {STAFF_ROLES
                                    .into_iter()
                                    .map(|r| {
                                        view! {
                                            <option value=r.as_str() selected=r == Role::Member>
                                                {move || role_label(i18n, r)}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                        <button type="submit" class="primary" disabled=move || add.pending().get()>
                            {move || t_string!(i18n, staff.add)}
                        </button>
                    </form>
                }
            })}
    }
}
