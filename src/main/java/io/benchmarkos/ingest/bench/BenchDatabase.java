package io.benchmarkos.ingest.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.benchmarkos.ingest.app.AppConfiguration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh database of the application's schema (its Flyway migrations) for one measurement, removed afterwards:
 * an H2 file database in its own folder, or a new PostgreSQL database created beside the one named by the
 * {@code --postgres} URL (which is only used to connect as administrator).
 */
final class BenchDatabase implements AutoCloseable {

    /** As in the app's default {@code db.url}: every commit written before it returns, so the figures compare. */
    static final String H2_OPTIONS = ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

    private static final Pattern PG_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");

    /** Where fresh databases come from. */
    record Target(Path h2Dir, String postgresUrl, String user, String password) {

        boolean postgres() {
            return postgresUrl != null;
        }

        String describe() {
            return postgres() ? "PostgreSQL (" + postgresUrl + ")" : "H2 file (" + h2Dir + ")";
        }
    }

    private final Target target;
    private final String name;
    private final String url;
    private final HikariDataSource dataSource;

    private BenchDatabase(Target target, String name, String url, HikariDataSource dataSource) {
        this.target = target;
        this.name = name;
        this.url = url;
        this.dataSource = dataSource;
    }

    /** Creates and migrates a fresh database called after {@code label}. */
    static BenchDatabase fresh(Target target, String label) throws SQLException, IOException {
        String name = ("bench_" + label + "_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000)
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String url;
        if (target.postgres()) {
            try (Connection admin = DriverManager.getConnection(target.postgresUrl(), target.user(), target.password());
                 Statement s = admin.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            url = postgresUrl(target.postgresUrl(), name);
        } else {
            Path dir = Files.createDirectories(target.h2Dir().resolve(name));
            url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("benchmarkos") + H2_OPTIONS;
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(target.postgres() ? target.user() : "sa");
        config.setPassword(target.postgres() ? target.password() : "");
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        AppConfiguration.migrate(dataSource);
        return new BenchDatabase(target, name, url, dataSource);
    }

    /** The URL of database {@code name} on the server of {@code adminUrl}, with batched inserts rewritten. */
    static String postgresUrl(String adminUrl, String name) {
        Matcher m = PG_URL.matcher(adminUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host:port/db URL: " + adminUrl);
        }
        String query = m.group(3) == null ? "" : m.group(3);
        if (!query.contains("reWriteBatchedInserts")) {
            query = query.isEmpty() ? "?reWriteBatchedInserts=true" : query + "&reWriteBatchedInserts=true";
        }
        return m.group(1) + name + query;
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    String url() {
        return url;
    }

    String user() {
        return target.postgres() ? target.user() : "sa";
    }

    String password() {
        return target.postgres() ? target.password() : "";
    }

    @Override
    public void close() throws SQLException, IOException {
        dataSource.close();
        if (target.postgres()) {
            try (Connection admin = DriverManager.getConnection(target.postgresUrl(), target.user(), target.password());
                 Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
            }
        } else {
            BenchCorpus.deleteRecursively(target.h2Dir().resolve(name));
        }
    }
}
