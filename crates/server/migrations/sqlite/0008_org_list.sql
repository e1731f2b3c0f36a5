-- The org list at scale: every sort walks an index in order (no sorting the agency's whole
-- list for one page, and a deep page skips index entries, not sorted rows), the total
-- counts one index range. A search reads `lower(name)` from the index, not the table.
-- (No FTS5 trigram table as for the inbox: under SQLITE_FULL one was left malformed, see
-- tests/faults.rs; the agency's names fit one index range.)

-- `archived` sits before the sort key because every list filters on it; the trailing `id`
-- is the sort's tie-breaker (each sort ends with `o.id`).
CREATE INDEX orgs_list_name ON orgs(agency_id, archived, lower(name), id);
CREATE INDEX orgs_list_created ON orgs(agency_id, archived, created_at, id);
CREATE INDEX orgs_list_updated ON orgs(agency_id, archived, updated_at, id);
-- Superseded by the two above; nothing else reads orgs by date.
DROP INDEX orgs_agency_created;
DROP INDEX orgs_agency_updated;
