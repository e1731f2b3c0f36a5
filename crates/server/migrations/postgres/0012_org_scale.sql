-- The org list at 100,000 orgs (issue 20): its total is kept instead of counted on every
-- page, and the look-alike check of a new name reads the names of the same look only (a
-- name search already starts from `orgs_name_search`, migration 0008).

-- How many orgs each agency has, archived and not, kept by the triggers below: the list's
-- total without a search is one row of this table. Concurrent writers of one agency take
-- turns on its row (the upsert).
CREATE TABLE org_counts (
    agency_id  BIGINT NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    archived   BOOLEAN NOT NULL,
    n          BIGINT NOT NULL,
    PRIMARY KEY (agency_id, archived)
);
INSERT INTO org_counts (agency_id, archived, n) SELECT agency_id, archived, COUNT(*) FROM orgs GROUP BY agency_id, archived;

CREATE FUNCTION org_counts_track() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE org_counts SET n = n - 1 WHERE agency_id = OLD.agency_id AND archived = OLD.archived;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO org_counts AS k (agency_id, archived, n) VALUES (NEW.agency_id, NEW.archived, 1)
        ON CONFLICT (agency_id, archived) DO UPDATE SET n = k.n + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER org_counts_added_removed AFTER INSERT OR DELETE ON orgs
FOR EACH ROW EXECUTE FUNCTION org_counts_track();
CREATE TRIGGER org_counts_moved AFTER UPDATE OF agency_id, archived ON orgs
FOR EACH ROW WHEN ((OLD.agency_id, OLD.archived) IS DISTINCT FROM (NEW.agency_id, NEW.archived))
EXECUTE FUNCTION org_counts_track();

-- What each name looks like (the server's `confusable::skeleton`, Unicode TR 39): a new or
-- changed name is compared with the names of the same look only, found through this
-- index, instead of with every name of the agency. The server fills it for rows written
-- before it existed (`store::orgs::fill_name_skeletons`) and on every write.
ALTER TABLE orgs ADD COLUMN name_skeleton TEXT;
CREATE INDEX orgs_name_skeleton ON orgs(agency_id, name_skeleton);
