-- Processes that schedule and follow batch runs (batch.enabled), each seen every batch.check-period-ms: a process
-- starting beside a live one neither takes that one's running run for abandoned nor stays silent about the two.
CREATE TABLE batch_scheduler (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    process     VARCHAR(300)  NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
-- The scheduler that opened the run; NULL for runs opened before this column existed.
ALTER TABLE batch_run ADD COLUMN scheduler VARCHAR(64);
