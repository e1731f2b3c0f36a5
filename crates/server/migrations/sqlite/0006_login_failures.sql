-- Failed sign-ins, in the database rather than in one process's memory, so that every
-- server replica throttles the same attempts (see rate_limit.rs). `key` is
-- `account:<email>` or `address:<ip>`; `failed_at` is Unix milliseconds.
CREATE TABLE login_failures (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL,
    failed_at  INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, failed_at);
CREATE INDEX login_failures_time ON login_failures(failed_at);

-- Sign-in finds a user by lower(email) (the same SQL on both engines).
CREATE INDEX users_email_lower ON users(lower(email));
