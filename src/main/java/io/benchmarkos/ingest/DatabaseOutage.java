package io.benchmarkos.ingest;

import org.apache.camel.util.ObjectHelper;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a failure to reach the database (the pool found no connection, or the driver's connection failed: SQL state
 * class 08) from other failures, so that a caller is answered 503 "try again" instead of 500 with pool internals.
 */
public final class DatabaseOutage {

    /** What a caller is told; readiness and the log say which database and why. */
    public static final String MESSAGE = "the database is not reachable just now; try again in a minute (the"
            + " application's readiness probe says when it is back)";

    private DatabaseOutage() {
    }

    public static boolean isCauseOf(Throwable failure) {
        if (failure == null) {
            return false;
        }
        for (Throwable t : ObjectHelper.createExceptionIterable(failure)) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
