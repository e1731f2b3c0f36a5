//! Live events of each organization, fanned out to the open dashboards
//! (`GET /api/v1/orgs/{org}/events`). One broadcast channel per org, made when the first
//! listener arrives and dropped when the last one is gone, so delivering to an org nobody
//! watches costs a map lookup.
//!
//! On SQLite (one server) events go straight from `publish` to the local channels. On
//! PostgreSQL (several replicas) `publish` only sends a `NOTIFY` on [`PG_CHANNEL`]; every
//! replica, the publishing one included, `LISTEN`s on its own connection and delivers
//! what arrives to its local channels. So each listener gets each event once, whichever
//! replica the change went through.

use crate::store::{Db, Dialect};
use atrium_api::OrgEvent;
use serde::{Deserialize, Serialize};
use sqlx::postgres::PgListener;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;
use tokio::sync::{broadcast, mpsc, watch};

/// The PostgreSQL notification channel the replicas share.
pub const PG_CHANNEL: &str = "atrium_events";

/// How long an event stream waits for its replica's `LISTEN` before it opens anyway.
const READY_PATIENCE: Duration = Duration::from_secs(10);

/// How many events a slow listener may fall behind before it misses some (it then
/// reloads what it shows; see the SSE route).
const CAPACITY: usize = 256;

pub const MESSAGE_CREATED: &str = "message.created";
pub const CONVERSATION_UPDATED: &str = "conversation.updated";
pub const HANDOFF_REQUESTED: &str = "handoff.requested";
pub const SETTINGS_UPDATED: &str = "settings.updated";

/// How many event streams one user may hold open on one server at once: enough for a
/// few tabs, not for a client that opens them by the thousand.
pub const STREAMS_PER_USER: usize = 10;

/// One published event, with what the route needs to filter it.
#[derive(Clone, Debug)]
pub struct Published {
    pub event: OrgEvent,
    /// The conversation's agent, so that a client user who sees only some agents gets
    /// only their events. `None` for org-wide events.
    pub agent_id: Option<i64>,
}

/// An event as it travels between replicas (the `NOTIFY` payload, JSON).
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Wire {
    org_id: i64,
    kind: String,
    conversation_id: Option<i64>,
    agent_id: Option<i64>,
}

#[derive(Default)]
pub struct EventHub {
    channels: Mutex<HashMap<i64, broadcast::Sender<Arc<Published>>>>,
    /// Open streams per user, for [`STREAMS_PER_USER`].
    streams: Arc<Mutex<HashMap<i64, usize>>>,
    /// Set on PostgreSQL: where `publish` sends, and whether this replica listens yet.
    relay: Option<Relay>,
}

struct Relay {
    outbox: mpsc::UnboundedSender<Wire>,
    listening: watch::Receiver<bool>,
}

impl EventHub {
    /// The hub for `db`: in-process on SQLite; over `NOTIFY`/`LISTEN` on PostgreSQL, with
    /// its two tasks (sending, listening) started here (so call it inside the runtime).
    /// They end when the hub is dropped.
    pub fn for_db(db: &Db) -> Arc<EventHub> {
        if Dialect::of(db) == Dialect::Sqlite {
            return Arc::new(EventHub::default());
        }
        let (outbox, inbox) = mpsc::unbounded_channel();
        let (listening_tx, listening) = watch::channel(false);
        let hub = Arc::new(EventHub { relay: Some(Relay { outbox, listening }), ..EventHub::default() });
        tokio::spawn(send_notifications(db.clone(), inbox));
        let url = db.connect_options().database_url.to_string();
        tokio::spawn(listen(url, Arc::downgrade(&hub), listening_tx));
        hub
    }

