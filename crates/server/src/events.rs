//! Live events of each organization, fanned out in-process to the open dashboards
//! (`GET /api/v1/orgs/{org}/events`). One broadcast channel per org, made when the first
//! listener arrives and dropped when the last one is gone, so publishing to an org nobody
//! watches costs a map lookup.

use atrium_api::OrgEvent;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;

/// How many events a slow listener may fall behind before it misses some (it then
/// reloads what it shows; see the SSE route).
const CAPACITY: usize = 256;

pub const MESSAGE_CREATED: &str = "message.created";
pub const CONVERSATION_UPDATED: &str = "conversation.updated";
pub const HANDOFF_REQUESTED: &str = "handoff.requested";
pub const SETTINGS_UPDATED: &str = "settings.updated";

/// One published event, with what the route needs to number and filter it.
#[derive(Clone, Debug)]
pub struct Published {
    /// Increases with every event of the hub: the SSE `id:`.
    pub seq: u64,
    pub event: OrgEvent,
    /// The conversation's agent, so that a client user who sees only some agents gets
    /// only their events. `None` for org-wide events.
    pub agent_id: Option<i64>,
}

#[derive(Default)]
pub struct EventHub {
    channels: Mutex<HashMap<i64, broadcast::Sender<Arc<Published>>>>,
    seq: AtomicU64,
}

impl EventHub {
    /// Starts listening to `org_id`'s events.
    pub fn subscribe(&self, org_id: i64) -> broadcast::Receiver<Arc<Published>> {
        let mut channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
        channels.entry(org_id).or_insert_with(|| broadcast::channel(CAPACITY).0).subscribe()
    }

    /// Sends `kind` about `org_id` (and a conversation of `agent_id`, if any) to whoever
    /// listens; nobody listening is fine.
    pub fn publish(&self, org_id: i64, kind: &str, conversation: Option<(i64, i64)>) {
        let mut channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
        let Some(sender) = channels.get(&org_id) else {
            return;
        };
        if sender.receiver_count() == 0 {
            channels.remove(&org_id);
            return;
        }
        let published = Published {
            seq: self.seq.fetch_add(1, Ordering::Relaxed) + 1,
            event: OrgEvent { kind: kind.to_string(), org_id, conversation_id: conversation.map(|c| c.0) },
            agent_id: conversation.map(|c| c.1),
        };
        // A send fails only when every receiver is gone meanwhile: nothing to do.
        let _ = sender.send(Arc::new(published));
    }

    /// Orgs with a channel: for tests of the clean-up.
    pub fn open_channels(&self) -> usize {
        self.channels.lock().unwrap_or_else(|p| p.into_inner()).len()
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
        assert!(second.seq > first.seq);
        let other = globex.recv().await.unwrap();
        assert_eq!((other.event.org_id, other.event.kind.as_str()), (2, SETTINGS_UPDATED));
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
