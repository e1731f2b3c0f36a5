//! `/agency/branding`: the agency's brand (name, colour, logos, links, domains), with a
//! contrast check on the colour.

use crate::api;
use crate::components::draft_input::{DraftInput, DraftText};
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
use crate::components::field_error::FieldErrorText;
use crate::components::table_box::TableBox;
use crate::form::Form;
use crate::i18n::*;
use crate::state::branding::use_branding;
use atrium_api::agency::{CustomDomain, DomainProblem, DomainStatus};
use atrium_api::colour::contrast_ratio;
use atrium_api::{AgencyBranding, Branding};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

#[component]
pub fn BrandingPage() -> impl IntoView {
    let i18n = use_i18n();
    let agency = LocalResource::new(api::agency::get_agency);
    view! {
        <h1>{t!(i18n, branding.title)}</h1>
        <Fetched
            resource=agency
            children=move |profile| view! { <BrandingForm initial=profile.branding domains=profile.domains /> }
        />
    }
}

#[component]
fn BrandingForm(initial: AgencyBranding, domains: Vec<CustomDomain>) -> impl IntoView {
    let i18n = use_i18n();
    let brand = use_branding();
    let draft = RwSignal::new(initial);
    let domains = RwSignal::new(domains);
    let save = Action::new_local(|b: &AgencyBranding| {
        let b = b.clone();
        async move { api::agency::update_agency(&b).await }
    });
    let form = Form::new(save, move |profile| {
        let b = &profile.branding;
        brand.set(Branding {
            agency_id: profile.id,
            display_name: b.display_name.clone(),
            primary_color: b.primary_color.clone(),
            logo_light_url: b.logo_light_url.clone(),
            logo_dark_url: b.logo_dark_url.clone(),
            support_email: b.support_email.clone(),
            website_url: b.website_url.clone(),
            terms_url: b.terms_url.clone(),
            privacy_url: b.privacy_url.clone(),
        });
        draft.set(profile.branding.clone());
        domains.set(profile.domains.clone());
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let b = draft.get_untracked();
        if form.check(b.validate()) {
            save.dispatch(b);
        }
    };
    let saved = move || {
        matches!(save.value().get(), Some(Ok(_))).then(|| {
            view! {
                <p class="notice notice-success" role="status">
                    {t!(i18n, branding.saved)}
                </p>
            }
        })
    };
    view! {
        <form class="card form-narrow" on:submit=on_submit novalidate=true>
            {form.failure_notice()}
            {saved}
            <DraftInput text=NAME draft=draft errors=form.errors() />
            <ColourField draft=draft form=form />
            {LINKS
                .into_iter()
                .map(|field| view! { <DraftInput text=field draft=draft errors=form.errors() /> })
                .collect_view()}
            <HostnamesField draft=draft form=form domains=domains />
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                {t!(i18n, branding.save)}
            </button>
        </form>
    }
}

const NAME: DraftText<AgencyBranding> = DraftText {
    id: "brand-name",
    kind: "text",
    field: "display_name",
    label: |i| t_string!(i, branding.display_name),
    get: |d| d.display_name.clone(),
    put: |d, v| d.display_name = v,
};

/// The logos, the support address and the links, each optional.
const LINKS: [DraftText<AgencyBranding>; 6] = [
    DraftText {
        id: "brand-logo-light",
        kind: "url",
        field: "logo_light_url",
        label: |i| t_string!(i, branding.logo_light_url),
        get: |d| d.logo_light_url.clone().unwrap_or_default(),
        put: |d, v| d.logo_light_url = Some(v),
    },
    DraftText {
        id: "brand-logo-dark",
        kind: "url",
        field: "logo_dark_url",
        label: |i| t_string!(i, branding.logo_dark_url),
        get: |d| d.logo_dark_url.clone().unwrap_or_default(),
        put: |d, v| d.logo_dark_url = Some(v),
    },
    DraftText {
        id: "brand-support",
        kind: "email",
        field: "support_email",
        label: |i| t_string!(i, branding.support_email),
        get: |d| d.support_email.clone().unwrap_or_default(),
        put: |d, v| d.support_email = Some(v),
    },
    DraftText {
        id: "brand-website",
        kind: "url",
        field: "website_url",
        label: |i| t_string!(i, branding.website_url),
        get: |d| d.website_url.clone().unwrap_or_default(),
        put: |d, v| d.website_url = Some(v),
    },
    DraftText {
        id: "brand-terms",
        kind: "url",
        field: "terms_url",
        label: |i| t_string!(i, branding.terms_url),
        get: |d| d.terms_url.clone().unwrap_or_default(),
        put: |d, v| d.terms_url = Some(v),
    },
    DraftText {
        id: "brand-privacy",
        kind: "url",
        field: "privacy_url",
        label: |i| t_string!(i, branding.privacy_url),
        get: |d| d.privacy_url.clone().unwrap_or_default(),
        put: |d, v| d.privacy_url = Some(v),
    },
];

/// The brand colour with a swatch, and how it contrasts with white text (WCAG AA: 4.5).
#[component]
fn ColourField(draft: RwSignal<AgencyBranding>, form: Form) -> impl IntoView {
    let i18n = use_i18n();
    let ratio = move || draft.with(|d| contrast_ratio(&d.primary_color, "#ffffff"));
    let contrast = move || {
        ratio().map(|r| {
            let shown = crate::format::one_decimal(r, i18n.get_locale().as_str());
            if r >= 4.5 {
                view! { <span class="muted">{t_string!(i18n, branding.contrast_ok, ratio = shown).to_string()}</span> }
                    .into_any()
            } else {
                view! {
                    <span class="notice notice-warning">
                        {t_string!(i18n, branding.contrast_warning, ratio = shown).to_string()}
                    </span>
                }
                .into_any()
            }
        })
    };
    view! {
        <div class="field">
            <label for="brand-colour">{t!(i18n, branding.primary_color)}</label>
            <div class="colour-row">
                <input
                    id="brand-colour"
                    type="text"
                    aria-describedby="brand-colour-error brand-contrast"
                    aria-invalid=move || form.errors().with(|e| e.get("primary_color").is_some()).to_string()
                    prop:value=move || draft.with(|d| d.primary_color.clone())
                    on:input=move |ev| draft.update(|d| d.primary_color = event_target_value(&ev))
                />
                <span
                    class="swatch"
                    aria-hidden="true"
                    style=move || format!("background: {}", draft.with(|d| d.primary_color.clone()))
                ></span>
            </div>
            <FieldErrorText id="brand-colour-error" error=form.error("primary_color") />
            <p id="brand-contrast" aria-live="polite">
                {contrast}
            </p>
        </div>
    }
}

/// The agency's own hostnames, one per line, and the domains saved so far.
#[component]
fn HostnamesField(draft: RwSignal<AgencyBranding>, form: Form, domains: RwSignal<Vec<CustomDomain>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for="brand-hostnames">{t!(i18n, branding.hostnames)}</label>
            <textarea
                id="brand-hostnames"
                rows="3"
                aria-describedby="brand-hostnames-help brand-hostnames-error"
                prop:value=move || draft.with(|d| d.hostnames.join("\n"))
                on:input=move |ev| {
                    draft
                        .update(|d| {
                            d.hostnames = event_target_value(&ev)
                                .lines()
                                .map(|l| l.trim().to_lowercase())
                                .filter(|l| !l.is_empty())
                                .collect();
                        })
                }
            ></textarea>
            <p id="brand-hostnames-help" class="muted">
                {t!(i18n, branding.hostnames_help)}
            </p>
            <FieldErrorText id="brand-hostnames-error" error=form.error("hostnames") />
            <DomainList domains=domains />
        </div>
    }
}

