package io.benchmarkos.ingest.support;

import io.benchmarkos.ingest.app.AppConfiguration;
import org.h2.jdbcx.JdbcDataSource;

/** A private in-memory H2 database with the application's schema, for tests that need a database but no app. */
public final class MemoryDatabase {

    private MemoryDatabase() {
    }

    /** A database of its own (the name is made unique), kept until the JVM ends, migrated to the latest schema. */
    public static JdbcDataSource migrated(String name) {
        JdbcDataSource db = empty(name);
        AppConfiguration.migrate(db);
        return db;
    }

    /** As {@link #migrated} but without the schema, for tests of one migration. */
    public static JdbcDataSource empty(String name) {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return db;
    }
}
