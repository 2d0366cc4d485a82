-- A list can name one company on two lines (msft and MSFT, a ticker and its CIK): the later line is recorded as a
-- duplicate of the earlier one and not submitted again. company_key is the job key the line resolved to
-- (ingest_job.company_key), set when the run reaches the line. A line an interrupted run never submitted is
-- 'resumed' once a resume run has taken it over.
ALTER TABLE batch_item ADD COLUMN company_key VARCHAR(40);
ALTER TABLE batch_item DROP CONSTRAINT batch_item_disposition;
ALTER TABLE batch_item ADD CONSTRAINT batch_item_disposition
    CHECK (disposition IN ('pending', 'queued', 'already-queued', 'skipped', 'rejected', 'duplicate', 'resumed'));
CREATE INDEX batch_item_company_key ON batch_item (batch_id, company_key);
