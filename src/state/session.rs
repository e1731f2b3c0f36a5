//! Who is signed in. Loaded once from `/me` at start-up, set by login, cleared by logout.

use crate::api::{self, ApiError};
use atrium_api::{Me, UserKind};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy)]
pub struct Session {
    me: RwSignal<Option<Me>>,
    /// False until the first `/me` answer arrives: guards wait instead of redirecting.
    ready: RwSignal<bool>,
    load_error: RwSignal<Option<ApiError>>,
    /// The user signed out on purpose: guards send them to a plain login page,
    /// not to one that brings them back where they were.
    left: RwSignal<bool>,
}

impl Session {
    pub fn me(&self) -> Option<Me> {
        self.me.get()
    }

    pub fn ready(&self) -> bool {
        self.ready.get()
    }

    pub fn load_error(&self) -> Option<ApiError> {
        self.load_error.get()
    }

    pub fn signed_in(&self, me: Me) {
        self.me.set(Some(me));
        self.ready.set(true);
        self.load_error.set(None);
        self.left.set(false);
    }

    pub fn signed_out(&self) {
        self.me.set(None);
        self.ready.set(true);
    }

    pub fn left_on_purpose(&self) {
        self.left.set(true);
        self.signed_out();
    }

    pub fn has_left(&self) -> bool {
        self.left.get()
    }
}

/// Where a signed-in user of this kind starts.
pub fn home_path(kind: UserKind) -> &'static str {
    match kind {
        UserKind::Staff => "/agency/orgs",
        UserKind::Client => "/app",
    }
}

/// Provides the session and starts loading `/me`.
pub fn provide_session() -> Session {
    let session = Session {
        me: RwSignal::new(None),
        ready: RwSignal::new(false),
        load_error: RwSignal::new(None),
        left: RwSignal::new(false),
    };
    provide_context(session);
    spawn_local(async move {
        match api::auth::me().await {
            Ok(Some(me)) => session.signed_in(me),
            // A sign-in that finished first (an embed link's) is not undone by this answer.
            Ok(None) if session.me.get_untracked().is_some() => {}
            Ok(None) => session.signed_out(),
            Err(e) => {
                session.load_error.set(Some(e));
                session.signed_out();
            }
        }
    });
    session
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
