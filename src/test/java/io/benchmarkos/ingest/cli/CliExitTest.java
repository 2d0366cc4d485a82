package io.benchmarkos.ingest.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** How the jar ends when it is used wrongly or its application does not answer: an exit code and one line. */
class CliExitTest {

    @Test
    void noCommandIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine().setErr(new PrintWriter(err));

        assertThat(cli.execute()).isEqualTo(2);
        assertThat(err.toString()).startsWith("Missing command: choose one of those below").contains("Commands:");
    }

    @Test
    void aRequestTheApplicationDoesNotAnswerInTimeIsOneLineAndExitCode3() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine status = Cli.commandLine().getSubcommands().get("status").setErr(new PrintWriter(err, true));
        ClientOptions client = new ClientOptions();
        client.apiUrl = "http://127.0.0.1:18480/api";

        int code = Cli.unanswered(new ApiClient(client).noAnswer(new HttpTimeoutException("request timed out")),
                status, null);

        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("status: the application at http://127.0.0.1:18480/api did not answer in"
                + " time; it may be waiting for its database or broker (its log says which, and so does"
                + " /observe/health/ready)" + System.lineSeparator());
    }
}
