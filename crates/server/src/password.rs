//! Argon2id password hashes and random secrets.

use crate::error::{AppError, AppResult};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::sync::{mpsc, Arc, LazyLock, Mutex, OnceLock};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Each Argon2 run takes ~19 MiB and tens of milliseconds of a core. Unbounded, 200
/// parallel sign-ins started 200 of them on the blocking pool (3.7 GB resident). Now they
/// run on one dedicated thread per core, fed in turn: at most that many at once, and
/// always on the same threads, so the allocator keeps one Argon2 block per thread instead
/// of one per blocking-pool thread that ever hashed (which alone held ~250 MB after a
/// burst of 50).
static ARGON2: LazyLock<Argon2Workers> = LazyLock::new(Argon2Workers::start);

type Job = Box<dyn FnOnce() + Send>;

struct Argon2Workers {
    /// One place per worker thread: a request holds one while its job waits or runs.
    slots: Semaphore,
    jobs: Mutex<mpsc::Sender<Job>>,
}

impl Argon2Workers {
    fn start() -> Self {
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..threads {
            let queue = queue.clone();
            let spawned = std::thread::Builder::new().name(format!("argon2-{n}")).spawn(move || loop {
                let job = queue.lock().unwrap_or_else(|p| p.into_inner()).recv();
                match job {
                    Ok(job) => job(),
                    Err(_) => return,
                }
            });
            if let Err(e) = spawned {
                tracing::error!("argon2 worker not started: {e}");
            }
        }
        Argon2Workers { slots: Semaphore::new(threads), jobs: Mutex::new(jobs) }
    }
}

/// How long a request waits for a free Argon2 slot before it is told the server is busy
/// (503 with `Retry-After`) rather than piling up.
const SLOT_PATIENCE: Duration = Duration::from_secs(5);

thread_local! {
    /// Argon2's working memory, kept by each thread that hashes. argon2's own allocation
    /// of ~19 MiB per run is not given back by glibc's per-thread arenas (measured: +19
    /// MiB resident per verification, without end), so it is allocated once and reused.
    static BLOCKS: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Runs `argon` over `password` and `salt` into `out`, in this thread's reused memory.
fn argon2_into(argon: &Argon2, password: &[u8], salt: &[u8], out: &mut [u8]) -> Result<(), argon2::Error> {
    BLOCKS.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        let needed = argon.params().block_count();
        if blocks.len() < needed {
            blocks.resize(needed, Block::new());
        }
        argon.hash_password_into_with_memory(password, salt, out, &mut blocks[..needed])
    })
}

/// An Argon2id hash of `password` in the PHC string format (`$argon2id$v=19$m=…`), with
/// the crate's default parameters and a fresh salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    let argon = Argon2::default();
    let mut raw_salt = [0u8; 64];
    let salt_bytes = salt.as_salt().decode_b64(&mut raw_salt).map_err(|e| e.to_string())?;
    let mut out = [0u8; 32];
    argon2_into(&argon, password.as_bytes(), salt_bytes, &mut out).map_err(|e| e.to_string())?;
    let output = Output::new(&out).map_err(|e| e.to_string())?;
    let p = argon.params();
    Ok(format!("$argon2id$v=19$m={},t={},p={}${}${output}", p.m_cost(), p.t_cost(), p.p_cost(), salt.as_str()))
}

/// [`hash_password`] on the blocking pool (Argon2 would stall every request sharing the
/// async worker), in one of the bounded slots.
pub async fn hash_password_off_thread(password: String) -> AppResult<String> {
    in_argon2_slot(move || hash_password(&password)).await?.map_err(|e| AppError::Internal(e.into()))
}

/// [`verify_password`] on the blocking pool, in one of the bounded slots.
pub async fn verify_password_off_thread(password: String, hash: Option<String>) -> AppResult<bool> {
    in_argon2_slot(move || verify_password(&password, hash.as_deref())).await
}

async fn in_argon2_slot<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    let slot = tokio::time::timeout(SLOT_PATIENCE, ARGON2.slots.acquire())
        .await
        .map_err(|_| AppError::Busy { retry_after_secs: 1 })?
        .map_err(|e| AppError::Internal(e.into()))?;
    let (done, result) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        // The slot is held until the work is done, not until the request gives up: a
        // client that disconnects cannot queue more hashing than there are workers.
        let _slot = slot;
        // The receiver is gone only when the request was dropped meanwhile.
        let _ = done.send(work());
    });
    ARGON2
        .jobs
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .send(job)
        .map_err(|e| AppError::Internal(e.to_string().into()))?;
    result.await.map_err(|e| AppError::Internal(format!("argon2 worker: {e}").into()))
}

/// Checks `password` against `hash`. With no hash (unknown email) it checks against a
/// dummy hash anyway, so an unknown email and a wrong password take the same time.
pub fn verify_password(password: &str, hash: Option<&str>) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("not a real password").unwrap_or_default());
    let known = hash.is_some();
    matches_hash(password, hash.unwrap_or(dummy)) && known
}

/// Whether `password` hashes to the PHC string `phc`, with the parameters it names.
fn matches_hash(password: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else { return false };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else { return false };
    let (Ok(algorithm), Ok(params)) = (Algorithm::try_from(parsed.algorithm), Params::try_from(&parsed)) else {
        return false;
    };
    let version = parsed.version.map_or(Ok(Version::default()), Version::try_from);
    let Ok(version) = version else { return false };
    let mut raw_salt = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut raw_salt) else { return false };
    let mut out = vec![0u8; expected.len()];
    let argon = Argon2::new(algorithm, version, params);
    // `Output`'s equality is constant-time.
    argon2_into(&argon, password.as_bytes(), salt, &mut out).is_ok() && Output::new(&out).is_ok_and(|o| o == expected)
}

/// 32 random bytes as hex: session tokens, CSRF tokens, API keys.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What the database keeps of a bearer secret: its SHA-256, so a leaked table opens nothing.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares secrets without stopping at the first differing byte.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_with_the_reference_implementation_and_back() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let ours = hash_password("atrium-demo").unwrap();
        assert!(Argon2::default().verify_password(b"atrium-demo", &PasswordHash::new(&ours).unwrap()).is_ok());
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default().hash_password(b"atrium-demo", &salt).unwrap().to_string();
        assert!(verify_password("atrium-demo", Some(&theirs)));
        assert!(!verify_password("atrium-demo!", Some(&theirs)));
    }

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let hash = hash_password("atrium-demo").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("atrium-demo", Some(&hash)));
        assert!(!verify_password("atrium-demo!", Some(&hash)));
        assert!(!verify_password("not a real password", None));
    }

    #[test]
    fn secrets_compare_exactly() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
    }
}
