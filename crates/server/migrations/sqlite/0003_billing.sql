-- Billing: the agency's plans, each org's subscriptions, and the invoice ledger.
-- Money is integer minor units (cents) of the row's ISO 4217 currency.

-- Plans are never deleted, only retired: subscriptions keep pointing at them.
CREATE TABLE plans (
    id                      INTEGER PRIMARY KEY,
    agency_id               INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    name                    TEXT NOT NULL,
    price_cents             INTEGER NOT NULL CHECK (price_cents >= 0),
    currency                TEXT NOT NULL,
    interval                TEXT NOT NULL CHECK (interval IN ('month', 'year')),
    included_conversations  INTEGER NOT NULL CHECK (included_conversations >= 0),
    retired                 INTEGER NOT NULL DEFAULT 0,
    created_at              TEXT NOT NULL
);
CREATE UNIQUE INDEX plans_agency_name ON plans(agency_id, name COLLATE NOCASE);

-- One row per subscription an org ever took; the newest is the current one. The plan's
-- terms are copied in (a snapshot), because a plan edit applies only from the next renewal.
CREATE TABLE subscriptions (
    id                      INTEGER PRIMARY KEY,
    org_id                  INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    plan_id                 INTEGER NOT NULL REFERENCES plans(id),
    plan_name               TEXT NOT NULL,
    price_cents             INTEGER NOT NULL CHECK (price_cents >= 0),
    currency                TEXT NOT NULL,
    interval                TEXT NOT NULL CHECK (interval IN ('month', 'year')),
    included_conversations  INTEGER NOT NULL,
    status                  TEXT NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'canceled')),
    current_period_start    TEXT NOT NULL,
    current_period_end      TEXT NOT NULL,
    cancel_at_period_end    INTEGER NOT NULL DEFAULT 0,
    created_at              TEXT NOT NULL
);
CREATE INDEX subscriptions_org ON subscriptions(org_id, id);
-- At most one live subscription per org, whatever two racing requests do.
CREATE UNIQUE INDEX subscriptions_org_live ON subscriptions(org_id) WHERE status != 'canceled';

-- The ledger. Invoices and their lines are never deleted and never edited, except an
-- invoice's status and paid_at (paying it); corrections are new invoices. The triggers
-- below make the database itself refuse anything else.
--
-- Deleting an org does NOT delete its invoices: their org_id (and subscription_id, as the
-- org's subscriptions go with it) turn NULL. The numbers they hold stay allocated, so the
-- agency's sequence never reuses one (the next number is MAX(seq) + 1 of what remains, and
-- nothing is ever removed), and the agency keeps its books.
CREATE TABLE invoices (
    id               INTEGER PRIMARY KEY,
    agency_id        INTEGER NOT NULL REFERENCES agencies(id),
    org_id           INTEGER REFERENCES orgs(id) ON DELETE SET NULL,
    subscription_id  INTEGER REFERENCES subscriptions(id) ON DELETE SET NULL,
    seq              INTEGER NOT NULL,
    number           TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('open', 'paid')),
    currency         TEXT NOT NULL,
    total_cents      INTEGER NOT NULL,
    issued_at        TEXT NOT NULL,
    due_at           TEXT NOT NULL,
    paid_at          TEXT
);
CREATE UNIQUE INDEX invoices_agency_seq ON invoices(agency_id, seq);
CREATE UNIQUE INDEX invoices_agency_number ON invoices(agency_id, number);
CREATE INDEX invoices_org ON invoices(org_id, id);
-- Overdue checks: a subscription's open invoices by due date.
CREATE INDEX invoices_subscription_open ON invoices(subscription_id, status, due_at);

CREATE TABLE invoice_lines (
    id            INTEGER PRIMARY KEY,
    invoice_id    INTEGER NOT NULL REFERENCES invoices(id),
    description   TEXT NOT NULL,
    amount_cents  INTEGER NOT NULL
);
CREATE INDEX invoice_lines_invoice ON invoice_lines(invoice_id, id);

CREATE TRIGGER invoices_never_deleted BEFORE DELETE ON invoices
BEGIN
    SELECT RAISE(ABORT, 'invoices are never deleted');
END;

-- Only paying (status, paid_at) and the org's deletion (org_id, subscription_id to NULL).
CREATE TRIGGER invoices_never_edited BEFORE UPDATE ON invoices
WHEN NEW.agency_id IS NOT OLD.agency_id OR NEW.seq IS NOT OLD.seq OR NEW.number IS NOT OLD.number
  OR NEW.currency IS NOT OLD.currency OR NEW.total_cents IS NOT OLD.total_cents
  OR NEW.issued_at IS NOT OLD.issued_at OR NEW.due_at IS NOT OLD.due_at
  OR (NEW.org_id IS NOT OLD.org_id AND NEW.org_id IS NOT NULL)
  OR (NEW.subscription_id IS NOT OLD.subscription_id AND NEW.subscription_id IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'invoices are never edited');
END;

CREATE TRIGGER invoice_lines_never_deleted BEFORE DELETE ON invoice_lines
BEGIN
    SELECT RAISE(ABORT, 'invoice lines are never deleted');
END;

CREATE TRIGGER invoice_lines_never_edited BEFORE UPDATE ON invoice_lines
BEGIN
    SELECT RAISE(ABORT, 'invoice lines are never edited');
END;
