package io.benchmarkos.ingest.sec;

import io.benchmarkos.ingest.PermanentFailure;

/** The requested ticker is not in SEC's ticker map, or SEC has no company with the requested CIK. */
public class UnknownCompanyException extends PermanentFailure {

    public UnknownCompanyException(String message) {
        super(message);
    }
}
