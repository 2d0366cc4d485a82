package io.benchmarkos.ingest;

/**
 * A failure that retrying cannot fix (unknown company, access denied, malformed document). The job ends as
 * failed with this message as its reason; nothing is redelivered.
 */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message) {
        super(message);
    }

    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
