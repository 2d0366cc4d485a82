-- A nightly job whose SEC requests all failed (SEC down or erroring) waits and is tried again instead of failing:
-- sec_retries counts those waits (they are not failed attempts), retry_at says when the next try is due.
ALTER TABLE ingest_job ADD COLUMN sec_retries INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE ingest_job ADD COLUMN retry_at TIMESTAMP WITH TIME ZONE;
