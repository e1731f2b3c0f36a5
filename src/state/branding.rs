//! The agency's brand: the hostname's before anyone signs in (the login page), then the
//! signed-in user's own agency's, whatever hostname they signed in on: nobody's data is
//! shown inside another agency's name and colours.

use crate::api;
use atrium_api::colour::BrandPalette;
use atrium_api::Branding;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy)]
pub struct BrandingState {
    branding: RwSignal<Option<Branding>>,
}

impl BrandingState {
    pub fn get(&self) -> Option<Branding> {
        self.branding.get()
    }

    /// After the agency changes its brand: the page wears it at once.
    pub fn set(&self, branding: Branding) {
        self.branding.set(Some(branding));
    }

    /// The agency's display name, or empty until it is known (never Atrium's).
    pub fn name(&self) -> String {
        self.branding.with(|b| b.as_ref().map(|b| b.display_name.clone()).unwrap_or_default())
    }
}

/// Provides the brand; needs the session (`provide_session`) first.
pub fn provide_branding() -> BrandingState {
    let state = BrandingState { branding: RwSignal::new(None) };
    provide_context(state);
    let host = RwSignal::new(None::<Branding>);
    spawn_local(async move {
        match api::branding::get_branding().await {
            Ok(b) => {
                host.set(Some(b.clone()));
                state.branding.set(Some(b));
            }
            // The page still works unbranded; the error is for whoever reads the console.
            Err(e) => leptos::logging::warn!("branding not loaded: {e:?}"),
        }
    });
    let session = crate::state::session::use_session();
    Effect::new(move |_| {
        let signed_in_agency = session.me().map(|me| me.agency.id);
        let shown = state.branding.with(|b| b.as_ref().map(|b| b.agency_id));
        match signed_in_agency {
            Some(agency) if shown.is_some_and(|shown| shown != agency) => spawn_local(async move {
                if let Ok(mine) = api::branding::my_branding().await {
                    state.branding.set(Some(mine));
                }
            }),
            // Signed out: the hostname's brand again.
            None => {
                if let Some(h) = host.get_untracked().filter(|h| Some(h.agency_id) != shown) {
                    state.branding.set(Some(h));
                }
            }
            Some(_) => {}
        }
    });
    Effect::new(move |_| {
        if let Some(b) = state.branding.get() {
            apply_to_document(&b);
        }
    });
    state
}

pub fn use_branding() -> BrandingState {
    expect_context::<BrandingState>()
}

/// The brand colour becomes CSS custom properties; the tab's title ends with the agency's name.
fn apply_to_document(b: &Branding) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    crate::page_title::set_brand(&b.display_name);
    if let Some(root) = document.document_element() {
        if let Some(p) = BrandPalette::from_hex(&b.primary_color) {
            let style = format!(
                "--brand: {}; --brand-text: {}; --brand-fill: {}; --on-brand: {};",
                b.primary_color, p.text, p.fill, p.on_fill
            );
            let _ = root.set_attribute("style", &style);
        }
    }
}
