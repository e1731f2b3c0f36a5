//! `/api/v1/orgs`: the agency's client organizations, paged, searched, and fenced by tenant.

use crate::common;

use crate::common::TestApp;
use atrium_api::{OrgSettings, MAX_SEARCH_MATCHES};
use atrium_server::store::{self, orgs::NewOrg};
use serde_json::{json, Value};

const SETTINGS: [&str; 7] = [
    "dashboard_language",
    "dashboard_layout",
    "handoff_enabled",
    "smart_handoff_enabled",
    "show_handoff_messages",
    "canned_responses_enabled",
    "billing_enabled",
];

fn names(list: &Value) -> Vec<&str> {
    list["items"].as_array().expect("items").iter().map(|o| o["name"].as_str().unwrap()).collect()
}

/// Adds orgs to Northwind straight through the store.
async fn insert_orgs(app: &TestApp, names: &[&str]) {
    let agency_id = app.agency_id("Northwind Agency").await;
    let settings = OrgSettings::default();
    for name in names {
        let org = NewOrg { agency_id, name, contact_email: None, logo_url: None, settings: &settings };
        store::orgs::insert_org(&app.db, &org).await.unwrap();
    }
}

#[tokio::test]
async fn staff_list_their_agency_orgs_only() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let list = owner.get("/api/v1/orgs").await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(list.body["total"], 2);
    // Sorted by name by default; Contoso's Initech never shows.
    assert_eq!(names(&list.body), ["Acme Dental", "Globex Realty"]);
}

#[tokio::test]
async fn each_org_reads_as_the_contract_says() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let list = owner.get("/api/v1/orgs").await.body;
    assert_eq!(list["items"].as_array().unwrap().len(), 2, "zip below would hide a short list");
    // (name, users, agents) as the demo seed makes them.
    for (org, (name, users, agents)) in
        list["items"].as_array().unwrap().iter().zip([("Acme Dental", 2, 2), ("Globex Realty", 1, 1)])
    {
        assert_eq!(org["name"], name);
        assert!(org["id"].is_i64(), "{org}");
        assert!(org["contact_email"].is_string(), "{org}");
        assert!(org["logo_url"].is_null(), "{org}");
        assert_eq!(org["archived"], false);
        assert!(org["version"].is_i64(), "{org}");
        assert!(org["created_at"].is_string() && org["updated_at"].is_string(), "{org}");
        assert_eq!(org["agent_ids"].as_array().expect("agent_ids").len(), agents, "{org}");
        assert_eq!(org["agent_count"], agents, "{org}");
        assert_eq!(org["user_count"], users, "{org}");
        // Exactly the seven settings: a client sends them back on PUT, which refuses extras.
        let settings = org["settings"].as_object().expect("settings");
        let mut keys: Vec<&str> = settings.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected = SETTINGS.to_vec();
        expected.sort_unstable();
        assert_eq!(keys, expected);
    }
    assert_eq!(list["items"][1]["settings"]["dashboard_layout"], "horizontal");
    assert_eq!(list["items"][1]["settings"]["billing_enabled"], true);
}

#[tokio::test]
async fn search_is_case_insensitive_and_literal() {
    let app = TestApp::new().await;
    insert_orgs(&app, &["50% Off Dental", "500 Off Dental", "Snake_Case Ltd", "SnakeXCase Ltd"]).await;
    let owner = app.login("owner@northwind.test").await;
    for q in ["acme", "ACME", "aCmE"] {
        let list = owner.get(&format!("/api/v1/orgs?q={q}")).await.body;
        assert_eq!(names(&list), ["Acme Dental"], "q={q}");
        assert_eq!(list["total"], 1);
    }
    // `%` and `_` are LIKE wildcards in SQL; a search must find them as text.
    let percent = owner.get("/api/v1/orgs?q=50%25").await.body;
    assert_eq!(names(&percent), ["50% Off Dental"]);
    let underscore = owner.get("/api/v1/orgs?q=e_c").await.body;
    assert_eq!(names(&underscore), ["Snake_Case Ltd"]);
    assert_eq!(underscore["total"], 1);
}

