package io.benchmarkos.ingest.facts;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration written in Java, registered by {@code AppConfiguration.migrate} rather than found by a
 * classpath scan (which would read the whole jar). It runs in the migration's transaction, without a checksum.
 */
abstract class SchemaMigration implements JavaMigration {

    private final MigrationVersion version;
    private final String description;

    SchemaMigration(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    @Override
    public final MigrationVersion getVersion() {
        return version;
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return null;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }
}
