-- One row per value instead of one per entry (issue 7). About half of SEC's entries repeat a value that an earlier
-- filing already reported for the same concept, unit and period; such a value is now stored once, with the filing
-- that reported it first in the row's own columns and the later ones, in filing order, in repeated_in
-- ("accession,fy,fp,form,filed,frame" items separated by ";"). No entry is lost: filings counts them all, and
-- last_filed is the date of the latest filing that reported the value (the current one of a period is the latest).
-- V41 (a Java migration) moves the rows of fact_entry_v1 over and drops it.
ALTER TABLE fact RENAME TO fact_entry_v1;

CREATE TABLE fact (
    cik           BIGINT          NOT NULL,
    concept_id    BIGINT          NOT NULL REFERENCES concept (id),
    unit          VARCHAR(64)     NOT NULL,
    period_end    DATE            NOT NULL,
    period_start  DATE,
    val           NUMERIC(38, 12) NOT NULL,
    accession     VARCHAR(25)     NOT NULL,
    fy            INTEGER,
    fp            VARCHAR(8),
    form          VARCHAR(40)     NOT NULL,
    filed         DATE            NOT NULL,
    frame         VARCHAR(20),
    filings       INTEGER         NOT NULL,
    last_filed    DATE            NOT NULL,
    repeated_in   VARCHAR(1000000),
    CONSTRAINT fact_value_key UNIQUE NULLS NOT DISTINCT (cik, concept_id, unit, period_end, period_start, val)
);