#[tokio::test]
async fn pages_sort_and_clamp() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let second = owner.get("/api/v1/orgs?per_page=1&page=2").await.body;
    assert_eq!(names(&second), ["Globex Realty"]);
    assert_eq!(second["total"], 2, "total counts every match, not the page");

    let reversed = owner.get("/api/v1/orgs?sort=-name").await.body;
    assert_eq!(names(&reversed), ["Globex Realty", "Acme Dental"]);

    let many: Vec<String> = (0..120).map(|i| format!("Bulk Org {i:03}")).collect();
    insert_orgs(&app, &many.iter().map(String::as_str).collect::<Vec<_>>()).await;
    let clamped = owner.get("/api/v1/orgs?per_page=1000").await.body;
    assert_eq!(clamped["items"].as_array().unwrap().len(), 100);
    assert_eq!(clamped["total"], 122);
    let beyond = owner.get("/api/v1/orgs?per_page=100&page=9").await.body;
    assert_eq!(beyond["items"], json!([]));
    assert_eq!(beyond["total"], 122, "a page past the last org still says how many there are");
    let default = owner.get("/api/v1/orgs").await.body;
    assert_eq!(default["items"].as_array().unwrap().len(), 25);
}

#[tokio::test]
async fn bad_list_queries_answer_the_error_body() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let unknown_sort = owner.get("/api/v1/orgs?sort=password").await;
    unknown_sort.assert_error(422, "validation_failed");
    assert!(unknown_sort.body["error"]["fields"]["sort"].is_string());
    owner.get("/api/v1/orgs?page=abc").await.assert_error(400, "bad_request");
}

#[tokio::test]
async fn client_users_may_not_list_orgs() {
    let app = TestApp::new().await;
    let client = app.login("admin@acme.test").await;
    client.get("/api/v1/orgs").await.assert_error(403, "forbidden");
    app.get("/api/v1/orgs").await.assert_error(401, "unauthenticated");
}

#[tokio::test]
async fn one_org_is_visible_to_its_agency_and_its_own_users_only() {
    let app = TestApp::new().await;
    let acme = app.org_id("Acme Dental").await;
    let globex = app.org_id("Globex Realty").await;
    let acme_path = format!("/api/v1/orgs/{acme}");

    let owner = app.login("owner@northwind.test").await;
    let reply = owner.get(&acme_path).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["id"], acme);
    assert_eq!(reply.body["name"], "Acme Dental");

    // Another agency's org does not exist for them, rather than being forbidden.
    let contoso = app.login("owner@contoso.test").await;
    contoso.get(&acme_path).await.assert_error(404, "not_found");

    let acme_admin = app.login("admin@acme.test").await;
    assert_eq!(acme_admin.get(&acme_path).await.status, 200);
    acme_admin.get(&format!("/api/v1/orgs/{globex}")).await.assert_error(404, "not_found");

    app.get(&acme_path).await.assert_error(401, "unauthenticated");
    owner.get("/api/v1/orgs/999999").await.assert_error(404, "not_found");
}

#[tokio::test]
async fn a_non_numeric_org_id_answers_the_error_body() {
    // Clients parse every failure as the error body; axum's plain-text rejection breaks that.
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    owner.get("/api/v1/orgs/acme").await.assert_error(400, "bad_request");
}

#[tokio::test]
async fn unknown_api_paths_are_404_with_the_error_body() {
    let app = TestApp::new().await;
    app.get("/api/v1/nope").await.assert_error(404, "not_found");
}

