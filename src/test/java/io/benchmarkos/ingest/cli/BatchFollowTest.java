package io.benchmarkos.ingest.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code batch run --wait} against an application that stops: what a stopping {@code serve} answers (503 saying so,
 * then nothing; an older build: 503 with no body, then its own 404 once its routes are gone) is not a finished run.
 */
class BatchFollowTest {

    private static final String RUNNING = "{\"id\":\"b-1\",\"status\":\"running\",\"triggered_by\":\"cli\","
            + "\"coverage_list\":\"slow.txt\",\"total\":3,\"succeeded\":1,\"failed\":0,\"skipped\":0,\"unfinished\":2}";
    private static final String COMPLETED = RUNNING.replace("running", "completed").replace("\"succeeded\":1",
            "\"succeeded\":3").replace("\"unfinished\":2", "\"unfinished\":0");
    private static final String STOPPED = "the application stopped answering while run b-1 was running";
    private static final String CHECK_LATER = "; check later with: batch status b-1";

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aStoppingApplicationsEmpty503IsNotTakenForTheRunsEnd() throws Exception {
        String base = serve(new Answer(200, RUNNING), new Answer(503, ""));

        Run run = batchRunWait(base);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stdout()).contains("running 1/3 done").doesNotContain("0/0 done").doesNotContain("started -");
        assertThat(run.stderr().strip()).isEqualTo("the application at " + base + " is stopping while run b-1 was"
                + " running; retry once it is back up with: batch status b-1");
    }

    @Test
    void aStoppingApplicationsOwnAnswerSaysItIsStopping() throws Exception {
        String base = serve(new Answer(200, RUNNING), new Answer(503, "{\"status\":503,\"error\":\"the application is"
                + " stopping; try again once it is back up\"}"));

        Run run = batchRunWait(base);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr().strip()).isEqualTo("the application at " + base + " is stopping while run b-1 was"
                + " running; retry once it is back up with: batch status b-1");
    }

    @Test
    void theApplicationsOwnErrorAnswerWithANumericStatusIsNotARunEither() throws Exception {
        String base = serve(new Answer(200, RUNNING),
                new Answer(404, "{\"status\":404,\"error\":\"no API endpoint at GET /api/batches/b-1\"}"));

        Run run = batchRunWait(base);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stdout()).doesNotContain("batch run  (, list )");
        assertThat(run.stderr()).contains(STOPPED + " (GET " + base + "/batches/b-1 answered 404: no API endpoint")
                .contains(CHECK_LATER).doesNotContain("--api-url");
    }

    @Test
    void anApplicationThatIsGoneWhileFollowingIsReportedAsGone() throws Exception {
        // After one "running" answer the server is stopped: the next poll finds nothing listening.
        String base = serve(new Answer(200, RUNNING));

        Run run = batchRunWait(base);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).startsWith(STOPPED + " (nothing listens there)").contains(CHECK_LATER);
    }

    @Test
    void aRunThatEndsStillEndsWithItsSummary() throws Exception {
        String base = serve(new Answer(200, RUNNING), new Answer(200, COMPLETED));

        Run run = batchRunWait(base);

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("completed 3/3 done").contains("batch run b-1 (cli, list slow.txt)");
        assertThat(run.stderr()).isEmpty();
    }

    private record Answer(int status, String body) {
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    /**
     * An API that starts run b-1 and answers its polls one after the other; after the last one the server stops, so
     * a further poll finds nothing listening. Returns the API's base URL.
     */
    private String serve(Answer... polls) throws IOException {
        Deque<Answer> left = new ArrayDeque<>(List.of(polls));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/batches", exchange -> {
            if ("POST".equals(exchange.getRequestMethod())) {
                answer(exchange, new Answer(202, "{\"batchId\":\"b-1\",\"total\":3,\"coverageList\":\"slow.txt\"}"));
                return;
            }
            Answer next = left.poll();
            answer(exchange, next == null ? new Answer(500, "") : next);
            if (left.isEmpty()) {
                new Thread(() -> server.stop(0)).start();
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    private static Run batchRunWait(String base) throws IOException {
        Path list = Files.writeString(Files.createTempFile("slow", ".txt"), "AAPL\nMSFT\nGOOGL\n");
        return run("batch", "run", "--list", list.toString(), "--wait", "--poll-seconds", "1", "--api-url", base);
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            int code = Cli.commandLine().execute(args);
            return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static void answer(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(body);
        }
    }
}
