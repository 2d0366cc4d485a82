package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.app.ConfigLoader;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.ScratchPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two processes importing one archive into one PostgreSQL database (two pools here, so two sessions): the second
 * is refused while the first runs, and takes over a run only once no process is working on it.
 */
class ConcurrentImportTest {

    private Path dir;
    private ScratchPostgres postgres;
    private final List<StandaloneImport> opened = new ArrayList<>();

    @BeforeEach
    void create() {
        dir = TestArchives.newDir();
        postgres = ScratchPostgres.create("imports");
    }

    @AfterEach
    void drop() throws SQLException {
        opened.forEach(StandaloneImport::close);
        postgres.close();
    }

    private StandaloneImport process() {
        Properties config = ConfigLoader.load("test");
        config.setProperty("benchmarkos.data-dir", dir.toString());
        config.setProperty("db.url", postgres.url());
        config.setProperty("db.user", "postgres");
        config.setProperty("db.password", "");
        StandaloneImport standalone = StandaloneImport.open(config);
        opened.add(standalone);
        return standalone;
    }

    private Path threeCompanies() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(TestArchives.entryName(Fixtures.APPLE), Fixtures.read(TestArchives.APPLE));
        entries.put(TestArchives.entryName(Fixtures.NVIDIA), Fixtures.read(TestArchives.NVIDIA));
        entries.put(TestArchives.entryName(41), TestArchives.asCik(TestArchives.APPLE_OLDER, 41));
        return TestArchives.zip(dir, "companyfacts.zip", entries);
    }

    @Test
    void aSecondImportOfAnArchiveBeingImportedIsRefusedAndTheFirstFinishes() throws Exception {
        Path archive = threeCompanies();
        StandaloneImport first = process();
        StandaloneImport second = process();
        AtomicInteger started = new AtomicInteger();
        List<Throwable> refusals = new ArrayList<>();

        // While the first process is between its first and second entries, the second imports the same archive.
        ImportReport report = first.importer().importArchive(archive, "test", () -> {
            if (started.getAndIncrement() == 1) {
                try {
                    second.importer().importArchive(archive, "test");
                } catch (Exception e) {
                    refusals.add(e);
                }
            }
            return true;
        });

        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0).getClass().getSimpleName())
                .isEqualTo("ImportRunningException");
        assertThat(refusals.get(0)).hasMessage("import " + report.runId() + " of companyfacts.zip is running in"
                        + " another process (1 of 3 entries recorded so far); wait for it to end, or stop it: the"
                        + " next import of the archive then resumes it");
        assertThat(report.status()).isEqualTo(ImportReport.FINISHED);
        assertThat(report.resumed()).isFalse();
        assertThat(report.entriesDone()).isEqualTo(3);
        assertThat(report.failures()).isEmpty();
        assertThat(query("SELECT COUNT(*), MIN(attempts), MIN(status), MIN(entries_done) FROM import_run"))
                .isEqualTo("1|1|finished|3");
        assertThat(query("SELECT COUNT(*) FROM import_entry WHERE status = 'done'")).isEqualTo("3");
    }

    @Test
    void aRunNoProcessWorksOnIsResumedByTheNextImport() throws Exception {
        Path archive = threeCompanies();
        StandaloneImport first = process();
        AtomicInteger started = new AtomicInteger();
        ImportReport stopped = first.importer().importArchive(archive, "test", () -> started.getAndIncrement() < 1);
        // As a kill -9 leaves it: still 'running', and its process (and session) gone.
        execute("UPDATE import_run SET status = 'running'");
        first.close();
        opened.remove(first);

        ImportReport resumed = process().importer().importArchive(archive, "test");

        assertThat(resumed.runId()).isEqualTo(stopped.runId());
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.skippedAsDone()).isEqualTo(1);
        assertThat(resumed.status()).isEqualTo(ImportReport.FINISHED);
        assertThat(query("SELECT COUNT(*), MIN(attempts), MIN(status), MIN(entries_done) FROM import_run"))
                .isEqualTo("1|2|finished|3");
    }

    private String query(String sql) throws SQLException {
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(String.valueOf(rs.getObject(i)));
            }
            return String.join("|", values);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
