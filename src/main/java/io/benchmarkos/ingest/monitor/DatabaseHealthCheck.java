package io.benchmarkos.ingest.monitor;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Readiness: a pooled connection is handed out and is valid within a few seconds. The wait is bounded here: with the
 * database down, the pool would hold the probe for its whole connection timeout, longer than a probe waits.
 */
public class DatabaseHealthCheck extends AbstractHealthCheck {

    private static final int VALID_WITHIN_SECONDS = 3;

    private final DataSource dataSource;
    private ExecutorService probes;

    public DatabaseHealthCheck(DataSource dataSource) {
        super("benchmarkos", "database");
        this.dataSource = dataSource;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Future<String> probe = probes().submit(() -> {
            try (Connection c = dataSource.getConnection()) {
                return c.isValid(VALID_WITHIN_SECONDS) ? c.getMetaData().getDatabaseProductName() : null;
            }
        });
        try {
            String product = probe.get(VALID_WITHIN_SECONDS, TimeUnit.SECONDS);
            if (product != null) {
                builder.message("database reachable (" + product + ")").up();
            } else {
                builder.message("database connection not valid within " + VALID_WITHIN_SECONDS + " s").down();
            }
        } catch (TimeoutException e) {
            probe.cancel(true);
            builder.message("no database connection within " + VALID_WITHIN_SECONDS + " s: the database is down or"
                    + " unreachable, or every pooled connection is busy").down();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.message("database check interrupted").down();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            builder.message("database not reachable: " + cause.getMessage()).error(cause).down();
        }
    }

    private synchronized ExecutorService probes() {
        if (probes == null) {
            // Camel's thread pools: named, and shut down with the context.
            probes = getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, "database-probe");
        }
        return probes;
    }
}
