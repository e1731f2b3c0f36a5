-- Nothing to change on SQLite: its `orgs_list_name` (migration 0008) already answers a deep
-- page from the index alone (the org id is the rowid). PostgreSQL's 0013 adds the name to
-- its copy of the index; the two engines keep the same migration numbers.
SELECT 1;
