package io.benchmarkos.ingest.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.LoggedLines;
import io.benchmarkos.ingest.support.TestApp;
import io.benchmarkos.ingest.tools.SecMirror;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.benchmarkos.ingest.batch.BatchSupport.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The configured coverage list is missing: start-up warns, and each scheduled or requested run over it is recorded
 * as failed with the reason, so the run list, status and metrics show the night's failure instead of the last run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchListMissingTest {

    private SecMirror sec;
    private TestApp app;
    private LoggedLines warnings;
    private Path missing;

    @BeforeAll
    void startWithAMissingList() throws Exception {
        sec = new SecMirror(Fixtures.copyToTemp(), 0).start();
        missing = Path.of("target", "no-such-" + UUID.randomUUID() + ".txt").toAbsolutePath();
        warnings = LoggedLines.atLeast(Level.WARN);
        app = TestApp.start(sec.baseUrl(), Map.of("batch.coverage-list", missing.toString(),
                "batch.cron", "0/1 * * * * ?"));
    }

    @AfterAll
    void stop() {
        warnings.close();
        app.close();
        sec.close();
    }

    @Test
    void startUpWarnsAndTheScheduledRunIsRecordedFailedWithTheReason() throws Exception {
        assertThat(warnings.lines()).anySatisfy(line -> assertThat(line)
                .contains("batch.coverage-list", missing.toString(), "scheduled batch run"));

        await().atMost(Duration.ofSeconds(10)).until(() -> app.count(
                "SELECT COUNT(*) FROM batch_run WHERE triggered_by = 'schedule'") > 1);
        app.app().camel().getRouteController().stopRoute("batch-schedule");
        Map<String, Object> run = row(app, "SELECT * FROM batch_run WHERE triggered_by = 'schedule'"
                + " ORDER BY started_at");
        assertThat(run).containsEntry("status", "failed").containsEntry("total", 0)
                .containsEntry("coverage_list", missing.toString());
        assertThat(run.get("finished_at")).isNotNull();
        assertThat((String) run.get("reason")).contains("no coverage list at " + missing, "batch.coverage-list");

        // One line a fire that says what to do, none of them an error with Quartz's stack trace.
        List<String> lines = warnings.lines();
        assertThat(lines).noneMatch(l -> l.contains("CamelJob") || l.contains("Error processing exchange"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("io.benchmarkos.ingest.batch: Scheduled batch run")
                .contains(missing.toString(), "batch.coverage-list"));

        JsonNode latest = BatchSupport.get(app, "/batches?limit=1").get(0);
        assertThat(latest.get("status").asText()).isEqualTo("failed");
        assertThat(latest.get("reason").asText()).contains("no coverage list at " + missing);
        JsonNode status = BatchSupport.get(app, "/status").get("lastBatch");
        assertThat(status.get("status").asText()).isEqualTo("failed");
        assertThat(status.get("reason").asText()).contains("no coverage list at " + missing);

        String metrics = metrics();
        assertThat(metrics).contains("benchmarkos_batch_last_run_status{status=\"failed\"} 1.0",
                "benchmarkos_batch_last_run_status{status=\"completed\"} 0.0");
        Object latestStart = row(app, "SELECT MAX(started_at) AS s FROM batch_run").get("s");
        long started = (latestStart instanceof OffsetDateTime odt ? odt.toInstant()
                : ((Timestamp) latestStart).toInstant()).getEpochSecond();
        assertThat(metrics).containsPattern("(?m)^benchmarkos_batch_last_run_start_time_seconds \\S+$")
                .containsPattern("(?m)^benchmarkos_batch_last_run_end_time_seconds \\S+$");
        assertThat(gauge(metrics, "benchmarkos_batch_last_run_start_time_seconds")).isCloseTo(started,
                org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void aRequestedRunOverTheMissingListIsRecordedFailedAndRefused() throws Exception {
        String answer = BatchSupport.send(app, "POST", "/batches", "");
        assertThat(answer).startsWith("500 batch run ").contains("failed: no coverage list at " + missing);
        Map<String, Object> run = row(app, "SELECT * FROM batch_run WHERE triggered_by = 'api'");
        assertThat(run).containsEntry("status", "failed");
        assertThat(answer).contains((String) run.get("id"));
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.observeUrl() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double gauge(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(
                l.substring(name.length() + 1))).findFirst().orElseThrow();
    }
}
