package io.benchmarkos.ingest.facts;

import java.sql.SQLException;
import java.util.Set;

/**
 * Another job wrote the same company's rows (profile and filings, facts, metrics) at the same moment: a ticker's job
 * and its CIK's can both run when the ticker map was not loaded yet to tell that they are one company. The database
 * refuses the second writer (a duplicate natural key, a lock or a serialization conflict); run again after the
 * first has committed, the stage finds the document stored already or merges with what is there, so nothing is
 * stored twice.
 */
public class ConcurrentLoadException extends RuntimeException {

    /** Unique violation, serialization failure, PostgreSQL deadlock, H2 lock timeout, H2 concurrent update. */
    private static final Set<String> CONFLICTS = Set.of("23505", "40001", "40P01", "HYT00", "90131");

    public ConcurrentLoadException(long cik, SQLException cause) {
        super("rows of CIK " + cik + " were being written by another job at the same moment ("
                + firstLine(cause.getMessage()) + ")", cause);
    }

    /**
     * For a writer's {@code catch}: throws this exception when the failure is a conflict with another transaction,
     * else returns the failure to be thrown as it is.
     */
    public static SQLException conflictOr(long cik, SQLException failure) {
        if (isConflict(failure)) {
            throw new ConcurrentLoadException(cik, failure);
        }
        return failure;
    }

    /** True when the failure, or an exception chained to it, is a conflict with another transaction. */
    static boolean isConflict(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (SQLException e = t instanceof SQLException sql ? sql : null; e != null; e = e.getNextException()) {
                if (CONFLICTS.contains(e.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        return message == null ? "?" : message.lines().findFirst().orElse("?");
    }
}
