//! Reading conversations: the inbox with its filters and paging, one transcript, and who
//! sees which.

use crate::common::{Session, TestApp};
use atrium_api::MAX_SEARCH_MATCHES;
use atrium_server::seed::DEMO_API_KEY;
use atrium_server::store::{self, conversations::NewConversation};
use serde_json::{json, Value};

fn contacts(list: &Value) -> Vec<String> {
    list["items"].as_array().expect("items").iter().map(|c| c["contact_name"].as_str().unwrap().to_string()).collect()
}

async fn inbox(session: &Session<'_>, query: &str) -> Value {
    let org = session.app.org_id("Acme Dental").await;
    let reply = session.get(&format!("/api/v1/orgs/{org}/conversations{query}")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

/// Restricts agent@acme.test to Reception Line, as Acme's admin.
async fn restrict_to_reception(app: &TestApp) {
    let admin = app.login("admin@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let user = app.user_id("agent@acme.test").await;
    let reception = app.agent_id("Reception Line").await;
    let reply = admin.patch(&format!("/api/v1/orgs/{org}/users/{user}"), json!({"agent_ids": [reception]})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[tokio::test]
async fn the_inbox_lists_the_orgs_conversations_newest_activity_first() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let all = inbox(&agent, "").await;
    assert_eq!(all["total"], 4);
    assert_eq!(all["items"].as_array().unwrap().len(), 4);
    // New activity moves a conversation to the top.
    let body = json!({
        "org_id": app.org_id("Acme Dental").await, "agent_id": app.agent_id("Support Bot").await,
        "external_id": "acme-1", "author": "visitor", "text": "Are you open on Saturday?", "contact_name": ""
    });
    assert_eq!(app.ingest(DEMO_API_KEY, body).await.status, 200);
    let after = inbox(&agent, "").await;
    let top = &after["items"][0];
    assert_eq!(top["contact_name"], "Maria Lopez", "the name is kept when the runtime sends none");
    assert_eq!(top["last_message"]["text"], "Are you open on Saturday?");
    assert_eq!(top["last_message"]["author"], "visitor");
    let dates: Vec<&str> =
        after["items"].as_array().unwrap().iter().map(|c| c["updated_at"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
}

#[tokio::test]
async fn the_inbox_search_finds_names_and_messages_as_they_change() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    // A human reply, and a query too short for the trigram index: the same answers.
    assert_eq!(contacts(&inbox(&agent, "?q=10AM").await), ["Lena Park"]);
    assert_eq!(sorted(contacts(&inbox(&agent, "?q=Am").await)), ["Lena Park", "Maria Lopez", "Sam Reed"]);
    assert_eq!(inbox(&agent, "?q=%22quokka").await["total"], 0, "a quote is searched as itself");
    // A new message and a new name are found at once; the old name no longer is.
    let body = json!({
        "org_id": app.org_id("Acme Dental").await, "agent_id": app.agent_id("Support Bot").await,
        "external_id": "acme-1", "author": "visitor", "text": "Do you take Quokka insurance?",
        "contact_name": "Maria Quintero"
    });
    assert_eq!(app.ingest(DEMO_API_KEY, body).await.status, 200);
    assert_eq!(contacts(&inbox(&agent, "?q=quokka").await), ["Maria Quintero"]);
    assert_eq!(contacts(&inbox(&agent, "?q=QUINTERO").await), ["Maria Quintero"]);
    assert_eq!(inbox(&agent, "?q=lopez").await["total"], 0);
    // Handoff notices are system messages: never searched, however long the query.
    assert_eq!(inbox(&agent, "?q=handoff%20requested").await["total"], 0);
    assert_eq!(inbox(&agent, "?q=closed").await["total"], 0);
}

/// Every contact name a search lists, page by page, its total and whether it says it
/// stopped at the cap.
async fn search_pages(session: &Session<'_>, query: &str) -> (Vec<String>, u64, bool) {
    let mut found = Vec::new();
    for page in 1.. {
        let list = inbox(session, &format!("{query}&per_page=100&page={page}")).await;
        let items = contacts(&list);
        let done = items.is_empty();
        found.extend(items);
        if done {
            return (found, list["total"].as_u64().unwrap(), list["capped"].as_bool().unwrap());
        }
    }
    unreachable!()
}

#[tokio::test]
async fn a_search_matching_more_than_the_cap_lists_the_most_recent_matches_and_says_so() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let org_id = app.org_id("Acme Dental").await;
    let agent_id = app.agent_id("Support Bot").await;
    let over = MAX_SEARCH_MATCHES as usize + 30;
    // Matches by name, and matches by a message only; a few waiting.
    for i in 0..over {
        for (contact, text) in
            [(format!("Zephyrine {i}"), "Hello"), (format!("Visitor {i}"), "About the quokka invoice")]
        {
            let status = if i % 40 == 0 { "waiting" } else { "bot" };
            let c = NewConversation {
                org_id,
                agent_id,
                external_id: &contact,
                status,
                assignee_id: None,
                team_id: None,
                contact_name: &contact,
                messages: &[("visitor", text)],
            };
            store::conversations::insert_conversation(&app.db, &c).await.unwrap();
        }
    }
    let newest = |prefix: &'static str| {
        let db = app.db.clone();
        async move {
            let names: Vec<String> = sqlx::query_scalar(
                "SELECT contact_name FROM conversations WHERE contact_name LIKE $1 ORDER BY updated_at DESC, id DESC",
            )
            .bind(format!("{prefix}%"))
            .fetch_all(&db)
            .await
            .unwrap();
            assert_eq!(names.len(), over);
            names.into_iter().take(MAX_SEARCH_MATCHES as usize).collect::<Vec<_>>()
        }
    };
    let cap = MAX_SEARCH_MATCHES;
    // The trigram index (names, then messages) and the scan of a two-letter query alike:
    // the most recent matches, newest first, counted as the cap and said to be more.
    assert_eq!(search_pages(&agent, "?q=zephyrine").await, (newest("Zephyrine").await, cap, true));
    assert_eq!(search_pages(&agent, "?q=QUOKKA%20invoice").await, (newest("Visitor").await, cap, true));
    let (short, total, capped) = search_pages(&agent, "?q=ze").await;
    assert_eq!((short.len() as u64, total, capped), (cap, cap, true));
    assert_eq!(short, newest("Zephyrine").await, "'ze' is only in the new names");
    // Many matching messages in one conversation are one match.
    let messages: Vec<(&str, &str)> = (0..cap + 50).map(|_| ("visitor", "A walrus tusk")).collect();
    let c = NewConversation {
        org_id,
        agent_id,
        external_id: "walrus",
        status: "bot",
        assignee_id: None,
        team_id: None,
        contact_name: "Wanda",
        messages: &messages,
    };
    store::conversations::insert_conversation(&app.db, &c).await.unwrap();
    assert_eq!(search_pages(&agent, "?q=walrus").await, (vec!["Wanda".to_string()], 1, false));
    // Narrowed under the cap, the total is exact again.
    let waiting = search_pages(&agent, "?q=zephyrine&status=waiting").await;
    assert_eq!((waiting.0.len(), waiting.1, waiting.2), (over.div_ceil(40), over.div_ceil(40) as u64, false));
}

#[tokio::test]
async fn the_inbox_filters_by_status_team_assignee_agent_and_text() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    assert_eq!(contacts(&inbox(&agent, "?status=waiting").await), ["Tom Baker"]);
    assert_eq!(contacts(&inbox(&agent, "?status=closed").await), ["Sam Reed"]);
    let team = app.team_id("front_desk").await;
    let mut by_team = contacts(&inbox(&agent, &format!("?team_id={team}")).await);
    by_team.sort();
    assert_eq!(by_team, ["Lena Park", "Tom Baker"]);
    let me = app.user_id("agent@acme.test").await;
    assert_eq!(inbox(&agent, &format!("?assignee_id={me}")).await["total"], 2);
    let reception = app.agent_id("Reception Line").await;
    assert_eq!(contacts(&inbox(&agent, &format!("?agent_id={reception}")).await), ["Lena Park"]);
    // `q`: the contact's name or any message, any case.
    assert_eq!(contacts(&inbox(&agent, "?q=lena").await), ["Lena Park"]);
    assert_eq!(contacts(&inbox(&agent, "?q=OPENING%20HOURS").await), ["Maria Lopez"]);
    assert_eq!(inbox(&agent, "?q=100%25").await["total"], 0);
    // System messages are not searched.
    assert_eq!(inbox(&agent, "?q=team%20member%20joined").await["total"], 0);
    assert_eq!(app.get("/api/v1/orgs/1/conversations?status=lost").await.status, 401);
    assert_eq!(
        agent.get(&format!("/api/v1/orgs/{}/conversations?status=lost", app.org_id("Acme Dental").await)).await.status,
        400
    );
}

#[tokio::test]
async fn the_inbox_pages() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let first = inbox(&agent, "?per_page=3").await;
    let second = inbox(&agent, "?per_page=3&page=2").await;
    assert_eq!((first["total"].as_i64(), second["total"].as_i64()), (Some(4), Some(4)));
    assert_eq!(first["items"].as_array().unwrap().len(), 3);
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    let mut seen = contacts(&first);
    seen.extend(contacts(&second));
    seen.sort();
    assert_eq!(seen, ["Lena Park", "Maria Lopez", "Sam Reed", "Tom Baker"]);
}

#[tokio::test]
async fn a_transcript_reads_oldest_first() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let id = app.conversation_id("acme-2").await;
    let reply = agent.get(&format!("/api/v1/orgs/{org}/conversations/{id}")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let c = &reply.body;
    assert_eq!((c["id"].as_i64(), c["status"].as_str()), (Some(id), Some("waiting")));
    assert_eq!(c["team_id"], app.team_id("front_desk").await);
    let messages = c["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 4);
    assert_eq!(messages[0]["text"], "I need to move my appointment.");
    assert_eq!(messages[3]["author"], "system");
    let ids: Vec<i64> = messages.iter().map(|m| m["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
}

#[tokio::test]
async fn a_client_user_sees_only_the_conversations_of_their_agents() {
    let app = TestApp::new().await;
    restrict_to_reception(&app).await;
    let agent = app.login("agent@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    assert_eq!(contacts(&inbox(&agent, "").await), ["Lena Park"]);
    let hidden = app.conversation_id("acme-2").await;
    let before = app.fingerprint().await;
    agent.get(&format!("/api/v1/orgs/{org}/conversations/{hidden}")).await.assert_error(404, "not_found");
    agent
        .post(&format!("/api/v1/orgs/{org}/conversations/{hidden}/take-over"), None)
        .await
        .assert_error(404, "not_found");
    agent.post(&format!("/api/v1/orgs/{org}/conversations/{hidden}/close"), None).await.assert_error(404, "not_found");
    assert_eq!(app.fingerprint().await, before);
    // Even asking for that agent by name finds nothing.
    let support = app.agent_id("Support Bot").await;
    assert_eq!(inbox(&agent, &format!("?agent_id={support}")).await["total"], 0);
    // Staff and the org admin still see everything.
    assert_eq!(inbox(&app.login("admin@acme.test").await, "").await["total"], 4);
    assert_eq!(inbox(&app.login("member@northwind.test").await, "").await["total"], 4);
}

#[tokio::test]
async fn another_orgs_or_agencys_conversations_are_404() {
    let app = TestApp::new().await;
    let acme = app.org_id("Acme Dental").await;
    let globex_conversation = app.conversation_id("globex-1").await;
    let owner = app.login("owner@northwind.test").await;
    // Globex's conversation through Acme's path.
    owner.get(&format!("/api/v1/orgs/{acme}/conversations/{globex_conversation}")).await.assert_error(404, "not_found");
    owner
        .post(&format!("/api/v1/orgs/{acme}/conversations/{globex_conversation}/close"), None)
        .await
        .assert_error(404, "not_found");
    let acme_conversation = app.conversation_id("acme-1").await;
    for email in ["admin@globex.test", "owner@contoso.test", "admin@initech.test"] {
        let other = app.login(email).await;
        other.get(&format!("/api/v1/orgs/{acme}/conversations")).await.assert_error(404, "not_found");
        other
            .get(&format!("/api/v1/orgs/{acme}/conversations/{acme_conversation}"))
            .await
            .assert_error(404, "not_found");
    }
    owner.get(&format!("/api/v1/orgs/{acme}/conversations/999999")).await.assert_error(404, "not_found");
}

#[tokio::test]
async fn a_user_without_the_conversations_permission_is_403() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let created = admin
        .post(
            &format!("/api/v1/orgs/{org}/users"),
            Some(json!({"name": "Hana Home", "email": "home@acme.test", "password": "home-only-pw",
                        "role": "client_user", "permissions": ["home"], "agent_ids": []})),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let reply = app.try_login("home@acme.test", "home-only-pw").await;
    let home = Session::from_reply(&app, &reply);
    home.get(&format!("/api/v1/orgs/{org}/conversations")).await.assert_error(403, "forbidden");
    home.get(&format!("/api/v1/orgs/{org}/events")).await.assert_error(403, "forbidden");
}
