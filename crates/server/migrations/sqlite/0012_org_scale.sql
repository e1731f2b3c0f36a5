-- The org list at 100,000 orgs (issue 20): its total is kept instead of counted on every
-- page, a name search of three characters or more starts from a trigram index instead
-- of reading every name of the agency, and so does the look-alike check of a new name.

-- How many orgs each agency has, archived and not, kept by the triggers below: the list's
-- total without a search is one row of this table.
CREATE TABLE org_counts (
    agency_id  INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    archived   INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (agency_id, archived)
);
INSERT INTO org_counts (agency_id, archived, n) SELECT agency_id, archived, COUNT(*) FROM orgs GROUP BY agency_id, archived;

CREATE TRIGGER org_counts_added AFTER INSERT ON orgs BEGIN
    INSERT INTO org_counts (agency_id, archived, n) VALUES (new.agency_id, new.archived, 1)
    ON CONFLICT (agency_id, archived) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER org_counts_removed AFTER DELETE ON orgs BEGIN
    UPDATE org_counts SET n = n - 1 WHERE agency_id = old.agency_id AND archived = old.archived;
END;
CREATE TRIGGER org_counts_moved AFTER UPDATE OF agency_id, archived ON orgs
    WHEN old.agency_id IS NOT new.agency_id OR old.archived IS NOT new.archived BEGIN
    UPDATE org_counts SET n = n - 1 WHERE agency_id = old.agency_id AND archived = old.archived;
    INSERT INTO org_counts (agency_id, archived, n) VALUES (new.agency_id, new.archived, 1)
    ON CONFLICT (agency_id, archived) DO UPDATE SET n = n + 1;
END;

-- Every org's name (rowid: the org's id) for substring search; the store checks each
-- candidate again with the same LIKE a scan uses, so both find exactly the same orgs
-- (PostgreSQL: `orgs_name_search`, migration 0008).
CREATE VIRTUAL TABLE org_search USING fts5(name, tokenize = 'trigram');
INSERT INTO org_search (rowid, name) SELECT id, name FROM orgs;

CREATE TRIGGER org_search_added AFTER INSERT ON orgs BEGIN
    INSERT INTO org_search (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER org_search_renamed AFTER UPDATE OF name ON orgs WHEN old.name IS NOT new.name BEGIN
    UPDATE org_search SET name = new.name WHERE rowid = new.id;
END;
CREATE TRIGGER org_search_removed AFTER DELETE ON orgs BEGIN
    DELETE FROM org_search WHERE rowid = old.id;
END;

-- What each name looks like (the server's `confusable::skeleton`, Unicode TR 39): a new or
-- changed name is compared with the names of the same look only, found through this
-- index, instead of with every name of the agency. The server fills it for rows written
-- before it existed (`store::orgs::fill_name_skeletons`) and on every write.
ALTER TABLE orgs ADD COLUMN name_skeleton TEXT;
CREATE INDEX orgs_name_skeleton ON orgs(agency_id, name_skeleton);
