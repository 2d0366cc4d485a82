package io.benchmarkos.ingest.sec;

import org.apache.camel.Exchange;

import java.time.Instant;

/**
 * SEC request permits. A request holds a permit from before it leaves until one window (1 s) after its response
 * arrived, so however requests are delayed on the way, no window of that length sees more arrivals at SEC than
 * there are permits. The route asks {@link #mustWait} in a Camel loop (delaying by {@link #WAIT_PROPERTY} between
 * tries) and calls {@link #release} in a doFinally. {@link LocalSecBudget} serves one JVM; {@link SharedSecBudget}
 * all worker JVMs through the database.
 */
public interface SecBudget {

    /** Exchange property: milliseconds to wait before asking again. */
    String WAIT_PROPERTY = "secBudgetWaitMillis";
    /** Exchange property: the permit this exchange holds, released once. */
    String PERMIT_PROPERTY = "secBudgetPermit";

    /** Takes a permit and returns false, or returns true with {@link #WAIT_PROPERTY} set when none is free. */
    boolean mustWait(Exchange exchange);

    /** Starts the permit's cool-down (one window from now); a no-op when the exchange holds none. */
    void release(Exchange exchange);

    /** Pauses every holder of the budget until the given time (a 429 seen by one worker). */
    void pause(Instant until, String reason);

    /** Tells the other holders this JVM is alive, so its permits in flight keep counting. */
    default void renewPresence() throws java.sql.SQLException {
        // A budget of one JVM has no one to tell.
    }
}