    /// Waits until events published from now on (by any replica) reach this hub's
    /// listeners: at once in-process; on PostgreSQL once this replica's `LISTEN` is in
    /// place (the event stream waits for it before answering, so that a client that has
    /// its answer's head misses nothing). Not longer than [`READY_PATIENCE`]: with the
    /// database unreachable the stream still opens, and gets events once it is back.
    pub async fn ready(&self) {
        if let Some(relay) = &self.relay {
            let mut listening = relay.listening.clone();
            let _ = tokio::time::timeout(READY_PATIENCE, listening.wait_for(|l| *l)).await;
        }
    }

    /// Starts listening to `org_id`'s events.
    pub fn subscribe(&self, org_id: i64) -> broadcast::Receiver<Arc<Published>> {
        let mut channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
        channels.entry(org_id).or_insert_with(|| broadcast::channel(CAPACITY).0).subscribe()
    }

    /// Sends `kind` about `org_id` (and a conversation of `agent_id`, if any) to whoever
    /// listens, on every replica; nobody listening is fine.
    pub fn publish(&self, org_id: i64, kind: &str, conversation: Option<(i64, i64)>) {
        match &self.relay {
            // Delivered here too when the notification comes back (never twice).
            Some(relay) => {
                let wire = Wire {
                    org_id,
                    kind: kind.to_string(),
                    conversation_id: conversation.map(|c| c.0),
                    agent_id: conversation.map(|c| c.1),
                };
                // Fails only when the sending task is gone with the runtime: nothing to do.
                let _ = relay.outbox.send(wire);
            }
            None => self.deliver(org_id, kind, conversation),
        }
    }

    /// Hands an event to this process's listeners of `org_id`.
    fn deliver(&self, org_id: i64, kind: &str, conversation: Option<(i64, i64)>) {
        let mut channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
        let Some(sender) = channels.get(&org_id) else {
            return;
        };
        if sender.receiver_count() == 0 {
            channels.remove(&org_id);
            return;
        }
        let published = Published {
            event: OrgEvent { kind: kind.to_string(), org_id, conversation_id: conversation.map(|c| c.0) },
            agent_id: conversation.map(|c| c.1),
        };
        // A send fails only when every receiver is gone meanwhile: nothing to do.
        let _ = sender.send(Arc::new(published));
    }

    /// Tells every stream of this process to reload what it shows: a list change (no
    /// conversation named) and a settings change, for events it may have missed.
    fn resync_all(&self) {
        let orgs: Vec<i64> = self.channels.lock().unwrap_or_else(|p| p.into_inner()).keys().copied().collect();
        for org_id in orgs {
            self.deliver(org_id, CONVERSATION_UPDATED, None);
            self.deliver(org_id, SETTINGS_UPDATED, None);
        }
    }

    /// A place for one more stream of `user_id`, held until the slot is dropped; `None`
    /// when they hold [`STREAMS_PER_USER`] already.
    pub fn open_stream(&self, user_id: i64) -> Option<StreamSlot> {
        let mut streams = self.streams.lock().unwrap_or_else(|p| p.into_inner());
        let open = streams.entry(user_id).or_default();
        if *open >= STREAMS_PER_USER {
            return None;
        }
        *open += 1;
        Some(StreamSlot { streams: self.streams.clone(), user_id })
    }

