package io.benchmarkos.ingest.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import io.benchmarkos.ingest.tools.SecMirror;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default killed with SIGKILL, again and again, a few seconds after its jobs finished: every finished
 * job is still finished when the app comes back, and none is left running. H2 keeps commits in memory for up to
 * about a second, so the test waits longer than that. ({@link H2CrashDurabilityTest} guards the H2 version.)
 */
class CrashRecoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration AFTER_LAST_JOB = Duration.ofSeconds(3);
    private static final int CRASHES = 2;

    // Kept when a test fails: the apps' logs are in it.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path workDir;
    private final HttpClient http = HttpClient.newHttpClient();
    private SecMirror sec;
    private Process app;
    private int apiPort;

    @AfterEach
    void stop() {
        if (app != null) {
            app.destroyForcibly();
        }
        if (sec != null) {
            sec.close();
        }
    }

    @Test
    void finishedJobsSurviveKillNine() throws Exception {
        sec = new SecMirror(Fixtures.secRoot(), 0).start();
        List<String> finished = new ArrayList<>();
        for (int run = 1; run <= CRASHES; run++) {
            start(run);
            List<String> jobs = List.of(submit("AAPL"), submit("NVDA"));
            for (String jobId : jobs) {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> "succeeded".equals(job(jobId).path("status").asText()));
            }
            finished.addAll(jobs);
            Thread.sleep(AFTER_LAST_JOB.toMillis());
            app.destroyForcibly().waitFor();
        }

        start(CRASHES + 1);
        for (String jobId : finished) {
            assertThat(job(jobId).path("status").asText()).as("job %s after %d crashes", jobId, CRASHES)
                    .isEqualTo("succeeded");
        }
        JsonNode newJob = JSON.readTree(post("{\"ticker\":\"AAPL\"}").body());
        assertThat(newJob.path("duplicate").asBoolean()).as("no job left running blocks the company").isFalse();
    }

    @Test
    void jobsCaughtByKillNineFinishAfterTheRestart() throws Exception {
        sec = new SecMirror(Fixtures.secRoot(), 0).start();
        start(1);
        List<String> jobs = List.of(submit("AAPL"), submit("NVDA"));
        // Wherever the kill lands (queued, mid-job, or the database's last second after the broker's ack), each job
        // must come back and finish.
        app.destroyForcibly().waitFor();

        start(2);
        for (String jobId : jobs) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(job(jobId).path("status").asText()).as("job %s; logs in %s", job(jobId), workDir)
                            .isEqualTo("succeeded"));
        }
    }

    private void start(int run) throws IOException {
        apiPort = TestApp.freePort();
        int brokerPort = TestApp.freePort();
        Path log = workDir.resolve("app-" + run + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.benchmarkos.ingest.cli.Cli", "serve",
                "-P", "benchmarkos.data-dir=" + workDir.resolve("data"),
                "-P", "camel.server.port=" + apiPort, "-P", "camel.management.port=" + TestApp.freePort(),
                "-P", "broker.port=" + brokerPort, "-P", "broker.stomp-port=" + TestApp.freePort(),
                "-P", "broker.url=tcp://127.0.0.1:" + brokerPort,
                "-P", "sec.www-base-url=" + sec.baseUrl(), "-P", "sec.data-base-url=" + sec.baseUrl(),
                "-P", "quotes.enabled=false", "-P", "jobs.refetch-after-minutes=0",
                "-P", "camel.main.routes-include-pattern=file:routes/*.yaml");
        app = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(app.isAlive()).as("app of run %d is running; its log: %s", run, log).isTrue();
            return Files.readString(log).contains("IngestApp - benchmarkos-ingest started");
        });
    }

    private String submit(String ticker) throws Exception {
        HttpResponse<String> response = post("{\"ticker\":\"" + ticker + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("jobId").asText();
    }

    private HttpResponse<String> post(String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/jobs"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode job(String jobId) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort
                + "/api/jobs/" + jobId)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
