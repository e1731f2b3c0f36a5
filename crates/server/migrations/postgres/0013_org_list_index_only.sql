-- A deep page of the org list by name walks the agency's names in order (OFFSET). With the
-- name itself in the index, PostgreSQL reads them from the index alone: it will not take an
-- index-only scan for an expression (`lower(name)`) whose column is not stored there, and
-- fetched every org's row instead. Page 200 at 10,000 orgs: 4.1 ms -> 0.9 ms (EXPLAIN
-- ANALYZE after VACUUM ANALYZE).
DROP INDEX orgs_list_name;
CREATE INDEX orgs_list_name ON orgs(agency_id, archived, lower(name), id) INCLUDE (name);
