//! `GET /api/v1/branding`: the login page picks its brand by hostname, before sign-in.

use crate::common::TestApp;

#[tokio::test]
async fn a_known_hostname_answers_its_agency_with_or_without_port() {
    let app = TestApp::new().await;
    let northwind = app.get_on_host("/api/v1/branding", "127.0.0.1:8080").await;
    assert_eq!(northwind.status, 200, "{}", northwind.body);
    assert_eq!(northwind.body["display_name"], "Northwind Agency");
    assert_eq!(northwind.body["primary_color"], "#1d4ed8");

    let contoso = app.get_on_host("/api/v1/branding", "contoso.localhost").await;
    assert_eq!(contoso.status, 200, "{}", contoso.body);
    assert_eq!(contoso.body["display_name"], "Contoso Partners");
    assert_eq!(contoso.body["primary_color"], "#0f766e");
    assert_eq!(contoso.body["agency_id"], app.agency_id("Contoso Partners").await);
}

#[tokio::test]
async fn an_unknown_hostname_falls_back_to_the_first_agency() {
    // A bare address or a new domain still shows an agency's brand, never an error page.
    let app = TestApp::new().await;
    let reply = app.get_on_host("/api/v1/branding", "unknown.example:9999").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["display_name"], "Northwind Agency");
    assert!(reply.body["primary_color"].as_str().is_some_and(|c| c.starts_with('#') && c.len() == 7));
}

#[tokio::test]
async fn a_signed_in_user_gets_their_own_agencys_brand_on_any_hostname() {
    let app = TestApp::new().await;
    // Contoso's owner signed in on Northwind's hostname.
    let contoso = app.login("owner@contoso.test").await;
    assert_eq!(
        app.get_on_host("/api/v1/branding", "northwind.localhost").await.body["display_name"],
        "Northwind Agency"
    );
    let mine = contoso.get("/api/v1/me/branding").await;
    assert_eq!(mine.status, 200, "{}", mine.body);
    assert_eq!(mine.body["display_name"], "Contoso Partners");
    assert_eq!(mine.body["primary_color"], "#0f766e");
    let client = app.login("agent@acme.test").await;
    assert_eq!(client.get("/api/v1/me/branding").await.body["display_name"], "Northwind Agency");
    app.get("/api/v1/me/branding").await.assert_error(401, "unauthenticated");
}
