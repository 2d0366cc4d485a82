package io.benchmarkos.ingest.kpi;

/** What a {@link PeriodKey} measures: a fiscal year, one discrete quarter, a year-to-date span or a TTM window. */
public enum PeriodKind {
    /** The fiscal year; for balances, the balance at the fiscal year end. */
    FY,
    /** One discrete quarter (about 13 weeks); for balances, the balance at the end of that quarter. */
    QUARTER,
    /** Year to date through quarter 2 (6 months) or quarter 3 (9 months); quarter 1 YTD is the quarter itself. */
    YTD,
    /** Twelve months through the end of the given quarter of the fiscal year. */
    TTM
}