/// Each saved domain with whether it is proven, the DNS record that proves it, and a way
/// to check now (the server also checks every hour).
#[component]
fn DomainList(domains: RwSignal<Vec<CustomDomain>>) -> impl IntoView {
    let i18n = use_i18n();
    let check = Action::new_local(|_: &()| api::agency::check_domains());
    Effect::new(move |_| {
        if let Some(Ok(profile)) = check.value().get() {
            domains.set(profile.domains.clone());
        }
    });
    let status = move |d: &CustomDomain| match (d.status, d.problem) {
        (DomainStatus::Verified, _) => t_string!(i18n, branding.domain_verified).to_string(),
        (DomainStatus::Pending, _) => t_string!(i18n, branding.domain_pending).to_string(),
        (DomainStatus::Failed, Some(DomainProblem::Taken)) => t_string!(i18n, branding.domain_taken).to_string(),
        (DomainStatus::Failed, _) => t_string!(i18n, branding.domain_failed).to_string(),
    };
    // Plain closures rather than <Show>/<For>: the list is short and re-rendered whole.
    move || {
        let list = domains.get();
        (!list.is_empty()).then(|| {
            let rows = list
                .into_iter()
                .map(|d| {
                    let record = (d.status != DomainStatus::Verified)
                        .then(|| format!("{} TXT \"{}\"", d.record_name, d.record_value));
                    view! {
                        <tr>
                            <th scope="row">{d.hostname.clone()}</th>
                            <td>
                                <span class="badge">{status(&d)}</span>
                            </td>
                            <td>{record.map(|r| view! { <code>{r}</code> })}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <TableBox>
                    <table class="data-table">
                        <caption>{t_string!(i18n, branding.domains_title)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t_string!(i18n, branding.domain)}</th>
                                <th scope="col">{t_string!(i18n, branding.domain_status)}</th>
                                <th scope="col">{t_string!(i18n, branding.domain_record)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </TableBox>
                <p class="muted">{t_string!(i18n, branding.domains_help)}</p>
                {check.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e /> })}
                <button
                    type="button"
                    disabled=move || check.pending().get()
                    on:click=move |_| {
                        check.dispatch(());
                    }
                >
                    {t_string!(i18n, branding.check_domains)}
                </button>
            }
        })
    }
}
