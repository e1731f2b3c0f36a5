//! Ingest in batches. Reported messages arriving together are written in one transaction
//! (group commit): SQLite has one writer, so messages/s is the inverse of the time each
//! holds the write lock, and per transaction that time is mostly its fixed part (BEGIN,
//! COMMIT with its WAL frames and the search index's new segment), not the message.
//! Measured with the sqlite3 shell on the 1,000,000-conversation bench database: the
//! statements of one new conversation took 0.43 ms in a transaction of their own and
//! 0.26 ms ten to a transaction.
//!
//! A message waits for no one: the writer takes whatever is queued when it is free, so a
//! lone message is written at once, alone. A batch that fails is rolled back whole and
//! each of its messages written again on its own, so one bad message (or a full disk) is
//! refused alone and its neighbours' answers are what they would have been one by one.

use super::ingest::{self, append_ingested, ingest_message, Decide, IngestRow, Ingested};
use super::{begin_write_on, Db};
use sqlx::pool::PoolConnection;
use sqlx::Any;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// The most messages one transaction writes.
const BATCH: usize = 64;

/// The queue of messages waiting to be written; cheap to clone.
#[derive(Clone)]
pub struct IngestQueue {
    jobs: mpsc::UnboundedSender<Job>,
    db: Db,
    counts: Arc<Counts>,
}

/// How the writer's batches of more than one message went, since start.
#[derive(Default)]
struct Counts {
    together: AtomicU64,
    refused: AtomicU64,
}

/// Batches of more than one message: written in one transaction, and refused (then
/// written again one message at a time). A refused batch costs each of its messages a
/// transaction of its own: many of them are worth a look (the logs say why, at debug).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchCounts {
    pub together: u64,
    pub refused: u64,
}

struct Job {
    row: IngestRow,
    decide: Decide,
    reply: oneshot::Sender<Result<Ingested, sqlx::Error>>,
}

impl IngestQueue {
    /// Starts the queue's writer (a task on the current runtime).
    pub fn start(db: Db) -> IngestQueue {
        let (jobs, queued) = mpsc::unbounded_channel();
        let counts = Arc::new(Counts::default());
        tokio::spawn(write_batches(db.clone(), queued, counts.clone()));
        IngestQueue { jobs, db, counts }
    }

    pub fn batch_counts(&self) -> BatchCounts {
        let count = |n: &AtomicU64| n.load(Ordering::Relaxed);
        BatchCounts { together: count(&self.counts.together), refused: count(&self.counts.refused) }
    }

    /// Writes `row` (see [`append_ingested`]) and answers once it is committed.
    pub async fn ingest(&self, row: IngestRow, decide: Decide) -> Result<Ingested, sqlx::Error> {
        let (reply, answer) = oneshot::channel();
        if let Err(mpsc::error::SendError(job)) = self.jobs.send(Job { row, decide, reply }) {
            // The writer is gone (it panicked): this message is written alone.
            return ingest_message(&self.db, &job.row, &job.decide).await;
        }
        answer.await.unwrap_or(Err(sqlx::Error::WorkerCrashed))
    }
}

async fn write_batches(db: Db, mut queued: mpsc::UnboundedReceiver<Job>, counts: Arc<Counts>) {
    let mut writer = Writer { db, conn: None };
    let mut batch = Vec::with_capacity(BATCH);
    while queued.recv_many(&mut batch, BATCH).await > 0 {
        writer.write_batch(&mut batch, &counts).await;
        if queued.is_empty() {
            // Nothing waiting: the connection goes back to the pool (a test's per-connection
            // settings reach it there, and reads may use it); the next message takes one again.
            writer.conn = None;
        }
    }
}

/// The queue's writer and the connection it keeps while messages keep coming. Kept from
/// one transaction to the next, the connection keeps SQLite's page cache (the B-tree and
/// search index pages every message touches), which a connection lost whenever another
/// one had written, so each batch on whichever pool connection came first read those
/// pages back.
struct Writer {
    db: Db,
    conn: Option<PoolConnection<Any>>,
}

impl Writer {
    /// Writes and answers every job of `batch`, leaving it empty.
    async fn write_batch(&mut self, batch: &mut Vec<Job>, counts: &Counts) {
        if batch.len() > 1 {
            let together: Vec<_> = batch.iter().map(|job| (&job.row, &job.decide)).collect();
            match self.write(&together).await {
                Ok(written) => {
                    counts.together.fetch_add(1, Ordering::Relaxed);
                    for (job, ingested) in batch.drain(..).zip(written) {
                        // A caller that has gone (its request cancelled) needs no answer.
                        let _ = job.reply.send(Ok(ingested));
                    }
                    return;
                }
                Err(e) => {
                    counts.refused.fetch_add(1, Ordering::Relaxed);
                    tracing::debug!(error = %e, size = batch.len(), "ingest batch refused; writing it one by one");
                }
            }
        }
        for job in batch.drain(..) {
            let written = self.write(&[(&job.row, &job.decide)]).await;
            let _ = job.reply.send(written.and_then(ingest::the_one));
        }
    }

    /// Writes `jobs` in one transaction. A connection whose transaction failed goes back to
    /// the pool at once (whose `after_release` in `pool.rs` checks it).
    async fn write(&mut self, jobs: &[ingest::Job<'_>]) -> Result<Vec<Ingested>, sqlx::Error> {
        if self.conn.is_none() {
            self.conn = Some(self.db.acquire().await?);
        }
        let conn = self.conn.as_mut().ok_or(sqlx::Error::PoolClosed)?;
        let written = async {
            let mut tx = begin_write_on(&self.db, conn).await?;
            let written = append_ingested(&mut tx, jobs).await?;
            tx.commit().await?;
            Ok(written)
        }
        .await;
        if written.is_err() {
            self.conn = None;
        }
        written
    }
}
