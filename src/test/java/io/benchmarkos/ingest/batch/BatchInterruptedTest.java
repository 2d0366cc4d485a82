package io.benchmarkos.ingest.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import io.benchmarkos.ingest.tools.SecMirror;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.benchmarkos.ingest.batch.BatchSupport.awaitEnded;
import static io.benchmarkos.ingest.batch.BatchSupport.awaitSubmitted;
import static io.benchmarkos.ingest.batch.BatchSupport.startRun;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application stops while a run's jobs are queued; the next start reports the run as interrupted with the
 * counts its rows show and a report listing the unfinished jobs, which stay durable in the broker and run on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchInterruptedTest {

    private SecMirror sec;

    @BeforeAll
    void start() throws Exception {
        sec = new SecMirror(Fixtures.copyToTemp(), 0).start();
    }

    @AfterAll
    void stop() {
        sec.close();
    }

    @Test
    void aRunCutShortByAStopIsReportedInterruptedOnTheNextStartAndItsJobsRunOn() throws Exception {
        Path dataDir = Path.of("target", "test-data", "interrupted-" + UUID.randomUUID());
        Map<String, String> sameData = Map.of("benchmarkos.data-dir", dataDir.toString());
        String batchId;
        String imnnJob;
        try (TestApp first = TestApp.start(sec.baseUrl(), sameData)) {
            first.app().camel().getRouteController().suspendRoute("job-worker");
            batchId = startRun(first, "AAPL\nNVDA\nIMNN\n");
            awaitSubmitted(first, batchId);
            imnnJob = (String) BatchSupport.row(first, "SELECT job_id FROM batch_item WHERE batch_id = ?"
                    + " AND company = 'IMNN'", batchId).get("job_id");
            assertThat(BatchSupport.run(first, batchId)).containsEntry("status", "running");
        }

        try (TestApp second = TestApp.start(sec.baseUrl(), sameData)) {
            Map<String, Object> run = awaitEnded(second, batchId, Duration.ofSeconds(30));

            // Jobs may already be running again when the run is ended: whatever its rows show, nothing is lost.
            int succeeded = (int) run.get("succeeded");
            int failed = (int) run.get("failed");
            int unfinished = (int) run.get("unfinished");
            assertThat(run).containsEntry("status", "interrupted").containsEntry("total", 3)
                    .containsEntry("queued", 3);
            assertThat(succeeded + failed + unfinished).as("every company counted once").isEqualTo(3);
            assertThat(unfinished).as("the worker was suspended before the stop").isPositive();
            Path report = Path.of((String) run.get("report_path"));
            assertThat(report).exists().hasParent(dataDir.resolve("reports").toAbsolutePath());
            List<String> lines = Files.readAllLines(report);
            assertThat(lines).contains("status: interrupted", "companies: 3", "queued: 3", "succeeded: " + succeeded,
                    "failed: " + failed, "unfinished: " + unfinished);
            int section = lines.indexOf("unfinished when the run ended (queued jobs run on; see GET /api/jobs/{id}):");
            assertThat(section).isPositive();
            assertThat(lines.subList(section + 1, lines.size())).hasSize(unfinished)
                    .allSatisfy(l -> assertThat(l)
                            .matches("  (AAPL|NVDA|IMNN)( \\(CIK \\d+\\))? job [0-9a-f-]{36}: job (pending|running)"));

            // The jobs were durable in the broker: they run on after the restart, and the run stays as reported.
            assertThat(second.awaitFinished(imnnJob, Duration.ofSeconds(60))).containsEntry("status", "failed");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> second.count(
                    "SELECT COUNT(*) FROM ingest_job WHERE batch_id = ? AND status = 'succeeded'", batchId) == 2);
            assertThat(BatchSupport.run(second, batchId)).containsEntry("status", "interrupted")
                    .containsEntry("succeeded", succeeded).containsEntry("unfinished", unfinished);
            // The run's detail adds what its jobs did since: all three finished now.
            Map<String, Object> detail = second.app().bean("batchRuns", BatchRuns.class).find(batchId);
            assertThat(detail.get("jobsNow")).isEqualTo(Map.of("succeeded", 2, "failed", 1, "unfinished", 0));
            assertThat((List<?>) detail.get("unfinishedJobs")).isEmpty();
            // The run list, status and the metric agree with its jobs too; the run stays interrupted.
            JsonNode listed = BatchSupport.get(second, "/batches?limit=1").get(0);
            assertThat(listed.get("id").asText()).isEqualTo(batchId);
            assertThat(listed.get("status").asText()).isEqualTo("interrupted");
            assertThat(counts(listed)).isEqualTo(List.of(2, 1, 0));
            assertThat(counts(BatchSupport.get(second, "/status").get("lastBatch"))).isEqualTo(List.of(2, 1, 0));
            assertThat(metrics(second)).contains("benchmarkos_batch_companies{count=\"unfinished\"} 0.0",
                    "benchmarkos_batch_companies{count=\"succeeded\"} 2.0",
                    "benchmarkos_batch_last_run_status{status=\"interrupted\"} 1.0");
        }
    }

    private static List<Integer> counts(JsonNode run) {
        return List.of(run.get("succeeded").asInt(), run.get("failed").asInt(), run.get("unfinished").asInt());
    }

    private static String metrics(TestApp app) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.observeUrl() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void companiesARunHadNotSubmittedWhenItStoppedAreSubmittedByANewRunOnTheNextStart() throws Exception {
        Path dataDir = Path.of("target", "test-data", "interrupted-" + UUID.randomUUID());
        Map<String, String> sameData = Map.of("benchmarkos.data-dir", dataDir.toString());
        String batchId;
        try (TestApp first = TestApp.start(sec.baseUrl(), sameData)) {
            // The stop comes before the run has queued any company of its list.
            first.app().camel().getRouteController().stopRoute("batch-submit");
            batchId = startRun(first, "AAPL\nNVDA\nIMNN\n");
        }

        try (TestApp second = TestApp.start(sec.baseUrl(), sameData)) {
            Map<String, Object> interrupted = awaitEnded(second, batchId, Duration.ofSeconds(30));
            assertThat(interrupted).containsEntry("status", "interrupted").containsEntry("queued", 0)
                    .containsEntry("unfinished", 3);

            Map<String, Object> resumed = BatchSupport.row(second, "SELECT * FROM batch_run WHERE triggered_by ="
                    + " 'resume'");
            assertThat(resumed).containsEntry("total", 3)
                    .containsEntry("coverage_list", "not submitted by interrupted run " + batchId);
            Map<String, Object> run = awaitEnded(second, (String) resumed.get("id"), Duration.ofSeconds(60));
            assertThat(run).containsEntry("status", "completed").containsEntry("queued", 3)
                    .containsEntry("succeeded", 2).containsEntry("failed", 1);
            assertThat(second.count(Fixtures.STORED_FACTS + " WHERE cik = ?", Fixtures.NVIDIA)).isPositive();
            // The interrupted run no longer shows them as unfinished: it names the run that took them over.
            Map<String, Object> detail = second.app().bean("batchRuns", BatchRuns.class).find(batchId);
            assertThat(detail.get("jobsNow")).isEqualTo(Map.of("succeeded", 0, "failed", 0, "unfinished", 0));
            assertThat((List<?>) detail.get("unfinishedJobs")).isEmpty();
            assertThat(detail.get("resumed")).isEqualTo(Map.of("companies", 3,
                    "by", "submitted by batch run " + resumed.get("id")));
        }
    }
}
