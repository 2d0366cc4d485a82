package io.benchmarkos.ingest.kpi;

/** The quote source gave no usable price; the message says why and ends up on every market KPI. */
public class QuoteUnavailableException extends RuntimeException {

    public QuoteUnavailableException(String message) {
        super(message);
    }
}
