-- Which worker JVM runs a job's current attempt, and until when that claim holds unless the worker renews it.
-- A work message delivered again while a live worker still runs the job (the broker restarted mid-job and
-- redelivered it) then waits instead of starting a second run beside the first.
ALTER TABLE ingest_job ADD COLUMN lease_owner VARCHAR(64);
ALTER TABLE ingest_job ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
