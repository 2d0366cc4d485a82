package io.benchmarkos.ingest.kpi;

/** Whether a KPI has a value. */
public enum KpiStatus {
    AVAILABLE,
    /** An input is missing (or no price was given); the reason says which. */
    UNAVAILABLE,
    /** Inputs exist but the formula means nothing for them (a CAGR from a loss, a ratio over zero). */
    NOT_MEANINGFUL;

    /** Lower-case code stored in the database. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
