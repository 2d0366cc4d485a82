package io.benchmarkos.ingest.sec;

/**
 * Hands out SEC request slots. The route delays each request by what {@link #reserveMillis()} returns, after
 * the per-JVM throttle, so the budget holds however many JVMs send requests.
 */
public interface SecBudget {

    /** A single JVM: the route's Throttler EIP is the whole budget. */
    SecBudget LOCAL = new SecBudget() {
        @Override
        public long reserveMillis() {
            return 0;
        }

        @Override
        public void pause(java.time.Instant until, String reason) {
            // the JVM's SecGate holds the pause
        }
    };

    /** Reserves the next free slot and returns how long to wait for it, in milliseconds. */
    long reserveMillis();

    /** Pauses every holder of the budget until the given time (a 429 seen by one worker). */
    void pause(java.time.Instant until, String reason);
}
