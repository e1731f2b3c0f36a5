//! The demo data that `make run` loads into an empty database: the agencies, people and
//! conversations PRODUCT.md's "Fixed points" name, so a first run shows a living product.

use crate::password::{hash_password, token_hash};
use crate::store::{
    self, agencies::NewAgency, conversations::NewConversation, orgs::NewOrg, teams::NewTeamRow, users::NewUser, Db,
};
use atrium_api::{
    AgentInput, AgentKind, AgentStatus, Layout, NewPlan, OrgSettings, Permission, PlanInterval, Role, SystemNote,
};

pub const DEMO_PASSWORD: &str = "atrium-demo";
pub const DEMO_API_KEY: &str = "northwind-demo-key";
/// Northwind's demo embed secret: what its own site would sign embed links with.
pub const DEMO_EMBED_SECRET: &str = "emb_demo-northwind-embed-secret";

/// Every demo login, as `make run` prints them.
pub const DEMO_LOGINS: &[(&str, &str)] = &[
    ("owner@northwind.test", "Northwind Agency, owner"),
    ("admin@northwind.test", "Northwind Agency, admin"),
    ("member@northwind.test", "Northwind Agency, member"),
    ("admin@acme.test", "Acme Dental, org admin"),
    ("agent@acme.test", "Acme Dental, client user"),
    ("admin@globex.test", "Globex Realty, org admin"),
    ("owner@contoso.test", "Contoso Partners, owner"),
    ("admin@initech.test", "Initech (Contoso), org admin"),
];

/// Loads the demo into `db`. Refuses a database that already holds data unless `force`.
/// Replicas starting together take turns (the start-up lock), so only the first seeds.
pub async fn seed_demo(db: &Db, force: bool) -> Result<bool, String> {
    let seeded = store::with_startup_lock(db, async {
        if !force && !store::is_empty(db).await.map_err(|e| e.to_string())? {
            return Ok(false);
        }
        seed(db).await.map_err(|e| e.to_string())?;
        Ok(true)
    });
    seeded.await.map_err(|e| e.to_string())?
}

