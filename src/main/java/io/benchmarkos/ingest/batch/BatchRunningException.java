package io.benchmarkos.ingest.batch;

/** A run was asked for while another is still running (HTTP 409; the schedule logs it and waits for its next time). */
public class BatchRunningException extends RuntimeException {

    public BatchRunningException(String message) {
        super(message);
    }
}
