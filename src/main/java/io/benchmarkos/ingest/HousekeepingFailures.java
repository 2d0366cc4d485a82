package io.benchmarkos.ingest;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failure of a timer route (lease renewal, sweeper, purge, SEC budget presence, batch watch): one WARN line that
 * names the route and what failed underneath, instead of an ERROR and a WARN with a stack trace each. While the
 * database is down those timers fail every few seconds, and their stack traces buried the one line that mattered.
 * The stack trace is at DEBUG.
 */
public class HousekeepingFailures {

    private static final Logger LOG = LoggerFactory.getLogger(HousekeepingFailures.class);

    public void warn(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("{} failed: {}; it runs again at its next time", exchange.getFromRouteId(), describe(failure));
        LOG.debug("{} failure", exchange.getFromRouteId(), failure);
    }

    /** The failure's message and, when another one, that of its innermost cause (a refused connection, say). */
    static String describe(Throwable failure) {
        if (failure == null) {
            return "?";
        }
        Throwable root = rootCause(failure);
        String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure || root.getMessage() == null || message.contains(root.getMessage()) ? message
                : message + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    /** The innermost cause: what a wrapped failure (a split's, a bean call's) really was. */
    public static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
