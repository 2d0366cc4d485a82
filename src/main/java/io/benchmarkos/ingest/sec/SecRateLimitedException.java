package io.benchmarkos.ingest.sec;

/** SEC says this client is over its request rate (429 or its rate-threshold page); all SEC traffic pauses. */
public class SecRateLimitedException extends RuntimeException {

    public SecRateLimitedException(String message) {
        super(message);
    }
}
