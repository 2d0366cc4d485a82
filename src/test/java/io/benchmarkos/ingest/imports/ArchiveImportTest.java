package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.app.ConfigLoader;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.SqlCount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Archive imports through the real reader, loader and H2 schema (the importer the CLI and the inbox route use). */
class ArchiveImportTest {

    private static final long APPLE_COPY = 11;
    private static final long NVIDIA_COPY = 12;

    private Path dir;
    private StandaloneImport standalone;
    private ArchiveImporter importer;

    @BeforeEach
    void openDatabase() {
        dir = TestArchives.newDir();
        Properties config = ConfigLoader.load("test");
        config.setProperty("benchmarkos.data-dir", dir.toString());
        config.setProperty("db.url", "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
        // Small enough that the size guard can be tested with a 6 MB entry.
        config.setProperty("import.max-entry-bytes", "5000000");
        standalone = StandaloneImport.open(config);
        importer = standalone.importer();
    }

    @AfterEach
    void closeDatabase() {
        standalone.close();
    }

    /** Four companies: the two fixtures, and two more made of fixtures under other CIKs. */
    private static Map<String, byte[]> fourCompanies() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(TestArchives.entryName(Fixtures.APPLE), Fixtures.read(TestArchives.APPLE));
        entries.put(TestArchives.entryName(Fixtures.NVIDIA), Fixtures.read(TestArchives.NVIDIA));
        entries.put(TestArchives.entryName(APPLE_COPY), TestArchives.asCik(TestArchives.APPLE_OLDER, APPLE_COPY));
        entries.put(TestArchives.entryName(NVIDIA_COPY), TestArchives.asCik(TestArchives.NVIDIA, NVIDIA_COPY));
        return entries;
    }

    /** A job that later fetches the same bytes compares its sha256 with this one, so every byte counts. */
    @Test
    void anEntryMarksItsCompanyWithTheSha256OfAllItsBytes() throws Exception {
        byte[] apple = Fixtures.read(TestArchives.APPLE);
        byte[] withTrailingNewline = Arrays.copyOf(apple, apple.length + 1);
        withTrailingNewline[apple.length] = '\n';
        Map<String, byte[]> entries = Map.of(TestArchives.entryName(Fixtures.APPLE), withTrailingNewline);

        importer.importArchive(TestArchives.zip(dir, "companyfacts.zip", entries), "test");

        assertThat(count("SELECT COUNT(*) FROM company WHERE cik = ? AND facts_sha256 = ?", Fixtures.APPLE,
                Fixtures.sha256(withTrailingNewline))).isEqualTo(1);
    }