    /// Orgs with a channel: for tests of the clean-up.
    pub fn open_channels(&self) -> usize {
        self.channels.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

/// One open stream of a user, counted until dropped.
pub struct StreamSlot {
    streams: Arc<Mutex<HashMap<i64, usize>>>,
    user_id: i64,
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut streams = self.streams.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(open) = streams.get_mut(&self.user_id) {
            *open -= 1;
            if *open == 0 {
                streams.remove(&self.user_id);
            }
        }
    }
}

/// Sends each published event as a `NOTIFY`, in order, until the hub is dropped.
async fn send_notifications(db: Db, mut inbox: mpsc::UnboundedReceiver<Wire>) {
    while let Some(wire) = inbox.recv().await {
        let Ok(payload) = serde_json::to_string(&wire) else { continue };
        if let Err(e) = crate::store::notify(&db, PG_CHANNEL, &payload).await {
            tracing::warn!("event {} of org {} not sent: {e}", wire.kind, wire.org_id);
        }
    }
}

/// `LISTEN`s on its own connection and delivers what arrives to the hub, until the hub is
/// dropped. A lost connection is made again; events sent meanwhile never reach this
/// replica, so once it listens again every stream it holds is told to reload what it
/// shows, as after a lag.
async fn listen(url: String, hub: Weak<EventHub>, listening: watch::Sender<bool>) {
    let mut lost = false;
    loop {
        if listening.is_closed() {
            return;
        }
        let mut listener = match PgListener::connect(&url).await {
            Ok(listener) => listener,
            Err(e) => {
                tracing::warn!("event listener cannot connect: {e}");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if let Err(e) = listener.listen(PG_CHANNEL).await {
            tracing::warn!("LISTEN {PG_CHANNEL} failed: {e}");
            tokio::time::sleep(Duration::from_secs(1)).await;
            continue;
        }
        listening.send_replace(true);
        if std::mem::take(&mut lost) {
            let Some(hub) = hub.upgrade() else { return };
            hub.resync_all();
        }
        loop {
            tokio::select! {
                // Every receiver gone: the hub was dropped.
                _ = listening.closed() => return,
                // `try_recv` answers `None` when the connection was lost (`recv` would
                // reconnect quietly, and what was missed would go unnoticed).
                received = listener.try_recv() => match received {
                    Ok(Some(notification)) => {
                        let Some(hub) = hub.upgrade() else { return };
                        match serde_json::from_str::<Wire>(notification.payload()) {
                            Ok(w) => {
                                let conversation = w.conversation_id.zip(w.agent_id);
                                hub.deliver(w.org_id, &w.kind, conversation);
                            }
                            Err(e) => tracing::warn!("unreadable event {:?}: {e}", notification.payload()),
                        }
                    }
                    Ok(None) => {
                        tracing::warn!("event listener lost its connection");
                        break;
                    }
                    Err(e) => {
                        tracing::warn!("event listener: {e}");
                        break;
                    }
                },
            }
        }
        lost = true;
        listening.send_replace(false);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn listeners_get_their_orgs_events_in_order() {
        let hub = EventHub::default();
        let mut acme = hub.subscribe(1);
        let mut globex = hub.subscribe(2);
        hub.publish(1, MESSAGE_CREATED, Some((10, 5)));
        hub.publish(2, SETTINGS_UPDATED, None);
        hub.publish(1, CONVERSATION_UPDATED, Some((10, 5)));
        let first = acme.recv().await.unwrap();
        let second = acme.recv().await.unwrap();
        assert_eq!(first.event.kind, MESSAGE_CREATED);
        assert_eq!(first.event.conversation_id, Some(10));
        assert_eq!(first.agent_id, Some(5));
        assert_eq!(second.event.kind, CONVERSATION_UPDATED);
        let other = globex.recv().await.unwrap();
        assert_eq!((other.event.org_id, other.event.kind.as_str()), (2, SETTINGS_UPDATED));
    }

    #[test]
    fn a_user_holds_a_bounded_number_of_streams() {
        let hub = EventHub::default();
        let slots: Vec<_> = (0..STREAMS_PER_USER).map(|_| hub.open_stream(7).expect("a place")).collect();
        assert!(hub.open_stream(7).is_none());
        assert!(hub.open_stream(8).is_some(), "another user is not affected");
        drop(slots);
        assert!(hub.open_stream(7).is_some(), "closing streams frees their places");
    }

    #[test]
    fn an_org_nobody_watches_loses_its_channel() {
        let hub = EventHub::default();
        hub.publish(1, MESSAGE_CREATED, None);
        assert_eq!(hub.open_channels(), 0);
        let listener = hub.subscribe(1);
        assert_eq!(hub.open_channels(), 1);
        drop(listener);
        hub.publish(1, MESSAGE_CREATED, None);
        assert_eq!(hub.open_channels(), 0);
    }
}
