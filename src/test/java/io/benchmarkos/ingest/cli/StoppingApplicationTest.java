package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.support.CliRun;
import io.benchmarkos.ingest.support.HeldSec;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        HeldSec sec = new HeldSec();
        TestApp app = TestApp.start(sec.baseUrl(),
                Map.of("camel.main.shutdown-timeout", "2"));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest companies = HttpRequest.newBuilder(URI.create(app.apiUrl() + "/companies"))
                .timeout(Duration.ofSeconds(10)).build();
        Thread stopping = new Thread(() -> app.app().close(), "test-stop");
        try {
            app.submitTicker("AAPL");
            assertThat(sec.awaitAsked(Duration.ofSeconds(30))).as("the job asked the slow SEC").isTrue();
            stopping.start();

            // Polls until the server closes: first the consumers are suspended, then the routes are gone while the
            // server still answers. The stub SEC lets the job go after a while, so the stop can end.
            List<String> answers = new ArrayList<>();
            List<String> cliLines = new ArrayList<>();
            long started = System.nanoTime();
            while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(40)) {
                if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(3)) {
                    sec.release();
                }
                HttpResponse<String> answer;
                try {
                    answer = http.send(companies, HttpResponse.BodyHandlers.ofString());
                } catch (IOException closed) {
                    break; // refused, or dropped as the server closed
                }
                answers.add(answer.statusCode() + " " + error(answer.body()));
                cliLines.add(CliRun.errorLine("companies", "--api-url", app.apiUrl()));
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
            sec.release();
            if (stopping.isAlive()) {
                stopping.join(60_000);
            }
            app.close();
            sec.close();
        }
    }

    private static String error(String body) throws IOException {
        return body.isEmpty() ? "(no body)" : JSON.readTree(body).path("error").asText();
    }
}
