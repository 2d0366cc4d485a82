package io.benchmarkos.ingest.jobs;

/** A job request that cannot be accepted as it is (bad JSON, no company, out-of-range field). */
public class InvalidJobException extends RuntimeException {

    public InvalidJobException(String message) {
        super(message);
    }

    public InvalidJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
