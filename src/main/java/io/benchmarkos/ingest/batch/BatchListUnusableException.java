package io.benchmarkos.ingest.batch;

/**
 * A run over the configured coverage list could not start (the list missing, unreadable or naming no company): the
 * run is recorded as failed with the reason, and the message names it. HTTP 500: the server's setting is at fault,
 * not the request.
 */
public class BatchListUnusableException extends RuntimeException {

    public BatchListUnusableException(String message) {
        super(message);
    }
}
