package io.benchmarkos.ingest.support;

import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust auth; .ci/run starts it),
 * dropped on close. A test that gets one is skipped, with the reason, where PostgreSQL is not reachable.
 */
public final class ScratchPostgres implements AutoCloseable {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private final String name;

    private ScratchPostgres(String name) {
        this.name = name;
    }

    /** Creates the database {@code <prefix>_<random>}, or skips the calling test. */
    public static ScratchPostgres create(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            admin("CREATE DATABASE " + name);
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL is not reachable on 127.0.0.1:5432 (user postgres, trust auth; .ci/run"
                    + " starts it): " + e.getMessage());
        }
        return new ScratchPostgres(name);
    }

    /** The database's JDBC URL, for a process of its own (user postgres, no password). */
    public String url() {
        return SERVER + name;
    }

    public PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url());
        dataSource.setUser("postgres");
        return dataSource;
    }

    @Override
    public void close() throws SQLException {
        // FORCE: a connection still open (a worker process killed a moment ago) does not keep the database.
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
