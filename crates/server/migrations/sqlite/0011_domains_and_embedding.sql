-- Any site, any frame (issue 13).
--
-- Custom domains are proven before they count: a hostname an agency adds is pending until
-- a DNS TXT record `_atrium.<host>` holds the agency's token. Several agencies may have
-- one hostname pending; only one may have it verified (first wins, by the unique index).
-- Hostnames claimed before proof existed start over as pending, except the demo's
-- `*.localhost` names, which only ever resolve on the machine itself; addresses and bare
-- `localhost` are no longer accepted and are dropped.
CREATE TABLE agency_domains (
    agency_id   INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    hostname    TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'failed')),
    problem     TEXT,
    checked_at  TEXT,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (agency_id, hostname)
);
CREATE UNIQUE INDEX agency_domains_verified ON agency_domains(hostname) WHERE status = 'verified';
CREATE INDEX agency_domains_hostname ON agency_domains(hostname);
INSERT INTO agency_domains (agency_id, hostname, status, created_at)
    SELECT agency_id, hostname, CASE WHEN hostname LIKE '%.localhost' THEN 'verified' ELSE 'pending' END,
           strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    FROM agency_hostnames
    WHERE hostname <> 'localhost' AND trim(hostname, '0123456789.') <> '';
DROP TABLE agency_hostnames;

-- The value of every TXT record the agency creates.
ALTER TABLE agencies ADD COLUMN domain_token TEXT;
UPDATE agencies SET domain_token = lower(hex(randomblob(32)));
-- Origins (JSON array) allowed to frame the agency's client dashboard.
ALTER TABLE agencies ADD COLUMN frame_origins TEXT NOT NULL DEFAULT '[]';

-- Secrets an agency's own backend signs embed links with (HMAC-SHA256). Kept as they are,
-- not hashed: checking a signature needs the secret itself.
CREATE TABLE embed_secrets (
    id          INTEGER PRIMARY KEY,
    agency_id   INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    prefix      TEXT NOT NULL,
    secret      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE INDEX embed_secrets_agency ON embed_secrets(agency_id);

-- Each embed link's nonce, kept until the link has expired, so a link signs in once.
CREATE TABLE embed_nonces (
    agency_id   INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    nonce       TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    PRIMARY KEY (agency_id, nonce)
);

-- Single-use, short-lived tickets that open an event stream for a session carried in a
-- header (EventSource cannot send one).
CREATE TABLE stream_tickets (
    ticket_hash   TEXT PRIMARY KEY,
    session_hash  TEXT NOT NULL REFERENCES sessions(token_hash) ON DELETE CASCADE,
    expires_at    TEXT NOT NULL
);
CREATE INDEX stream_tickets_session ON stream_tickets(session_hash);