async fn seed(db: &Db) -> Result<(), Box<dyn std::error::Error>> {
    let northwind = store::agencies::insert_agency(
        db,
        &NewAgency {
            name: "Northwind Agency",
            primary_color: "#1d4ed8",
            support_email: "help@northwind.test",
            website_url: "https://northwind.test",
            verified_hostnames: &["northwind.localhost"],
        },
    )
    .await?;
    let contoso = store::agencies::insert_agency(
        db,
        &NewAgency {
            name: "Contoso Partners",
            primary_color: "#0f766e",
            support_email: "help@contoso.test",
            website_url: "https://contoso.test",
            verified_hostnames: &["contoso.localhost"],
        },
    )
    .await?;
    store::agencies::insert_api_key(db, northwind, "northwind", &token_hash(DEMO_API_KEY)).await?;
    store::embedding::insert_embed_secret(db, northwind, "emb_demo-nor", DEMO_EMBED_SECRET).await?;

    let agent = |agency_id: i64, name: &str, kind: AgentKind, description: &str| {
        let input =
            AgentInput { name: name.into(), kind, description: description.into(), status: AgentStatus::Active };
        async move { store::agents::create_agent(db, agency_id, &input).await.map(|a| a.id) }
    };
    let support = agent(northwind, "Support Bot", AgentKind::Chat, "Answers patient questions.").await?;
    let sales = agent(northwind, "Sales Bot", AgentKind::Chat, "Qualifies leads.").await?;
    let reception = agent(northwind, "Reception Line", AgentKind::Voice, "Books appointments by phone.").await?;
    let helpdesk = agent(contoso, "Helpdesk Bot", AgentKind::Chat, "First-line IT support.").await?;

    // Plans only: Globex Realty has billing on but no subscription (the client picks one),
    // and Acme Dental has billing off.
    for (name, price_cents, included_conversations) in [("Starter", 2900, 500), ("Growth", 9900, 3000)] {
        let currency = "USD".to_string();
        let interval = PlanInterval::Month;
        let plan = NewPlan { name: name.into(), price_cents, currency, interval, included_conversations };
        store::plans::create_plan(db, northwind, &plan).await?;
    }

    let acme = org(db, northwind, "Acme Dental", "office@acme.test", OrgSettings::default()).await?;
    let globex_settings =
        OrgSettings { dashboard_layout: Layout::Horizontal, billing_enabled: true, ..OrgSettings::default() };
    let globex = org(db, northwind, "Globex Realty", "hello@globex.test", globex_settings).await?;
    let initech = org(db, contoso, "Initech", "it@initech.test", OrgSettings::default()).await?;
    for (o, a) in [(acme, support), (acme, reception), (globex, sales), (initech, helpdesk)] {
        store::org_agents::assign_agent(db, o, a).await?;
    }

    let staff = [
        ("owner@northwind.test", "Nadia Owner", Role::Owner, northwind),
        ("admin@northwind.test", "Arun Admin", Role::Admin, northwind),
        ("member@northwind.test", "Mia Member", Role::Member, northwind),
        ("owner@contoso.test", "Colin Owner", Role::Owner, contoso),
    ];
    for (email, name, role, agency_id) in staff {
        user(db, agency_id, None, role, email, name, &[]).await?;
    }
    user(db, northwind, Some(acme), Role::OrgAdmin, "admin@acme.test", "Alice Acme", &[]).await?;
    let acme_agent = user(
        db,
        northwind,
        Some(acme),
        Role::ClientUser,
        "agent@acme.test",
        "Andy Agent",
        &[Permission::Home, Permission::Conversations, Permission::CannedResponses],
    )
    .await?;
    user(db, northwind, Some(globex), Role::OrgAdmin, "admin@globex.test", "Gina Globex", &[]).await?;
    user(db, contoso, Some(initech), Role::OrgAdmin, "admin@initech.test", "Ian Initech", &[]).await?;

    let front_desk = NewTeamRow {
        label: "Front Desk",
        key: "front_desk",
        description: "Reception and appointment changes.",
        member_ids: &[acme_agent],
    };
    let front_desk = store::teams::insert_team(&mut *db.acquire().await?, acme, &front_desk).await?;
    // Where smart handoff is on, "emergency" goes straight to the front desk.
    store::integration::create_handoff_rule(db, acme, "emergency", Some(front_desk)).await?;

    let conversations = [
        (
            acme,
            support,
            "acme-1",
            "bot",
            None,
            None,
            "Maria Lopez",
            &[("visitor", "What are your opening hours?"), ("bot", "We are open 8am to 6pm, Monday to Friday.")][..],
        ),
        (
            acme,
            support,
            "acme-2",
            "waiting",
            None,
            Some(front_desk),
            "Tom Baker",
            &[
                ("visitor", "I need to move my appointment."),
                ("bot", "Sorry, I could not find that booking."),
                ("visitor", "Can I talk to a person please?"),
                ("system", SystemNote::HandoffRequested.text()),
            ][..],
        ),
        (
            acme,
            reception,
            "acme-3",
            "human",
            Some(acme_agent),
            Some(front_desk),
            "Lena Park",
            &[
                ("visitor", "Is Dr. Smith available on Friday?"),
                ("system", SystemNote::Joined.text()),
                ("human", "Hi Lena, yes, Friday at 10am is free."),
            ][..],
        ),
        (
            acme,
            support,
            "acme-4",
            "closed",
            Some(acme_agent),
            None,
            "Sam Reed",
            &[
                ("visitor", "Thanks for your help!"),
                ("human", "You are welcome, Sam."),
                ("system", SystemNote::Closed.text()),
            ][..],
        ),
        (
            globex,
            sales,
            "globex-1",
            "bot",
            None,
            None,
            "Priya Shah",
            &[("visitor", "Do you have flats in the city centre?"), ("bot", "Yes, we have three listed this week.")][..],
        ),
        (
            initech,
            helpdesk,
            "initech-1",
            "waiting",
            None,
            None,
            "Peter Gibbons",
            &[("visitor", "My printer is jammed again."), ("system", SystemNote::HandoffRequested.text())][..],
        ),
    ];
    for (org_id, agent_id, external_id, status, assignee_id, team_id, contact_name, messages) in conversations {
        let id = store::conversations::insert_conversation(
            db,
            &NewConversation { org_id, agent_id, external_id, status, assignee_id, team_id, contact_name, messages },
        )
        .await?;
        // The handoff history behind each state, so that Analytics has something to show.
        let history: &[(&str, Option<i64>)] = match status {
            "waiting" => &[("handoff.requested", None)],
            "human" | "closed" => &[("handoff.requested", None), ("handoff.accepted", assignee_id)],
            _ => &[],
        };
        store::conversations::insert_conversation_event(db, id, "conversation.created", None).await?;
        for (kind, actor_id) in history {
            store::conversations::insert_conversation_event(db, id, kind, *actor_id).await?;
        }
    }

    store::canned::create_canned(
        db,
        acme,
        "greeting",
        "Greeting",
        "Hi {{contact.name}}, thanks for waiting! How can I help?",
    )
    .await?;
    store::canned::create_canned(
        db,
        acme,
        "hours",
        "Opening hours",
        "We are open 8am to 6pm, Monday to Friday, and 9am to 1pm on Saturdays.",
    )
    .await?;
    Ok(())
}

async fn org(db: &Db, agency_id: i64, name: &str, email: &str, settings: OrgSettings) -> Result<i64, sqlx::Error> {
    store::orgs::insert_org(
        db,
        &NewOrg { agency_id, name, contact_email: Some(email), logo_url: None, settings: &settings },
    )
    .await
}

async fn user(
    db: &Db,
    agency_id: i64,
    org_id: Option<i64>,
    role: Role,
    email: &str,
    name: &str,
    permissions: &[Permission],
) -> Result<i64, Box<dyn std::error::Error>> {
    let password_hash = hash_password(DEMO_PASSWORD)?;
    Ok(store::users::insert_user(
        db,
        &NewUser { agency_id, org_id, role, email, name, password_hash: &password_hash, permissions },
    )
    .await?)
}
