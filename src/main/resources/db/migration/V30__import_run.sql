-- Bulk imports of SEC's companyfacts.zip. Runs unchanged on H2 2.x and PostgreSQL 15+.

-- One row per archive import. A run that did not finish (stopped, crashed, database error) is resumed by the next
-- import of the same archive (same sha256 and size); the counts are recomputed from import_entry when it ends.
CREATE TABLE import_run (
    id               VARCHAR(36)    NOT NULL PRIMARY KEY,
    archive_name     VARCHAR(500)   NOT NULL,
    archive_size     BIGINT         NOT NULL,
    archive_sha256   VARCHAR(64)    NOT NULL,
    source           VARCHAR(16)    NOT NULL,
    status           VARCHAR(12)    NOT NULL,
    attempts         INTEGER        NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at      TIMESTAMP WITH TIME ZONE,
    entries_total    INTEGER,
    entries_done     INTEGER        NOT NULL DEFAULT 0,
    entries_failed   INTEGER        NOT NULL DEFAULT 0,
    entries_refused  INTEGER        NOT NULL DEFAULT 0,
    facts_read       BIGINT         NOT NULL DEFAULT 0,
    facts_inserted   BIGINT         NOT NULL DEFAULT 0,
    facts_updated    BIGINT         NOT NULL DEFAULT 0,
    bytes_read       BIGINT         NOT NULL DEFAULT 0,
    reason           VARCHAR(4000)
);
CREATE INDEX import_run_archive ON import_run (archive_sha256, archive_size, status);

-- What happened to each entry of a run: done (stored), failed (bad content, with the reason) or refused
-- (unsafe name or absurd size, never read). Resuming skips the entries that are done.
CREATE TABLE import_entry (
    run_id          VARCHAR(36)    NOT NULL REFERENCES import_run (id),
    entry_name      VARCHAR(300)   NOT NULL,
    status          VARCHAR(12)    NOT NULL,
    cik             BIGINT,
    size_bytes      BIGINT,
    facts_read      BIGINT,
    facts_inserted  BIGINT,
    facts_updated   BIGINT,
    reason          VARCHAR(1000),
    finished_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, entry_name)
);