/// `q` as a query-string value: every byte but ASCII letters and digits percent-encoded.
fn query_value(q: &str) -> String {
    q.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// Every org the API lists for `q` (all pages), its total, and whether it says it stopped
/// at the cap.
async fn search_all(owner: &common::Session<'_>, q: &str) -> (Vec<String>, u64, bool) {
    let mut found = Vec::new();
    for page in 1.. {
        let list = owner.get(&format!("/api/v1/orgs?q={}&per_page=100&page={page}", query_value(q))).await;
        assert_eq!(list.status, 200, "q={q:?}: {}", list.body);
        let items = common::item_names(&list.body);
        let total = list.body["total"].as_u64().unwrap();
        let capped = list.body["capped"].as_bool().unwrap();
        let last = items.len() < 100;
        found.extend(items);
        if last {
            return (found, total, capped);
        }
    }
    unreachable!()
}

/// The name search as a scan of every name, newest first: what the list answered before
/// it had a trigram index (issue 20), and still answers for one- and two-character queries.
async fn scanned(app: &TestApp, agency_id: i64, q: &str) -> Vec<String> {
    let escaped = q.to_ascii_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    sqlx::query_scalar(
        "SELECT name FROM orgs WHERE agency_id = $1 AND archived = $2 AND lower(name) LIKE $3 ESCAPE '\\' \
         ORDER BY id DESC",
    )
    .bind(agency_id)
    .bind(false)
    .bind(format!("%{escaped}%"))
    .fetch_all(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_indexed_search_finds_exactly_what_a_scan_finds_up_to_the_cap() {
    use rand::{rngs::StdRng, Rng, SeedableRng};
    let app = TestApp::new().await;
    let agency_id = app.agency_id("Northwind Agency").await;
    // Letters in both cases, LIKE's wildcards and escape, a space, digits, and letters
    // whose case only Unicode folds: what a name and a query may hold.
    let alphabet: Vec<char> = "aAbBcCzZ%_\\ 019éÉßü".chars().collect();
    let mut rng = StdRng::seed_from_u64(20);
    let mut names = Vec::new();
    let settings = OrgSettings::default();
    // Enough names that a one-letter query matches more than the search looks at.
    while names.len() < 500 {
        let len = rng.gen_range(3..14);
        let name: String = (0..len).map(|_| alphabet[rng.gen_range(0..alphabet.len())]).collect();
        let org = NewOrg { agency_id, name: &name, contact_email: None, logo_url: None, settings: &settings };
        // Names are unique per agency in any ASCII case: a repeat is refused, and skipped.
        if store::orgs::insert_org(&app.db, &org).await.is_ok() {
            names.push(name);
        }
    }
    let owner = app.login("owner@northwind.test").await;
    let (mut matched_some, mut capped_some) = (0, 0);
    for round in 0..300 {
        let q: String = if round % 2 == 0 {
            // A piece of a name, its ASCII case flipped at random: it matches at least that name.
            let name: Vec<char> = names[rng.gen_range(0..names.len())].chars().collect();
            let start = rng.gen_range(0..name.len());
            let end = rng.gen_range(start + 1..=name.len().min(start + 6));
            name[start..end]
                .iter()
                .map(|c| if rng.gen_bool(0.5) { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
                .collect()
        } else {
            (0..rng.gen_range(1..6)).map(|_| alphabet[rng.gen_range(0..alphabet.len())]).collect()
        };
        // The list trims the query; so does this comparison.
        let trimmed = q.trim();
        if trimmed.is_empty() {
            continue;
        }
        let matches = scanned(&app, agency_id, trimmed).await;
        let over_cap = matches.len() as u64 > MAX_SEARCH_MATCHES;
        // Past the cap, the newest matches and no others.
        let mut expected: Vec<String> = matches.into_iter().take(MAX_SEARCH_MATCHES as usize).collect();
        let (mut found, total, capped) = search_all(&owner, &q).await;
        expected.sort();
        found.sort();
        assert_eq!(found, expected, "q={q:?}");
        assert_eq!(total, expected.len() as u64, "q={q:?}");
        assert_eq!(capped, over_cap, "q={q:?}");
        matched_some += usize::from(!expected.is_empty());
        capped_some += usize::from(over_cap);
    }
    assert!(matched_some > 150, "too few queries matched anything ({matched_some}): the comparison says little");
    assert!(capped_some > 5, "too few queries matched past the cap ({capped_some}): the cap is untested");
}

#[tokio::test]
async fn totals_and_search_follow_every_create_rename_archive_and_delete() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let agency_id = app.agency_id("Northwind Agency").await;
    for name in ["Quokka Dental", "Quokka Realty", "Quokka Legal"] {
        let created = owner.post("/api/v1/orgs", Some(serde_json::json!({ "name": name }))).await;
        assert_eq!(created.status, 201, "{}", created.body);
    }
    let realty = app.org_id("Quokka Realty").await;
    let legal = app.org_id("Quokka Legal").await;
    let path = |id| format!("/api/v1/orgs/{id}");
    // Rename one, archive another, delete an archived one.
    let mut renamed = common::update_body(&owner.get(&path(realty)).await.body);
    renamed["name"] = serde_json::json!("Wombat Realty");
    assert_eq!(owner.put(&path(realty), renamed).await.status, 200);
    let mut archive = common::update_body(&owner.get(&path(legal)).await.body);
    archive["archived"] = serde_json::json!(true);
    assert_eq!(owner.put(&path(legal), archive).await.status, 200);
    let acme = app.org_id("Acme Dental").await;
    let mut archive = common::update_body(&owner.get(&path(acme)).await.body);
    archive["archived"] = serde_json::json!(true);
    assert_eq!(owner.put(&path(acme), archive).await.status, 200);
    assert_eq!(owner.delete(&path(acme)).await.status, 204);

    for archived in [false, true] {
        let counted: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orgs WHERE agency_id = $1 AND archived = $2")
            .bind(agency_id)
            .bind(archived)
            .fetch_one(&app.db)
            .await
            .unwrap();
        let list = owner.get(&format!("/api/v1/orgs?archived={archived}")).await.body;
        assert_eq!(list["total"], counted, "archived={archived}");
        assert_eq!(list["items"].as_array().unwrap().len() as i64, counted, "archived={archived}");
    }
    // The search index follows the rename and the archive.
    assert_eq!(search_all(&owner, "quokka").await, (vec!["Quokka Dental".to_string()], 1, false));
    assert_eq!(search_all(&owner, "wombat").await, (vec!["Wombat Realty".to_string()], 1, false));
    let archived = owner.get("/api/v1/orgs?archived=true&q=quokka").await.body;
    assert_eq!(common::item_names(&archived), ["Quokka Legal"]);
    // A page past the last match still says how many there are.
    let past = owner.get("/api/v1/orgs?q=quokka&page=3").await.body;
    assert_eq!((past["items"].as_array().unwrap().len(), past["total"].as_u64()), (0, Some(1)));
}

#[tokio::test]
async fn the_search_index_upkeep_merges_the_index_and_the_search_answers_the_same() {
    let app = TestApp::new().await;
    if store::Dialect::of(&app.db) != store::Dialect::Sqlite {
        // PostgreSQL's trigram indexes have nothing to merge.
        assert!(!store::search_upkeep::merge_search_indexes(&app.db).await.unwrap());
        return;
    }
    let agency_id = app.agency_id("Northwind Agency").await;
    let settings = OrgSettings::default();
    // One transaction per org, as the console creates them: each adds a segment.
    for i in 0..40 {
        let name = format!("Upkeep {i:02} {}", if i % 3 == 0 { "Dental" } else { "Legal" });
        let org = NewOrg { agency_id, name: &name, contact_email: None, logo_url: None, settings: &settings };
        store::orgs::insert_org(&app.db, &org).await.unwrap();
    }
    let segments = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(DISTINCT segid) FROM org_search_idx")
            .fetch_one(&app.db)
            .await
            .unwrap()
    };
    let before = segments().await;
    assert!(before > 1, "the inserts left {before} segment(s): nothing to merge");
    let owner = app.login("owner@northwind.test").await;
    let dental = search_all(&owner, "keep 0").await;
    let legal = search_all(&owner, "legal").await;

    let mut slices = 0;
    while store::search_upkeep::merge_search_indexes(&app.db).await.unwrap() {
        slices += 1;
        assert!(slices < 1000, "the upkeep never says it is done");
    }
    assert_eq!(segments().await, 1, "{before} segments merged into one");
    assert_eq!(search_all(&owner, "keep 0").await, dental);
    assert_eq!(search_all(&owner, "legal").await, legal);
    assert_eq!(dental.0.len(), 10);
    // Written after the merge, found at once.
    let created = owner.post("/api/v1/orgs", Some(serde_json::json!({ "name": "Upkeep 99 Dental" }))).await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(search_all(&owner, "keep 9").await.0, ["Upkeep 99 Dental"]);
}