    @Test
    void storesEveryEntryOfEveryCompany() throws Exception {
        Map<String, byte[]> entries = fourCompanies();
        Path[] files = TestArchives.asFiles(dir, entries);

        ImportReport report = importer.importArchive(TestArchives.zip(dir, "companyfacts.zip", entries), "test");

        long expected = Arrays.stream(files).mapToLong(Fixtures::entryCount).sum();
        assertThat(report.status()).isEqualTo(ImportReport.FINISHED);
        assertThat(report.entriesTotal()).isEqualTo(4);
        assertThat(report.entriesDone()).isEqualTo(4);
        assertThat(report.failures()).isEmpty();
        assertThat(report.factsRead()).isEqualTo(expected);
        assertThat(report.factsInserted()).isEqualTo(expected);
        assertThat(count(Fixtures.STORED_FACTS)).isEqualTo(expected)
                .isEqualTo(Fixtures.distinctKeys(files).size());
        assertThat(count(Fixtures.STORED_FACTS + " WHERE cik = ?", NVIDIA_COPY))
                .isEqualTo(Fixtures.entryCount(files[1]));
        assertThat(count("SELECT COUNT(*) FROM company WHERE cik IN (?, ?, ?, ?) AND facts_loaded_at IS NOT NULL"
                + " AND facts_sha256 IS NOT NULL", Fixtures.APPLE, Fixtures.NVIDIA, APPLE_COPY, NVIDIA_COPY))
                .isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM company WHERE cik = ? AND name = 'NVIDIA CORP'", NVIDIA_COPY))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM import_run WHERE id = ? AND status = 'finished' AND entries_done = 4"
                + " AND facts_inserted = ?", report.runId(), expected)).isEqualTo(1);
    }

    @Test
    void aSecondImportOfTheSameArchiveAddsNoRows() throws Exception {
        Path archive = TestArchives.zip(dir, "companyfacts.zip", fourCompanies());
        ImportReport first = importer.importArchive(archive, "test");
        long facts = count(Fixtures.STORED_FACTS);
        long concepts = count("SELECT COUNT(*) FROM concept");
        long companies = count("SELECT COUNT(*) FROM company");

        ImportReport second = importer.importArchive(archive, "test");

        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(second.resumed()).isFalse();
        assertThat(second.entriesDone()).isEqualTo(4);
        assertThat(second.unchanged()).as("the same bytes as each company's last full load").isEqualTo(4);
        assertThat(second.factsRead()).isZero();
        assertThat(second.factsInserted()).isZero();
        assertThat(second.factsUpdated()).isZero();
        assertThat(count(Fixtures.STORED_FACTS)).isEqualTo(facts).isEqualTo(first.factsInserted());
        assertThat(count("SELECT COUNT(*) FROM concept")).isEqualTo(concepts);
        assertThat(count("SELECT COUNT(*) FROM company")).isEqualTo(companies);
    }

    @Test
    void aLaterArchiveReadsOnlyTheEntriesThatChanged() throws Exception {
        Map<String, byte[]> entries = fourCompanies();
        Path[] firstFiles = TestArchives.asFiles(dir.resolve("first"), entries);
        importer.importArchive(TestArchives.zip(dir, "first.zip", entries), "test");
        // The copy of Apple's older snapshot becomes the newer one, as SEC's next nightly archive would have it.
        entries.put(TestArchives.entryName(APPLE_COPY), TestArchives.asCik(TestArchives.APPLE, APPLE_COPY));
        Path[] secondFiles = TestArchives.asFiles(dir.resolve("second"), entries);

        ImportReport second = importer.importArchive(TestArchives.zip(dir, "second.zip", entries), "test");

        assertThat(second.entriesDone()).isEqualTo(4);
        assertThat(second.unchanged()).isEqualTo(3);
        assertThat(second.factsRead()).isEqualTo(Fixtures.entryCount(secondFiles[2]));
        assertThat(second.factsInserted()).isPositive();
        List<Path> all = new ArrayList<>(List.of(firstFiles));
        all.add(secondFiles[2]);
        assertThat(count(Fixtures.STORED_FACTS)).isEqualTo(Fixtures.distinctKeys(all.toArray(Path[]::new)).size());
        assertThat(count("SELECT COUNT(*) FROM company WHERE cik = ? AND facts_sha256 = ?", APPLE_COPY,
                Fixtures.sha256(entries.get(TestArchives.entryName(APPLE_COPY))))).isEqualTo(1);
    }

    @Test
    void aTruncatedEntryIsReportedAndSkippedWhileTheOthersAreStored() throws Exception {
        byte[] nvidia = Fixtures.read(TestArchives.NVIDIA);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(TestArchives.entryName(Fixtures.APPLE), Fixtures.read(TestArchives.APPLE));
        entries.put(TestArchives.entryName(Fixtures.NVIDIA), Arrays.copyOf(nvidia, nvidia.length / 2));
        entries.put(TestArchives.entryName(APPLE_COPY), TestArchives.asCik(TestArchives.APPLE_OLDER, APPLE_COPY));

        ImportReport report = importer.importArchive(TestArchives.zip(dir, "companyfacts.zip", entries), "test");

        assertThat(report.status()).isEqualTo(ImportReport.FINISHED);
        assertThat(report.entriesDone()).isEqualTo(2);
        assertThat(report.entriesFailed()).isEqualTo(1);
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("CIK0001045810.json");
            assertThat(f.status()).isEqualTo(EntryOutcome.FAILED);
            assertThat(f.reason()).contains("truncated");
        });
        // The truncated document's transaction was rolled back whole; the entries after it were still stored.
        assertThat(count(Fixtures.STORED_FACTS + " WHERE cik = ?", Fixtures.NVIDIA)).isZero();
        assertThat(count(Fixtures.STORED_FACTS + " WHERE cik = ?", APPLE_COPY))
                .isEqualTo(Fixtures.entryCount(Fixtures.secRoot().resolve(TestArchives.APPLE_OLDER)));
        assertThat(count("SELECT COUNT(*) FROM import_entry WHERE run_id = ? AND entry_name = 'CIK0001045810.json'"
                + " AND status = 'failed' AND reason LIKE '%truncated%'", report.runId())).isEqualTo(1);
    }

    @Test
    void unsafeNamesAndAbsurdSizesAreRefusedWithAReason() throws Exception {
        byte[] apple = Fixtures.read(TestArchives.APPLE);
        byte[] bomb = new byte[4_000_000];
        Arrays.fill(bomb, (byte) ' ');
        byte[] huge = new byte[6_000_000];
        new java.util.Random(1).nextBytes(huge);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("../evil.json", apple);
        entries.put("../CIK0000000013.json", apple);
        entries.put("/tmp/CIK0000000014.json", apple);
        entries.put("sub\\CIK0000000015.json", apple);
        entries.put("notes.txt", apple);
        entries.put(TestArchives.entryName(16), bomb);
        entries.put(TestArchives.entryName(17), huge);
        entries.put(TestArchives.entryName(Fixtures.APPLE), apple);

        ImportReport report = importer.importArchive(TestArchives.zip(dir, "companyfacts.zip", entries), "test");

        assertThat(report.entriesDone()).isEqualTo(1);
        assertThat(report.entriesRefused()).isEqualTo(7);
        assertThat(report.bytesRead()).as("a refused entry is not read").isEqualTo(apple.length);
        Map<String, String> reasons = new LinkedHashMap<>();
        report.failures().forEach(f -> reasons.put(f.name(), f.status() + ": " + f.reason()));
        assertThat(reasons).containsOnlyKeys("../evil.json", "../CIK0000000013.json", "/tmp/CIK0000000014.json",
                "sub\\CIK0000000015.json", "notes.txt", "CIK0000000016.json", "CIK0000000017.json");
        assertThat(reasons.get("../evil.json")).isEqualTo("refused: unsafe entry name (parent directory '..')");
        assertThat(reasons.get("../CIK0000000013.json")).contains("parent directory");
        assertThat(reasons.get("/tmp/CIK0000000014.json")).contains("absolute path");
        assertThat(reasons.get("sub\\CIK0000000015.json")).contains("backslash");
        assertThat(reasons.get("notes.txt")).contains("not a companyfacts entry");
        assertThat(reasons.get("CIK0000000016.json")).contains("exceeds import.max-compression-ratio");
        assertThat(reasons.get("CIK0000000017.json")).contains("exceeds import.max-entry-bytes");
        assertThat(count(Fixtures.STORED_FACTS + " WHERE cik <> ?", Fixtures.APPLE)).isZero();
        assertThat(count(Fixtures.STORED_FACTS + " WHERE cik = ?", Fixtures.APPLE))
                .isEqualTo(Fixtures.entryCount(Fixtures.secRoot().resolve(TestArchives.APPLE)));
        assertThat(Files.exists(dir.resolve("evil.json"))).isFalse();
        assertThat(Files.exists(dir.getParent().resolve("evil.json"))).isFalse();
    }

    @Test
    void anInterruptedImportResumesWithoutDuplicates() throws Exception {
        Map<String, byte[]> entries = fourCompanies();
        Path[] files = TestArchives.asFiles(dir, entries);
        Path archive = TestArchives.zip(dir, "companyfacts.zip", entries);
        AtomicInteger started = new AtomicInteger();

        // The seam: stop (as Ctrl-C or a shutdown would) before the third entry.
        ImportReport stopped = importer.importArchive(archive, "test", () -> started.getAndIncrement() < 2);

        assertThat(stopped.status()).isEqualTo(ImportReport.INTERRUPTED);
        assertThat(stopped.entriesDone()).isEqualTo(2);
        long firstTwo = Fixtures.entryCount(files[0]) + Fixtures.entryCount(files[1]);
        assertThat(count(Fixtures.STORED_FACTS)).isEqualTo(firstTwo);
        assertThat(count("SELECT COUNT(*) FROM import_run WHERE id = ? AND status = 'interrupted'", stopped.runId()))
                .isEqualTo(1);

        ImportReport resumed = importer.importArchive(archive, "test");

        long all = Arrays.stream(files).mapToLong(Fixtures::entryCount).sum();
        assertThat(resumed.runId()).isEqualTo(stopped.runId());
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.status()).isEqualTo(ImportReport.FINISHED);
        assertThat(resumed.skippedAsDone()).isEqualTo(2);
        assertThat(resumed.entriesDone()).isEqualTo(4);
        assertThat(resumed.factsRead()).isEqualTo(all - firstTwo);
        assertThat(count(Fixtures.STORED_FACTS)).isEqualTo(all).isEqualTo(Fixtures.distinctKeys(files).size());
        assertThat(count("SELECT COUNT(*) FROM import_run WHERE id = ? AND status = 'finished' AND attempts = 2"
                + " AND entries_done = 4 AND facts_inserted = ?", resumed.runId(), all)).isEqualTo(1);
    }

    @Test
    void anEntryThatInflatesBeyondItsDeclaredSizeIsStopped() throws Exception {
        EntryGuard guard = new EntryGuard(1_000_000, 100);
        java.util.zip.ZipEntry lying = new java.util.zip.ZipEntry("CIK0000000018.json");
        lying.setSize(1000);
        lying.setCompressedSize(500);
        assertThat(guard.refusal(lying)).isNull();

        try (var in = guard.bounded(new java.io.ByteArrayInputStream(new byte[5000]), lying)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> in.readAllBytes())
                    .isInstanceOf(EntryRefusedException.class).hasMessageContaining("declared size of 1000 bytes");
        }
    }

    private long count(String sql, Object... params) throws SQLException {
        return SqlCount.of(standalone.dataSource(), sql, params);
    }
}
