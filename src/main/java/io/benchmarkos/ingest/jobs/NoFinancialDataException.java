package io.benchmarkos.ingest.jobs;

import io.benchmarkos.ingest.PermanentFailure;

/** The company exists but SEC has no companyfacts for it, so there is nothing to compute metrics from. */
public class NoFinancialDataException extends PermanentFailure {

    public NoFinancialDataException(String message) {
        super(message);
    }
}
