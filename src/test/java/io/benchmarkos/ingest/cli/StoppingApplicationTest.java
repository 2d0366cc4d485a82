package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real application while it stops: a job held by a slow SEC keeps it stopping for a while. It answers every
 * request with 503 "stopping", while Camel holds its suspended consumers and after its routes are gone (until its
 * HTTP server closes), and the CLI says it is stopping rather than blaming --api-url.
 */
class StoppingApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aStoppingApplicationSaysSoUntilItsServerCloses() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer sec = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sec.createContext("/", exchange -> {
            asked.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        sec.setExecutor(Executors.newCachedThreadPool());
        sec.start();
        TestApp app = TestApp.start("http://127.0.0.1:" + sec.getAddress().getPort(),
                Map.of("camel.main.shutdown-timeout", "2"));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest companies = HttpRequest.newBuilder(URI.create(app.apiUrl() + "/companies"))
                .timeout(Duration.ofSeconds(10)).build();
        Thread stopping = new Thread(() -> app.app().close(), "test-stop");
        try {
            app.submitTicker("AAPL");
            assertThat(asked.await(30, TimeUnit.SECONDS)).as("the job asked the slow SEC").isTrue();
            stopping.start();

            // Polls until the server closes: first the consumers are suspended, then the routes are gone while the
            // server still answers. The stub SEC lets the job go after a while, so the stop can end.
            List<String> answers = new ArrayList<>();
            List<String> cliLines = new ArrayList<>();
            long started = System.nanoTime();
            while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(40)) {
                if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(3)) {
                    release.countDown();
                }
                HttpResponse<String> answer;
                try {
                    answer = http.send(companies, HttpResponse.BodyHandlers.ofString());
                } catch (IOException closed) {
                    break; // refused, or dropped as the server closed
                }
                answers.add(answer.statusCode() + " " + error(answer.body()));
                cliLines.add(companiesCommand(app.apiUrl()));
                Thread.sleep(50);
            }

            String stoppingLine = "3 companies: the application at " + app.apiUrl()
                    + " is stopping (retry once it is back up)";
            assertThat(cliLines).contains(stoppingLine).allSatisfy(line -> assertThat(line).satisfiesAnyOf(
                    said -> assertThat(said).isEqualTo(stoppingLine),
                    closed -> assertThat(closed).startsWith("3 companies: cannot reach the application at "),
                    dropped -> assertThat(dropped).startsWith("3 companies: the application at " + app.apiUrl()
                            + " closed the connection without answering")));
            assertThat(answers).isNotEmpty().allSatisfy(answer -> assertThat(answer)
                    .isEqualTo("503 the application is stopping; try again once it is back up"));
        } finally {
            release.countDown();
            if (stopping.isAlive()) {
                stopping.join(60_000);
            }
            app.close();
            sec.stop(0);
        }
    }

    private static String error(String body) throws IOException {
        return body.isEmpty() ? "(no body)" : JSON.readTree(body).path("error").asText();
    }

    /** Runs {@code companies} against the stopping app: its exit code and what it printed on stderr. */
    private static String companiesCommand(String apiUrl) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            int code = Cli.commandLine().execute("companies", "--api-url", apiUrl);
            return code + " " + stderr.toString(StandardCharsets.UTF_8).strip();
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
    }
}
