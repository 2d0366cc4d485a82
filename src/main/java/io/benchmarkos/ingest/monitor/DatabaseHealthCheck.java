package io.benchmarkos.ingest.monitor;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.Map;

/** Readiness: a pooled connection is handed out and is valid within a few seconds. */
public class DatabaseHealthCheck extends AbstractHealthCheck {

    private static final int VALID_WITHIN_SECONDS = 3;

    private final DataSource dataSource;

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
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(VALID_WITHIN_SECONDS)) {
                builder.message("database reachable (" + c.getMetaData().getDatabaseProductName() + ")").up();
            } else {
                builder.message("database connection not valid within " + VALID_WITHIN_SECONDS + " s").down();
            }
        } catch (Exception e) {
            builder.message("database not reachable: " + e.getMessage()).error(e).down();
        }
    }
}
