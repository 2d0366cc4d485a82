package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.LoggedLines;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An archive older than what a company's facts were loaded from (yesterday's, imported after today's). */
class OlderEntryTest {

    private static final String OLDER_REASON = "companyfacts older than the stored facts, not stored: the document of"
            + " CIK 320193 (Apple Inc.) has filings up to 2024-11-01, the stored facts up to 2026-01-30";

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
    void anOlderEntryIsReadButNotStoredAndTheOthersAre() throws Exception {
        db.importer().importArchive(TestArchives.zip(db.dir(), "today.zip",
                Map.of(TestArchives.entryName(Fixtures.APPLE), Fixtures.read(TestArchives.APPLE))), "test");
        List<String> stored = db.factRows(Fixtures.APPLE);
        String mark = Fixtures.sha256(Fixtures.read(TestArchives.APPLE));
        Map<String, byte[]> yesterday = new LinkedHashMap<>();
        yesterday.put(TestArchives.entryName(Fixtures.APPLE), Fixtures.read(TestArchives.APPLE_OLDER));
        yesterday.put(TestArchives.entryName(Fixtures.NVIDIA), Fixtures.read(TestArchives.NVIDIA));

        ImportReport report;
        List<String> warned;
        try (LoggedLines warnings = LoggedLines.atLeast(Level.WARN)) {
            report = db.importer().importArchive(TestArchives.zip(db.dir(), "yesterday.zip", yesterday), "test");
            warned = warnings.lines();
        }

        long appleOlderEntries = Fixtures.entryCount(Fixtures.secRoot().resolve(TestArchives.APPLE_OLDER));
        long nvidiaEntries = Fixtures.entryCount(Fixtures.secRoot().resolve(TestArchives.NVIDIA));
        assertThat(db.factRows(Fixtures.APPLE)).as("no label, value or filing rolled back").isEqualTo(stored);
        assertThat(db.count("SELECT COUNT(*) FROM company WHERE cik = ? AND facts_sha256 = ?", Fixtures.APPLE, mark))
                .as("still marked with today's document").isEqualTo(1);
        assertThat(report.status()).isEqualTo(ImportReport.FINISHED);
        assertThat(report.entriesDone()).as("both current: Apple's stored facts are newer").isEqualTo(2);
        assertThat(report.failures()).isEmpty();
        assertThat(report.factsRead()).isEqualTo(appleOlderEntries + nvidiaEntries);
        assertThat(report.factsInserted()).isEqualTo(nvidiaEntries);
        assertThat(report.factsUpdated()).isZero();
        assertThat(report.summary()).contains("1 older than the stored facts, not stored");
        assertThat(db.count("SELECT COUNT(*) FROM import_entry WHERE run_id = ? AND entry_name = ?"
                + " AND status = 'done' AND facts_read = ? AND facts_inserted = 0 AND facts_updated = 0"
                + " AND reason LIKE ?", report.runId(), "CIK0000320193.json", appleOlderEntries, OLDER_REASON + "%"))
                .isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM import_run WHERE id = ? AND entries_done = 2 AND facts_inserted = ?",
                report.runId(), nvidiaEntries)).isEqualTo(1);
        assertThat(warned).anySatisfy(line -> assertThat(line).contains("Import " + report.runId()
                + ": entry CIK0000320193.json: " + OLDER_REASON));

        ImportReport today = db.importer().importArchive(TestArchives.zip(db.dir(), "today-again.zip",
                Map.of(TestArchives.entryName(Fixtures.APPLE), Fixtures.read(TestArchives.APPLE))), "test");

        assertThat(today.unchanged()).as("today's document is still the last full load").isEqualTo(1);
    }
}
