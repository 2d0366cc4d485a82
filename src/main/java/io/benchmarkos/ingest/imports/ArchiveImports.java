package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.app.Settings;
import io.benchmarkos.ingest.facts.FactLoader;

import javax.sql.DataSource;
import java.time.Clock;

/** Builds an {@link ArchiveImporter} from the {@code import.*} properties; shared by the app, the CLI and the bench. */
public final class ArchiveImports {

    private ArchiveImports() {
    }

    public static ArchiveImporter create(DataSource dataSource, FactLoader factLoader, Settings settings, Clock clock) {
        return new ArchiveImporter(factLoader, new ImportStore(dataSource, clock),
                new EntryGuard(settings.longValue("import.max-entry-bytes"),
                        settings.integer("import.max-compression-ratio")),
                settings.integer("facts.batch-size"), settings.millis("import.progress-every-ms"));
    }
}
