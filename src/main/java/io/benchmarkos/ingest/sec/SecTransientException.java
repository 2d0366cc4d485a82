package io.benchmarkos.ingest.sec;

/** A failure worth retrying after a back-off: 5xx, a timeout, a dropped connection. */
public class SecTransientException extends RuntimeException {

    public SecTransientException(String message) {
        super(message);
    }
}
