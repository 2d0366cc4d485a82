package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An entry whose bytes were damaged after the archive was written (its CRC-32 left as it was) fails with the reason
 * and stores nothing, even where the damaged bytes still parse: a digit of a value, a digit of a date.
 */
class CorruptEntryTest {

    /** The first value of Apple's fixture: {@code "end":"2009-06-27","val":895816758}. */
    private static final String FIRST_VALUE = "\"end\":\"2009-06-27\",\"val\":895816758";
    private static final String APPLE_ENTRY = TestArchives.entryName(Fixtures.APPLE);
    private static final String NVIDIA_ENTRY = TestArchives.entryName(Fixtures.NVIDIA);

    private ImportDatabase db;

    @BeforeEach
    void open() {
        db = ImportDatabase.open();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Map<String, byte[]> appleThenNvidia(byte[] apple) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(APPLE_ENTRY, apple);
        entries.put(NVIDIA_ENTRY, Fixtures.read(TestArchives.NVIDIA));
        return entries;
    }

    @Test
    void aStoredEntryWithOneDigitChangedFailsAndLeavesTheStoredFactsAsTheyWere() throws Exception {
        // Apple's older snapshot is stored; the archive brings the newer one, one digit of its first value changed.
        db.importer().importArchive(TestArchives.zip(db.dir(), "older.zip",
                Map.of(APPLE_ENTRY, Fixtures.read(TestArchives.APPLE_OLDER))), "test");
        List<String> before = db.factRows(Fixtures.APPLE);
        Path archive = TestArchives.zipStored(db.dir(), "companyfacts.zip",
                appleThenNvidia(Fixtures.read(TestArchives.APPLE)));
        // The last digit of 895816758 becomes 3.
        assertThat(TestArchives.corrupt(archive, FIRST_VALUE, FIRST_VALUE.length() - 1, b -> '3'))
                .isEqualTo((byte) '8');

        ImportReport report = db.importer().importArchive(archive, "test");

        assertCorruptAppleFailedAndNvidiaStored(report);
        assertThat(db.factRows(Fixtures.APPLE)).isEqualTo(before);
        assertThat(db.count("SELECT COUNT(*) FROM fact WHERE cik = ? AND val = 895816753", Fixtures.APPLE)).isZero();
    }

    @Test
    void aDeflatedEntryWithAFlippedBitInADateFailsAndStoresNothing() throws Exception {
        Path archive = TestArchives.zipDeflatedLevel0(db.dir(), "companyfacts.zip",
                appleThenNvidia(Fixtures.read(TestArchives.APPLE)));
        // "2009-06-27" becomes "2008-06-27": the year's last digit, '9' (0x39) with its lowest bit flipped.
        assertThat(TestArchives.corrupt(archive, FIRST_VALUE, "\"end\":\"200".length(), b -> b ^ 1))
                .isEqualTo((byte) '9');

        ImportReport report = db.importer().importArchive(archive, "test");

        assertCorruptAppleFailedAndNvidiaStored(report);
        assertThat(db.count(Fixtures.STORED_FACTS + " WHERE cik = ?", Fixtures.APPLE)).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM company WHERE cik = ?", Fixtures.APPLE)).isZero();
    }

    private void assertCorruptAppleFailedAndNvidiaStored(ImportReport report) throws Exception {
        assertThat(report.status()).isEqualTo(ImportReport.FINISHED);
        assertThat(report.entriesTotal()).isEqualTo(2);
        assertThat(report.entriesDone()).isEqualTo(1);
        assertThat(report.entriesFailed()).isEqualTo(1);
        assertThat(report.entriesRefused()).isZero();
        assertThat(report.summary()).contains(" 1/2 entries stored or current ").contains(", 1 failed, 0 refused,");
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo(APPLE_ENTRY);
            assertThat(f.status()).isEqualTo(EntryOutcome.FAILED);
            assertThat(f.reason()).matches("corrupt entry data: CRC-32 [0-9a-f]{8} of its \\d+ bytes differs from the"
                    + " archive's [0-9a-f]{8}; nothing of it is stored");
        });
        assertThat(db.count("SELECT COUNT(*) FROM import_entry WHERE run_id = ? AND entry_name = ?"
                + " AND status = 'failed' AND reason LIKE 'corrupt entry data: CRC-32 %'", report.runId(), APPLE_ENTRY))
                .isEqualTo(1);
        assertThat(db.count(Fixtures.STORED_FACTS + " WHERE cik = ?", Fixtures.NVIDIA))
                .isEqualTo(Fixtures.entryCount(Fixtures.secRoot().resolve(TestArchives.NVIDIA)));
    }
}
