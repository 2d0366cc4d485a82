-- A run that could not start (its coverage list missing, unreadable or empty) is recorded as failed, with the
-- reason, so the run list, status and metrics show that the night's run failed instead of the run before it.
ALTER TABLE batch_run ADD COLUMN reason VARCHAR(4000);
ALTER TABLE batch_run DROP CONSTRAINT batch_run_status;
ALTER TABLE batch_run ADD CONSTRAINT batch_run_status
    CHECK (status IN ('running', 'completed', 'interrupted', 'failed'));
