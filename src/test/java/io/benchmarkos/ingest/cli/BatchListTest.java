package io.benchmarkos.ingest.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A coverage list that is missing or empty is refused before the app is asked for anything. */
class BatchListTest {

    @Test
    void aMissingListIsNamedNotThrown() throws Exception {
        Path missing = Files.createTempDirectory("batch-list").resolve("nope.txt");

        Run run = batchRun(missing);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains(missing + ": no such file").doesNotContain("Exception");
    }

    @Test
    void aFolderGivenAsTheListIsCalledAFolder() throws Exception {
        Path folder = Files.createTempDirectory("batch-list");

        Run run = batchRun(folder);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains(folder + ": a folder, not a file");
    }

    @Test
    void aListWithoutCompaniesIsRefused() throws Exception {
        Path empty = Files.writeString(Files.createTempFile("batch-list", ".txt"), "# nothing yet\n");

        Run run = batchRun(empty);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("names no company");
    }

    private record Run(int exitCode, String stderr) {
    }

    private static Run batchRun(Path list) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new Cli()).execute("batch", "run", "--list", list.toString());
            return new Run(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }
}
