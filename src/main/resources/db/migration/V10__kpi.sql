-- Computed line items and KPIs (package io.benchmarkos.ingest.kpi). Runs unchanged on H2 2.x and PostgreSQL 15+.
-- Both tables are replaced as a whole per company (KpiRepository.replaceAll) after each ingest, in one transaction.
-- period_kind: FY, Q1..Q4 (discrete quarters), YTD6, YTD9, TTM (the current trailing window only).

CREATE TABLE line_item_value (
    cik                  BIGINT          NOT NULL,
    item                 VARCHAR(64)     NOT NULL,
    fiscal_year          INTEGER         NOT NULL,
    period_kind          VARCHAR(8)      NOT NULL,
    period_start         DATE,
    period_end           DATE            NOT NULL,
    metric_value         NUMERIC(38, 12) NOT NULL,
    as_filed_value       NUMERIC(38, 12),
    unit                 VARCHAR(64)     NOT NULL,
    derived              BOOLEAN         NOT NULL,
    derivation           VARCHAR(1000),
    taxonomy             VARCHAR(64),
    concept              VARCHAR(300),
    accession            VARCHAR(25),
    form                 VARCHAR(40),
    filed                DATE,
    first_value          NUMERIC(38, 12),
    first_accession      VARCHAR(25),
    first_filed          DATE,
    derived_from         VARCHAR(8000),
    computed_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT line_item_value_key UNIQUE (cik, item, fiscal_year, period_kind)
);

CREATE TABLE kpi_value (
    cik                  BIGINT          NOT NULL,
    kpi                  VARCHAR(64)     NOT NULL,
    fiscal_year          INTEGER         NOT NULL,
    period_kind          VARCHAR(8)      NOT NULL,
    period_start         DATE,
    period_end           DATE,
    metric_value         NUMERIC(38, 12),
    unit                 VARCHAR(64),
    status               VARCHAR(16)     NOT NULL,
    reason               VARCHAR(2000),
    taxonomy             VARCHAR(64),
    concept              VARCHAR(300),
    accession            VARCHAR(25),
    form                 VARCHAR(40),
    filed                DATE,
    derived_from         VARCHAR(8000),
    computed_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT kpi_value_key UNIQUE (cik, kpi, fiscal_year, period_kind),
    CONSTRAINT kpi_value_status CHECK (status IN ('available', 'unavailable', 'not_meaningful'))
);
