//! The agency's brand for this hostname: the login page and both sides wear it.

use crate::api;
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

pub fn provide_branding() -> BrandingState {
    let state = BrandingState { branding: RwSignal::new(None) };
    provide_context(state);
    spawn_local(async move {
        match api::branding::get_branding().await {
            Ok(b) => state.branding.set(Some(b)),
            // The page still works unbranded; the error is for whoever reads the console.
            Err(e) => leptos::logging::warn!("branding not loaded: {e:?}"),
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

/// The brand colour becomes a CSS custom property; the tab shows the agency's name.
fn apply_to_document(b: &Branding) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    document.set_title(&b.display_name);
    if let Some(root) = document.document_element() {
        if is_hex_colour(&b.primary_color) {
            let _ = root.set_attribute("style", &format!("--brand: {};", b.primary_color));
        }
    }
}

/// Only `#rgb`/`#rrggbb` reach the style attribute.
pub fn is_hex_colour(s: &str) -> bool {
    let Some(hex) = s.strip_prefix('#') else {
        return false;
    };
    matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::is_hex_colour;

    #[test]
    fn only_hex_colours_reach_the_style() {
        assert!(is_hex_colour("#1d4ed8"));
        assert!(is_hex_colour("#fff"));
        assert!(!is_hex_colour("red; background: url(x)"));
        assert!(!is_hex_colour("#12345g"));
        assert!(!is_hex_colour("1d4ed8"));
    }
}
