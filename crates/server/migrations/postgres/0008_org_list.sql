-- The org list at scale: every sort walks an index in order (no sorting the agency's whole
-- list for one page, and a deep page skips index entries, not sorted rows), the total
-- counts one index range, and a search of three characters or more can find its few orgs
-- through a trigram index instead of reading every name twice (count and page).

-- `archived` sits before the sort key because every list filters on it; the trailing `id`
-- is the sort's tie-breaker (each sort ends with `o.id`).
CREATE INDEX orgs_list_name ON orgs(agency_id, archived, lower(name), id);
CREATE INDEX orgs_list_created ON orgs(agency_id, archived, created_at, id);
CREATE INDEX orgs_list_updated ON orgs(agency_id, archived, updated_at, id);
-- Superseded by the two above; nothing else reads orgs by date.
DROP INDEX orgs_agency_created;
DROP INDEX orgs_agency_updated;

-- The name lower-cased as the store compares it (pg_trgm: migration 0007). Trigram
-- indexes answer `LIKE '%...%'` for patterns of three characters and more.
CREATE INDEX orgs_name_search ON orgs USING gin (lower(name) gin_trgm_ops);
