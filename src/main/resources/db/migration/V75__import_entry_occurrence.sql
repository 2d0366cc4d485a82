-- An archive can hold two entries of one name (other zip writers than SEC's allow it). Each is recorded, so a run
-- counts every entry it logged: occurrence is 1 for the first entry of a name, 2 for the second, and so on.
-- The table is rebuilt rather than its key altered, since H2 and PostgreSQL name the old key differently.
CREATE TABLE import_entry_v75 (
    run_id          VARCHAR(36)    NOT NULL REFERENCES import_run (id),
    entry_name      VARCHAR(300)   NOT NULL,
    occurrence      INTEGER        NOT NULL DEFAULT 1,
    status          VARCHAR(12)    NOT NULL,
    cik             BIGINT,
    size_bytes      BIGINT,
    facts_read      BIGINT,
    facts_inserted  BIGINT,
    facts_updated   BIGINT,
    reason          VARCHAR(1000),
    finished_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, entry_name, occurrence)
);
INSERT INTO import_entry_v75 (run_id, entry_name, occurrence, status, cik, size_bytes, facts_read, facts_inserted,
                              facts_updated, reason, finished_at)
    SELECT run_id, entry_name, 1, status, cik, size_bytes, facts_read, facts_inserted, facts_updated, reason,
           finished_at
    FROM import_entry;
DROP TABLE import_entry;
ALTER TABLE import_entry_v75 RENAME TO import_entry;
