package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** import_run shows a run's progress while it runs, entry by entry, not only once it ends. */
class ImportRunProgressTest {

    private ImportDatabase db;

    @BeforeEach
    void open() {
        db = ImportDatabase.open();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void eachEntryIsCountedInItsRunAsItIsRecorded() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("notes.txt", new byte[] {'x'});
        entries.put(TestArchives.entryName(Fixtures.APPLE), Fixtures.read(TestArchives.APPLE));
        entries.put(TestArchives.entryName(Fixtures.NVIDIA), Fixtures.read(TestArchives.NVIDIA));
        Path archive = TestArchives.zip(db.dir(), "companyfacts.zip", entries);
        long appleFacts = Fixtures.entryCount(Fixtures.secRoot().resolve(TestArchives.APPLE));
        AtomicInteger started = new AtomicInteger();
        List<Long> seenBeforeTheThird = new ArrayList<>();

        // The seam runs before each entry: before the third, the run must count the first two already.
        ImportReport stopped = db.importer().importArchive(archive, "test", () -> {
            if (started.getAndIncrement() == 2) {
                try {
                    seenBeforeTheThird.add(db.count("SELECT COUNT(*) FROM import_run WHERE status = 'running'"
                            + " AND entries_done = 1 AND entries_refused = 1 AND entries_failed = 0"
                            + " AND facts_read = ? AND facts_inserted = ? AND updated_at > started_at",
                            appleFacts, appleFacts));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return false;
            }
            return true;
        });

        assertThat(seenBeforeTheThird).containsExactly(1L);
        assertThat(stopped.status()).isEqualTo(ImportReport.INTERRUPTED);
        ImportReport resumed = db.importer().importArchive(archive, "test");
        assertThat(resumed.runId()).isEqualTo(stopped.runId());
        assertThat(db.count("SELECT COUNT(*) FROM import_run WHERE id = ? AND status = 'finished' AND entries_done = 2"
                + " AND entries_refused = 1 AND facts_inserted = ?", resumed.runId(),
                appleFacts + Fixtures.entryCount(Fixtures.secRoot().resolve(TestArchives.NVIDIA)))).isEqualTo(1);
    }
}
