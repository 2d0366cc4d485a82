package io.benchmarkos.ingest.imports;

import com.zaxxer.hikari.HikariDataSource;
import io.benchmarkos.ingest.app.AppConfiguration;
import io.benchmarkos.ingest.app.Settings;
import io.benchmarkos.ingest.facts.ConceptIds;
import io.benchmarkos.ingest.facts.FactLoader;
import org.apache.camel.impl.DefaultCamelContext;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Properties;

/**
 * An importer on the configured database without the rest of the application (no broker, no routes), for the
 * {@code import} command and the benchmark. An H2 file database admits one process: if the application has it
 * open, this fails with {@link DatabaseInUseException} before anything is written.
 */
public final class StandaloneImport implements AutoCloseable {

    /** H2's "Database may be already in use" (another process holds the file lock). */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private final DefaultCamelContext properties;
    private final HikariDataSource dataSource;
    private final ArchiveImporter importer;

    private StandaloneImport(DefaultCamelContext properties, HikariDataSource dataSource, ArchiveImporter importer) {
        this.properties = properties;
        this.dataSource = dataSource;
        this.importer = importer;
    }

    public static StandaloneImport open(Properties config) {
        // A context that is never started: only its property resolution ({{placeholders}}, env overrides) is used.
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(config);
        Settings settings = new Settings(camel);
        String url = settings.string("db.url");
        HikariDataSource dataSource;
        try {
            dataSource = AppConfiguration.dataSource(settings);
        } catch (RuntimeException e) {
            RuntimeException reported = inUse(e, url, settings).orElse(e);
            camel.stop();
            throw reported;
        }
        try {
            AppConfiguration.migrate(dataSource);
            Clock clock = Clock.systemUTC();
            FactLoader loader = new FactLoader(dataSource, new ConceptIds(dataSource), clock,
                    settings.integer("facts.batch-size"));
            return new StandaloneImport(camel, dataSource, ArchiveImports.create(dataSource, loader, settings, clock));
        } catch (RuntimeException e) {
            dataSource.close();
            camel.stop();
            throw e;
        }
    }

    public ArchiveImporter importer() {
        return importer;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public String property(String key) {
        return properties.getPropertiesComponent().resolveProperty(key).orElse(null);
    }

    @Override
    public void close() {
        dataSource.close();
        properties.stop();
    }

    private static java.util.Optional<RuntimeException> inUse(Throwable e, String url, Settings settings) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return java.util.Optional.<RuntimeException>of(new DatabaseInUseException(url,
                        settings.string("import.inbox-dir", "the inbox"), sql));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return java.util.Optional.empty();
    }

    /** The database file is held by another process, most likely the running application. */
    public static final class DatabaseInUseException extends RuntimeException {

        private final String inboxDir;

        DatabaseInUseException(String url, String inboxDir, Throwable cause) {
            super("the database " + url + " is in use by another process (is the app running?)", cause);
            this.inboxDir = inboxDir;
        }

        public String inboxDir() {
            return inboxDir;
        }
    }
}
