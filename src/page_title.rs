//! The browser tab's title names the page, then the brand: "Conversations · Northwind".
//! Every page has one level-1 heading, so the title follows it wherever it changes (a new
//! page, an org's name arriving, another language) rather than each page setting it.

use std::cell::RefCell;
use wasm_bindgen::closure::Closure;

thread_local! {
    static BRAND: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The brand's name, for the title's end (state/branding.rs).
pub fn set_brand(name: &str) {
    BRAND.with(|b| *b.borrow_mut() = name.to_string());
    refresh();
}

/// `heading · brand`; the brand alone on a page without a heading yet, the heading alone
/// when it names the brand itself.
pub fn title(heading: &str, brand: &str) -> String {
    match (heading.trim(), brand.trim()) {
        ("", brand) => brand.to_string(),
        (heading, "") => heading.to_string(),
        // "Welcome to Northwind": the brand is already there.
        (heading, brand) if heading.contains(brand) => heading.to_string(),
        (heading, brand) => format!("{heading} · {brand}"),
    }
}

fn refresh() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let heading = document.query_selector("h1").ok().flatten().and_then(|h| h.text_content()).unwrap_or_default();
    let next = BRAND.with(|b| title(&heading, &b.borrow()));
    if document.title() != next {
        document.set_title(&next);
    }
}

/// Once for the app: the title follows the page's heading from now on.
pub fn follow_heading() {
    crate::focus::observe_page(Closure::<dyn FnMut()>::new(refresh), &["childList", "subtree", "characterData"]);
}

#[cfg(test)]
mod tests {
    use super::title;

    #[test]
    fn names_the_page_then_the_brand() {
        assert_eq!(title("Conversations", "Northwind"), "Conversations · Northwind");
        assert_eq!(title("  ", "Northwind"), "Northwind");
        assert_eq!(title("Northwind", "Northwind"), "Northwind");
        assert_eq!(title("Welcome to Northwind", "Northwind"), "Welcome to Northwind");
        assert_eq!(title("Sign in", ""), "Sign in");
    }
}
