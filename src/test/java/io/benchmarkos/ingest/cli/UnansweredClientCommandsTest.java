package io.benchmarkos.ingest.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Every client command of the HTTP API tells an application that is stopping, one that dropped the connection and
 * an address where nothing listens the same way: one line that names the API's URL, and exit code 3.
 */
class UnansweredClientCommandsTest {

    private static Path list;
    private HttpServer server;

    @BeforeAll
    static void writeList() throws IOException {
        list = Files.writeString(Files.createTempFile("list", ".txt"), "AAPL\n");
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The commands that talk to the API, with and without their optional arguments. */
    private static List<List<String>> commands() {
        return List.of(List.of("status"), List.of("status", "j-1"), List.of("facts", "AAPL"), List.of("companies"),
                List.of("batch", "status"), List.of("batch", "status", "b-1"), List.of("batch", "run"),
                List.of("batch", "run", "--list", list.toString()));
    }

    /**
     * The server's own answer while it stops, and Camel's: its platform-http answers 503 with no body while its
     * consumers are suspended for the stop (what the application answered before it said so itself).
     */
    @ParameterizedTest
    @ValueSource(strings = {"{\"status\":503,\"error\":\"the application is stopping; try again once it is back"
            + " up\"}", ""})
    void aStoppingApplicationIsSaidToBeStoppingByEveryCommand(String body) throws Exception {
        String base = serve(503, body);

        assertSoftly(soft -> commands().stream().map(command -> run(command, base)).forEach(run -> {
            soft.assertThat(run.exitCode()).as(run.name()).isEqualTo(3);
            soft.assertThat(run.stderr()).as(run.name()).isEqualTo(run.name() + ": the application at " + base
                    + " is stopping (retry once it is back up)\n");
        }));
    }

    @Test
    void anApiRefusalWith503IsNotTakenForAStop() throws Exception {
        String base = serve(503, "{\"status\":503,\"error\":\"the database is not reachable\"}");

        Run companies = run(List.of("companies"), base);
        Run batchRun = run(List.of("batch", "run"), base);

        assertThat(companies.exitCode()).isEqualTo(1);
        assertThat(companies.stderr()).contains("answered 503: the database is not reachable")
                .doesNotContain("stopping");
        assertThat(batchRun.exitCode()).isEqualTo(2);
        assertThat(batchRun.stderr()).contains("answered 503: the database is not reachable");
    }

    @Test
    void aDroppedConnectionIsOneLineOfEveryCommand() throws Exception {
        try (ServerSocket dropping = droppingServer()) {
            String base = "http://127.0.0.1:" + dropping.getLocalPort() + "/api";

            assertSoftly(soft -> commands().stream().map(command -> run(command, base)).forEach(run -> {
                soft.assertThat(run.exitCode()).as(run.name()).isEqualTo(3);
                soft.assertThat(run.stderr()).as(run.name()).startsWith(run.name() + ": the application at " + base
                        + " closed the connection without answering (").contains("it may be stopping")
                        .doesNotContain("\tat ").hasLineCount(1);
            }));
        }
    }

    @Test
    void anAddressWhereNothingListensIsOneLineOfEveryCommand() throws Exception {
        String base = "http://127.0.0.1:" + closedPort() + "/api";

        assertSoftly(soft -> commands().stream().map(command -> run(command, base)).forEach(run -> {
            soft.assertThat(run.exitCode()).as(run.name()).isEqualTo(3);
            soft.assertThat(run.stderr()).as(run.name()).startsWith(run.name() + ": cannot reach the application at "
                    + base + ": nothing listens there; is the application running there?").hasLineCount(1);
        }));
    }

    /** Answers every request with this status and body. Returns the API's base URL. */
    private String serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (!body.isEmpty()) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    /** Accepts and closes without answering, as a process that dies mid-request does. */
    static ServerSocket droppingServer() throws IOException {
        ServerSocket dropping = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        new Thread(() -> {
            while (!dropping.isClosed()) {
                try (Socket ignored = dropping.accept()) {
                    // closed at once
                } catch (IOException stopped) {
                    return;
                }
            }
        }).start();
        return dropping;
    }

    /** A loopback port nothing listens on (it did a moment ago). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Run(String name, int exitCode, String stdout, String stderr) {
    }

    private static Run run(List<String> command, String base) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--api-url", base));
        // The name the command prints its line under: "batch run", not its arguments.
        String name = command.get(0).equals("batch") ? "batch " + command.get(1) : command.get(0);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            int code = Cli.commandLine().execute(args.toArray(String[]::new));
            return new Run(name, code, stdout.toString(StandardCharsets.UTF_8),
                    stderr.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
