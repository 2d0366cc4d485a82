package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An archive that names one company's entry twice: which of the two is current cannot be told from the archive, so
 * neither is imported; both are refused with that reason and counted, whichever comes first.
 */
class DuplicateEntryTest {

    private static final String APPLE_ENTRY = TestArchives.entryName(Fixtures.APPLE);
    /** Written under this name (ZipOutputStream refuses a second entry of one name), then renamed in the file. */
    private static final String PLACEHOLDER = "CIK0000320193.dupl";

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
    void newestFirstThenAnOlderSnapshotRefusesBoth() throws Exception {
        ImportReport report = importAppleTwice(Fixtures.read(TestArchives.APPLE),
                Fixtures.read(TestArchives.APPLE_OLDER));

        assertBothRefused(report);
    }

    @Test
    void anOlderSnapshotFirstThenTheNewestRefusesBoth() throws Exception {
        ImportReport report = importAppleTwice(Fixtures.read(TestArchives.APPLE_OLDER),
                Fixtures.read(TestArchives.APPLE));

        assertBothRefused(report);
    }

    private ImportReport importAppleTwice(byte[] first, byte[] second) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(TestArchives.entryName(Fixtures.NVIDIA), Fixtures.read(TestArchives.NVIDIA));
        entries.put(APPLE_ENTRY, first);
        entries.put(PLACEHOLDER, second);
        Path archive = TestArchives.zip(db.dir(), "companyfacts.zip", entries);
        TestArchives.rename(archive, PLACEHOLDER, APPLE_ENTRY);
        return db.importer().importArchive(archive, "test");
    }

    private void assertBothRefused(ImportReport report) throws Exception {
        assertThat(report.status()).isEqualTo(ImportReport.FINISHED);
        assertThat(report.entriesTotal()).isEqualTo(3);
        assertThat(report.entriesDone()).isEqualTo(1);
        assertThat(report.entriesFailed()).isZero();
        assertThat(report.entriesRefused()).isEqualTo(2);
        assertThat(report.summary()).contains(" 1/3 entries stored or current ").contains(", 0 failed, 2 refused,");
        assertThat(report.failures()).hasSize(2).allSatisfy(f -> {
            assertThat(f.name()).isEqualTo(APPLE_ENTRY);
            assertThat(f.status()).isEqualTo(EntryOutcome.REFUSED);
            assertThat(f.reason()).isEqualTo("duplicate entry name: the archive holds 2 entries named "
                    + APPLE_ENTRY + " and which one is current cannot be told, so none of them is imported");
        });
        assertThat(db.count("SELECT COUNT(*) FROM import_entry WHERE run_id = ? AND entry_name = ?"
                + " AND status = 'refused'", report.runId(), APPLE_ENTRY)).isEqualTo(2);
        assertThat(db.count("SELECT COUNT(*) FROM import_run WHERE id = ? AND entries_total = 3 AND entries_done = 1"
                + " AND entries_failed = 0 AND entries_refused = 2", report.runId())).isEqualTo(1);
        assertThat(db.count(Fixtures.STORED_FACTS + " WHERE cik = ?", Fixtures.APPLE)).isZero();
        assertThat(db.count(Fixtures.STORED_FACTS + " WHERE cik = ?", Fixtures.NVIDIA))
                .isEqualTo(Fixtures.entryCount(Fixtures.secRoot().resolve(TestArchives.NVIDIA)));
    }
}
