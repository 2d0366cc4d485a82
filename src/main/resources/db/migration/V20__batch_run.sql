-- Batch refresh runs (package io.benchmarkos.ingest.batch). Runs unchanged on H2 2.x and PostgreSQL 15+.
-- The counts on batch_run are a snapshot, recomputed from batch_item and ingest_job rows after every job event
-- and frozen when the run ends, so a crash never leaves them half-counted: the rows are the truth.

CREATE TABLE batch_run (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    status          VARCHAR(12)   NOT NULL,
    triggered_by    VARCHAR(40)   NOT NULL,
    coverage_list   VARCHAR(1000) NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    total           INTEGER       NOT NULL,
    queued          INTEGER       NOT NULL DEFAULT 0,
    already_queued  INTEGER       NOT NULL DEFAULT 0,
    skipped         INTEGER       NOT NULL DEFAULT 0,
    succeeded       INTEGER       NOT NULL DEFAULT 0,
    failed          INTEGER       NOT NULL DEFAULT 0,
    unfinished      INTEGER       NOT NULL DEFAULT 0,
    report_path     VARCHAR(1000),
    CONSTRAINT batch_run_status CHECK (status IN ('running', 'completed', 'interrupted'))
);
CREATE INDEX batch_run_started ON batch_run (started_at);
CREATE INDEX batch_run_status_started ON batch_run (status, started_at);

-- One row per company of the run's list. disposition: pending (not yet submitted), queued (a new job),
-- already-queued (a pending or running job of the company existed and is tracked instead), skipped (facts fresh),
-- rejected (the entry could not be submitted; reason says why). job_id links to ingest_job for the outcome.
CREATE TABLE batch_item (
    batch_id     VARCHAR(36)   NOT NULL REFERENCES batch_run (id),
    position     INTEGER       NOT NULL,
    company      VARCHAR(200)  NOT NULL,
    disposition  VARCHAR(16)   NOT NULL,
    job_id       VARCHAR(36),
    reason       VARCHAR(4000),
    PRIMARY KEY (batch_id, position),
    CONSTRAINT batch_item_disposition
        CHECK (disposition IN ('pending', 'queued', 'already-queued', 'skipped', 'rejected'))
);
CREATE INDEX batch_item_job ON batch_item (job_id);
CREATE INDEX ingest_job_batch ON ingest_job (batch_id);
