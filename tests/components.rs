//! Component tests in real headless Chromium (wasm-bindgen-test): each mounts a view
//! into a fresh element and reads the DOM as a user would see it.
#![cfg(target_arch = "wasm32")]

use atrium::api::ApiError;
use atrium::components::agent_list::AgentList;
use atrium::components::error_notice::ErrorNotice;
use atrium::components::fetched::Fetched;
use atrium::components::field_error::FieldErrorText;
use atrium::components::org_table::OrgTable;
use atrium::components::pagination::Pagination;
use atrium::components::reply_box::{ReplyBox, ReplyContext};
use atrium::components::team_select::TeamSelect;
use atrium::crash::{show_crash_notice, CRASH_ID};
use atrium::form::Form;
use atrium::i18n::*;
use atrium_api::validate::FieldError;
use atrium_api::{Agent, AgentKind, AgentStatus, CannedResponse, OrgSettings, Organization, Team};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` (inside the i18n provider, in `locale`) into a new element and returns it.
fn mount<V: IntoView + 'static>(locale: Locale, view: impl FnOnce() -> V + Send + 'static) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <I18nContextProvider>
                {
                    let i18n = use_i18n();
                    Effect::new(move |_| i18n.set_locale(locale));
                    view()
                }
            </I18nContextProvider>
        }
    });
    handle.forget();
    host
}

/// Lets effects and the locale switch settle.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn locale_text(locale: &str, path: &str) -> String {
    let json = match locale {
        "es" => include_str!("../locales/es.json"),
        _ => include_str!("../locales/en.json"),
    };
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    path.split('.').fold(&value, |v, k| &v[k]).as_str().unwrap().to_string()
}

fn org(name: &str) -> Organization {
    Organization {
        id: 1,
        name: name.into(),
        contact_email: None,
        logo_url: None,
        archived: false,
        version: 1,
        agent_ids: vec![1, 2],
        settings: OrgSettings::default(),
        created_at: "2026-11-01T10:00:00Z".into(),
        updated_at: "2026-11-02T10:00:00Z".into(),
        user_count: 3,
        agent_count: 2,
    }
}

#[wasm_bindgen_test]
async fn error_notice_is_an_alert_in_the_users_language() {
    let host = mount(Locale::es, || view! { <ErrorNotice error=ApiError::InvalidCredentials /> });
    settle().await;
    let alert = host.query_selector("[role=alert]").unwrap().expect("an alert");
    assert_eq!(alert.text_content().unwrap(), locale_text("es", "errors.invalid_credentials"));
}

#[wasm_bindgen_test]
async fn network_and_server_errors_say_different_things() {
    let network = mount(Locale::en, || view! { <ErrorNotice error=ApiError::Network("offline".into()) /> });
    let server = mount(Locale::en, || view! { <ErrorNotice error=ApiError::Server("boom".into()) /> });
    settle().await;
    assert_eq!(network.text_content().unwrap(), locale_text("en", "errors.network"));
    assert_eq!(server.text_content().unwrap(), locale_text("en", "errors.server"));
    assert!(!server.text_content().unwrap().contains("boom"), "server detail must not reach the user");
}

#[wasm_bindgen_test]
async fn pagination_disables_what_cannot_be_done() {
    let first = mount(Locale::en, || view! { <Pagination page=1 page_count=3 on_page=Callback::new(|_| ()) /> });
    let last = mount(Locale::en, || view! { <Pagination page=3 page_count=3 on_page=Callback::new(|_| ()) /> });
    settle().await;
    let buttons = |host: &HtmlElement| {
        let list = host.query_selector_all("button").unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().unchecked_into::<web_sys::HtmlButtonElement>().disabled())
            .collect::<Vec<_>>()
    };
    assert_eq!(buttons(&first), vec![true, false]);
    assert_eq!(buttons(&last), vec![false, true]);
    assert!(first.text_content().unwrap().contains("Page 1 of 3"));
}

#[wasm_bindgen_test]
async fn pagination_reports_the_page_asked_for() {
    let asked = RwSignal::new(0u32);
    let host = mount(
        Locale::en,
        move || view! { <Pagination page=2 page_count=3 on_page=Callback::new(move |p| asked.set(p)) /> },
    );
    settle().await;
    let next: HtmlElement = host.query_selector_all("button").unwrap().item(1).unwrap().unchecked_into();
    next.click();
    assert_eq!(asked.get_untracked(), 3);
}

#[wasm_bindgen_test]
async fn org_table_shows_rows_or_the_right_empty_state() {
    let cleared = RwSignal::new(0u32);
    let on_clear = Callback::new(move |_| cleared.update(|n| *n += 1));
    let rows = mount(
        Locale::en,
        move || view! { <OrgTable orgs=vec![org("Acme Dental")] searching=false on_clear=on_clear /> },
    );
    let empty = mount(Locale::en, move || view! { <OrgTable orgs=vec![] searching=false on_clear=on_clear /> });
    let no_match = mount(Locale::en, move || view! { <OrgTable orgs=vec![] searching=true on_clear=on_clear /> });
    settle().await;
    let header = rows.query_selector("tbody th[scope=row]").unwrap().unwrap();
    assert_eq!(header.text_content().unwrap(), "Acme Dental");
    let time = rows.query_selector("time").unwrap().unwrap();
    assert_eq!(time.get_attribute("datetime").unwrap(), "2026-11-02T10:00:00Z");
    assert!(time.text_content().unwrap().contains("2026"), "a readable date");
    assert_eq!(empty.text_content().unwrap(), locale_text("en", "orgs.empty"));
    assert!(empty.query_selector("button").unwrap().is_none(), "nothing to clear without a search");
    let no_match_text = no_match.query_selector("p").unwrap().unwrap().text_content().unwrap();
    assert_eq!(no_match_text, locale_text("en", "orgs.no_match"));
    // A search that found nothing offers to clear it.
    let clear: HtmlElement = no_match.query_selector("button").unwrap().unwrap().unchecked_into();
    assert_eq!(clear.text_content().unwrap(), locale_text("en", "common.clear_search"));
    clear.click();
    assert_eq!(cleared.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn one_page_needs_no_paging() {
    let only = mount(Locale::en, || view! { <Pagination page=1 page_count=1 on_page=Callback::new(|_| ()) /> });
    let none = mount(Locale::en, || view! { <Pagination page=1 page_count=0 on_page=Callback::new(|_| ()) /> });
    settle().await;
    assert!(only.query_selector("nav").unwrap().is_none());
    assert!(none.query_selector("nav").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn agent_list_translates_kind_and_status() {
    let agents = vec![Agent {
        id: 1,
        name: "Reception Line".into(),
        kind: AgentKind::Voice,
        description: String::new(),
        status: AgentStatus::Paused,
    }];
    let host = mount(Locale::es, move || view! { <AgentList agents=agents.clone() /> });
    settle().await;
    let text = host.text_content().unwrap();
    assert!(text.contains("Reception Line"));
    assert!(text.contains(&locale_text("es", "agent.kind_voice")), "{text}");
    assert!(text.contains(&locale_text("es", "agent.status_paused")), "{text}");
}

#[wasm_bindgen_test]
async fn field_error_follows_its_signal() {
    let error = RwSignal::new(None::<FieldError>);
    let host = mount(Locale::en, move || view! { <FieldErrorText id="e" error=error /> });
    settle().await;
    assert_eq!(host.text_content().unwrap(), "");
    error.set(Some(FieldError::Required));
    settle().await;
    assert_eq!(host.text_content().unwrap(), locale_text("en", "errors.field_required"));
}

fn canned(shortcode: &str, title: &str, body: &str) -> CannedResponse {
    CannedResponse { id: 1, shortcode: shortcode.into(), title: title.into(), body: body.into() }
}

/// Puts `text` in the textarea as typing would, with the caret at `caret` (UTF-16 units).
fn type_into(area: &HtmlTextAreaElement, text: &str, caret: u32) {
    area.set_value(text);
    area.set_selection_range(caret, caret).unwrap();
    area.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

fn move_caret(area: &HtmlTextAreaElement, caret: u32, how: &str) {
    area.set_selection_range(caret, caret).unwrap();
    area.dispatch_event(&web_sys::Event::new(how).unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn reply_box_survives_the_caret_anywhere() {
    let draft = RwSignal::new(String::new());
    let host = mount(Locale::en, move || {
        view! {
            <ReplyBox
                canned=vec![canned("hours", "Opening hours", "We open at 9.")]
                context=ReplyContext::default()
                sending=Signal::stored(false)
                draft=draft
                on_send=Callback::new(|_: String| {})
            />
        }
    });
    settle().await;
    let area: HtmlTextAreaElement = host.query_selector("textarea").unwrap().unwrap().unchecked_into();
    let list: HtmlElement = host.query_selector("[role=listbox]").unwrap().unwrap().unchecked_into();
    // Home, ← and clicks at every position, in texts with emoji, Arabic and combining marks.
    for text in ["/ho", "Hi /ho", "😀 /ho", "مرحبا /ho", "e\u{301} /ho"] {
        let units = text.encode_utf16().count() as u32;
        type_into(&area, text, units);
        settle().await;
        assert!(!list.hidden(), "typing {text:?} opens the saved replies");
        for caret in (0..=units).rev() {
            for how in ["keyup", "click"] {
                move_caret(&area, caret, how);
                settle().await;
                let after_slash = text.encode_utf16().take(caret as usize).any(|u| u == u16::from(b'/'));
                assert_eq!(!list.hidden(), after_slash, "{text:?}, caret at {caret} by {how}");
            }
        }
        assert_eq!(draft.get_untracked(), text, "the draft is intact");
    }
    assert!(web_sys::window().unwrap().document().unwrap().get_element_by_id(CRASH_ID).is_none());
}

#[wasm_bindgen_test]
async fn crash_notice_covers_the_page_in_its_language() {
    let document = web_sys::window().unwrap().document().unwrap();
    document.document_element().unwrap().set_attribute("lang", "es").unwrap();
    show_crash_notice();
    show_crash_notice();
    let notices = document.query_selector_all(&format!("#{CRASH_ID}")).unwrap();
    assert_eq!(notices.length(), 1, "a second panic adds no second notice");
    let notice: HtmlElement = document.get_element_by_id(CRASH_ID).unwrap().unchecked_into();
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alertdialog"));
    let text = notice.text_content().unwrap();
    assert!(text.contains(&locale_text("es", "errors.crashed")), "{text}");
    let reload = notice.query_selector("a").unwrap().unwrap();
    assert_eq!(reload.text_content().unwrap(), locale_text("es", "errors.reload"));
    assert_eq!(reload.get_attribute("href"), Some(document.location().unwrap().href().unwrap()));
    assert_eq!(document.active_element().map(|e| e.tag_name()), Some("A".into()), "focus on Reload");
    notice.remove();
}

/// A resource that fails its first load and succeeds from then on.
fn fails_once<T: Clone + 'static>(value: T) -> LocalResource<Result<T, ApiError>> {
    let loads = std::rc::Rc::new(std::cell::Cell::new(0));
    LocalResource::new(move || {
        loads.set(loads.get() + 1);
        let result = if loads.get() == 1 { Err(ApiError::Network("offline".into())) } else { Ok(value.clone()) };
        async move { result }
    })
}

fn button_named(host: &HtmlElement, name: &str) -> HtmlElement {
    let buttons = host.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|b| b.unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("a button named {name}"))
}

#[wasm_bindgen_test]
async fn fetched_data_that_failed_loads_again_on_retry() {
    let host = mount(Locale::en, || {
        let resource = fails_once(vec!["Greeting".to_string(), "Opening hours".to_string()]);
        let list =
            |items: Vec<String>| view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> };
        view! { <Fetched resource=resource children=list /> }
    });
    settle().await;
    let alert = host.query_selector("[role=alert]").unwrap().expect("the failure is shown");
    assert!(alert.text_content().unwrap().contains(&locale_text("en", "errors.network")));
    assert!(host.query_selector("li").unwrap().is_none());
    button_named(&host, &locale_text("en", "errors.retry")).click();
    settle().await;
    assert!(host.query_selector("[role=alert]").unwrap().is_none(), "the error goes once the data is here");
    assert_eq!(host.query_selector_all("li").unwrap().length(), 2);
}

#[wasm_bindgen_test]
async fn fetched_data_that_does_not_exist_shows_the_not_found_view() {
    let host = mount(Locale::en, || {
        let resource = LocalResource::new(|| async { Err::<String, _>(ApiError::NotFound) });
        view! { <Fetched resource=resource not_found=move || view! { <h1>"Gone"</h1> } children=|s: String| s /> }
    });
    settle().await;
    assert_eq!(host.query_selector("h1").unwrap().expect("the not-found view").text_content().unwrap(), "Gone");
    assert!(host.query_selector("[role=alert]").unwrap().is_none(), "not an error to retry");
}

#[wasm_bindgen_test]
async fn team_select_says_when_the_teams_could_not_be_loaded_and_lists_them_after_retry() {
    let chosen = RwSignal::new(None::<i64>);
    let host = mount(Locale::en, move || {
        let team = Team {
            id: 7,
            label: "Billing desk".into(),
            key: "billing".into(),
            description: String::new(),
            member_ids: vec![],
            updated_at: "2026-11-02T10:00:00Z".into(),
        };
        let teams = fails_once(vec![team]);
        view! {
            <TeamSelect
                id="team"
                label="Team"
                none_label="Any team"
                teams=teams
                selected=chosen
                on_change=Callback::new(move |t| chosen.set(t))
            />
        }
    });
    settle().await;
    assert!(host.query_selector("[role=alert]").unwrap().is_some(), "a failed load is said, not an empty list");
    button_named(&host, &locale_text("en", "errors.retry")).click();
    settle().await;
    let select: web_sys::HtmlSelectElement = host.query_selector("select#team").unwrap().unwrap().unchecked_into();
    assert_eq!(select.length(), 2, "'Any team' and the org's team");
    select.set_value("7");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    assert_eq!(chosen.get_untracked(), Some(7));
    assert!(host.query_selector("[role=alert]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_form_made_again_after_an_answer_does_not_take_it_for_a_new_one() {
    let successes = RwSignal::new(0);
    let action = RwSignal::new(None::<Action<u32, Result<u32, ApiError>>>);
    let shown = RwSignal::new(0);
    let _host = mount(Locale::en, move || {
        let create = Action::new_local(|n: &u32| {
            let n = *n;
            async move { Ok::<_, ApiError>(n) }
        });
        action.set(Some(create));
        // The form is drawn again whenever `shown` changes, as a list's reload redraws it.
        move || {
            shown.get();
            let form = Form::new(create, move |_| successes.update(|n| *n += 1));
            form.failure_notice()
        }
    });
    settle().await;
    let create = action.get_untracked().unwrap();
    create.dispatch(1);
    settle().await;
    assert_eq!(successes.get_untracked(), 1, "an answer is a success");
    shown.set(1);
    settle().await;
    assert_eq!(successes.get_untracked(), 1, "the redrawn form leaves the old answer alone");
    create.dispatch(2);
    settle().await;
    assert_eq!(successes.get_untracked(), 2, "and takes the next one");
}
