package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.app.ConfigLoader;
import io.benchmarkos.ingest.cli.Cli;
import io.benchmarkos.ingest.support.Fixtures;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code import PATH.zip} in process against a database of its own, as an operator runs it with the app stopped. */
class ImportCommandTest {

    @Test
    void importsTheArchiveAndExitsZeroThenAgainAddsNothing() throws Exception {
        Path dir = TestArchives.newDir();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(TestArchives.entryName(Fixtures.APPLE), Fixtures.read(TestArchives.APPLE));
        entries.put(TestArchives.entryName(31), TestArchives.asCik(TestArchives.NVIDIA, 31));
        Path archive = TestArchives.zip(dir, "companyfacts.zip", entries);
        String dbUrl = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE";
        long expected = Fixtures.entryCount(Fixtures.secRoot().resolve(TestArchives.APPLE))
                + Fixtures.entryCount(Fixtures.secRoot().resolve(TestArchives.NVIDIA));

        int first = run("import", "--profile", "test", "-P", "db.url=" + dbUrl, archive.toString());
        int second = run("import", "--profile", "test", "-P", "db.url=" + dbUrl, archive.toString());

        assertThat(first).isZero();
        assertThat(second).isZero();
        assertThat(run("import", "--profile", "test", "-P", "db.url=" + dbUrl, dir.resolve("missing.zip").toString()))
                .isEqualTo(2);
        Properties config = ConfigLoader.load("test");
        config.setProperty("db.url", dbUrl);
        try (StandaloneImport db = StandaloneImport.open(config);
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (" + Fixtures.STORED_FACTS + "), (SELECT COUNT(*)"
                     + " FROM import_run WHERE source = 'cli' AND status = 'finished')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(expected);
            assertThat(rs.getLong(2)).isEqualTo(2);
        }
    }

    @Test
    void aTruncatedZipIsOneLineAndTheExitCodeOfAnUnreadableArchive() throws Exception {
        Path dir = TestArchives.newDir();
        Path whole = TestArchives.zip(dir, "whole.zip",
                Map.of(TestArchives.entryName(Fixtures.APPLE), Fixtures.read(TestArchives.APPLE)));
        byte[] bytes = Files.readAllBytes(whole);
        // A download that stopped half way: it starts like a zip, its central directory is missing.
        Path truncated = Files.write(dir.resolve("trunc.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        Path text = Files.writeString(dir.resolve("text.zip"), "not a zip");
        String dbUrl = "db.url=jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE";

        Run cut = runCapturingErr("import", "--profile", "test", "-P", dbUrl, truncated.toString());
        Run notZip = runCapturingErr("import", "--profile", "test", "-P", dbUrl, text.toString());

        assertThat(notZip.code()).isEqualTo(2);
        assertThat(cut.code()).isEqualTo(notZip.code());
        assertThat(cut.err()).isEqualTo("not a readable zip archive: " + truncated + " (zip END header not found):"
                + " the file is incomplete or damaged; download it again (SEC's companyfacts.zip) and import the new"
                + " copy" + System.lineSeparator());
    }

    private record Run(int code, String err) {
    }

    private static Run runCapturingErr(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = run(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    private static int run(String... args) {
        return new CommandLine(new Cli()).execute(args);
    }
}
