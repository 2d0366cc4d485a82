package io.benchmarkos.ingest.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import io.benchmarkos.ingest.tools.SecMirror;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.benchmarkos.ingest.batch.BatchSupport.awaitEnded;
import static io.benchmarkos.ingest.batch.BatchSupport.awaitSubmitted;
import static io.benchmarkos.ingest.batch.BatchSupport.row;
import static io.benchmarkos.ingest.batch.BatchSupport.run;
import static io.benchmarkos.ingest.batch.BatchSupport.startRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batch runs through the real routes, broker and H2 against a local SEC mirror of the fixtures: AAPL and NVDA load;
 * IMNN and CIK 350001 have no companyfacts; BRK-B has no submissions. Each test gets a fresh application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchRunTest {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    private SecMirror sec;
    private TestApp app;
    private Path reports;

    @BeforeAll
    void startSec() throws Exception {
        sec = new SecMirror(Fixtures.copyToTemp(), 0).start();
    }

    @AfterAll
    void stopSec() {
        sec.close();
    }

    @BeforeEach
    void startApp() throws Exception {
        reports = Files.createTempDirectory(Path.of("target"), "batch-reports-");
        app = TestApp.start(sec.baseUrl(), Map.of("batch.report-dir", reports.toString()));
    }

    @AfterEach
    void stopApp() {
        app.close();
    }

    @Test
    void aRunCountsEveryCompanyAndReportsEachFailureWithItsReason() throws Exception {
        String batchId = startRun(app, """
                # a small coverage list
                AAPL
                NVDA      # has companyfacts

                IMNN      # no companyfacts
                brk.b     # no submissions
                350001
                not a ticker!
                aapl      # listed twice: fetched once
                """);

        Map<String, Object> run = awaitEnded(app, batchId, RUN_TIMEOUT);

        assertThat(run).containsEntry("status", "completed").containsEntry("triggered_by", "api")
                .containsEntry("total", 7).containsEntry("queued", 5).containsEntry("already_queued", 0)
                .containsEntry("skipped", 1).containsEntry("succeeded", 2).containsEntry("failed", 4)
                .containsEntry("unfinished", 0);
        assertThat(run.get("finished_at")).isNotNull();
        assertThat(app.count("SELECT COUNT(*) FROM ingest_job WHERE batch_id = ? AND priority = 2", batchId))
                .as("batch jobs carry the batch id and batch priority").isEqualTo(5);
        assertThat(app.count(Fixtures.STORED_FACTS + " WHERE cik = ?", Fixtures.APPLE)).isPositive();
        assertThat(app.count(Fixtures.STORED_FACTS + " WHERE cik = ?", Fixtures.NVIDIA)).isPositive();

        JsonNode api = BatchSupport.get(app, "/batches/" + batchId);
        List<String> failures = new ArrayList<>();
        api.get("failures").forEach(f -> failures.add(f.get("company").asText() + " | " + f.get("reason").asText()));
        assertThat(failures).hasSize(4);
        assertThat(failures.get(0)).startsWith("IMNN (CIK 749647) | SEC publishes no XBRL financial data");
        assertThat(failures.get(1)).startsWith("brk.b (CIK 1067983) | SEC has no submissions document for BRK-B");
        assertThat(failures.get(2)).startsWith("350001 | SEC publishes no XBRL financial data");
        assertThat(failures.get(3)).startsWith("not a ticker! | not a ticker: 'not a ticker!'");

        Path report = Path.of((String) run.get("report_path"));
        assertThat(report).exists().hasParent(reports.toAbsolutePath());
        List<String> lines = Files.readAllLines(report);
        assertThat(lines).contains("batch run " + batchId, "status: completed", "companies: 7", "queued: 5",
                "already queued: 0", "skipped (fresh, or listed twice): 1", "succeeded: 2", "failed: 4",
                "unfinished: 0", "failures:", "  aapl: the same company as AAPL, listed before it");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  IMNN (CIK 749647) job ")
                .contains(": SEC publishes no XBRL financial data"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  brk.b (CIK 1067983) job ")
                .contains(": SEC has no submissions document for BRK-B"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  350001 job "));
        assertThat(lines).contains("  not a ticker!: not a ticker: 'not a ticker!' (letters, digits, '.' or '-',"
                + " at most 15 characters)");
        assertThat(lines).noneMatch(l -> l.contains("NVDA"));
    }

    @Test
    void companiesADatabaseFailureKeptFromTheQueueAreQueuedOnceItIsOver() throws Exception {
        // An app whose batch watch looks every half second; queuing a job fails while active_job is gone.
        try (TestApp quick = TestApp.start(sec.baseUrl(), Map.of("batch.report-dir", reports.toString(),
                "batch.check-period-ms", "500"))) {
            quick.execute("ALTER TABLE active_job RENAME TO active_job_away");
            String batchId = startRun(quick, "AAPL\nNVDA\n");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> quick.count(
                    "SELECT COUNT(*) FROM batch_item WHERE batch_id = ? AND disposition = 'pending'", batchId) == 2);
            assertThat(run(quick, batchId)).containsEntry("status", "running");

            quick.execute("ALTER TABLE active_job_away RENAME TO active_job");

            Map<String, Object> ended = awaitEnded(quick, batchId, RUN_TIMEOUT);
            assertThat(ended).containsEntry("status", "completed").containsEntry("succeeded", 2)
                    .containsEntry("failed", 0);
            assertThat(quick.count("SELECT COUNT(*) FROM batch_item WHERE batch_id = ? AND disposition = 'queued'",
                    batchId)).isEqualTo(2);
        }
    }

    @Test
    void aSecondRunSkipsCompaniesWhoseFactsAreFresh() {
        String first = startRunQuietly("AAPL\nIMNN\n");
        assertThat(awaitEnded(app, first, RUN_TIMEOUT)).containsEntry("succeeded", 1).containsEntry("failed", 1)
                .containsEntry("skipped", 0);

        String second = startRunQuietly("AAPL\nIMNN\n");
        Map<String, Object> run = awaitEnded(app, second, RUN_TIMEOUT);

        assertThat(run).containsEntry("status", "completed").containsEntry("total", 2).containsEntry("skipped", 1)
                .containsEntry("queued", 1).containsEntry("succeeded", 0).containsEntry("failed", 1);
        assertThat(row(app, "SELECT disposition, job_id, reason FROM batch_item WHERE batch_id = ? AND company = ?",
                second, "AAPL")).containsEntry("disposition", "skipped").containsEntry("job_id", null)
                .hasEntrySatisfying("reason", r -> assertThat((String) r).contains("within batch.fresh-for-hours=12"));
        assertThat(app.count("SELECT COUNT(*) FROM ingest_job WHERE ticker = 'AAPL'")).isEqualTo(1);
        List<String> report = readReport(run);
        assertThat(report).contains("skipped (fresh, or listed twice): 1", "not fetched (fresh, or listed twice):");
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("  AAPL: facts loaded ")
                .endsWith(", within batch.fresh-for-hours=12"));
    }

    private static List<String> readReport(Map<String, Object> run) {
        try {
            return Files.readAllLines(Path.of((String) run.get("report_path")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aCompanyAlreadyQueuedIsNotQueuedTwiceButItsJobCountsForTheRun() throws Exception {
        // A first job caches SEC's ticker map, as in any running system, so IMNN has one job key (its CIK).
        app.awaitFinished(app.submitTicker("IMNN"));
        app.suspendWorkers();
        String onDemand;
        String batchId;
        try {
            onDemand = app.submitTicker("IMNN");
            batchId = startRun(app, "IMNN\nNVDA\n");
            awaitSubmitted(app, batchId);

            assertThat(row(app, "SELECT disposition, job_id FROM batch_item WHERE batch_id = ? AND company = 'IMNN'",
                    batchId)).containsEntry("disposition", "already-queued").containsEntry("job_id", onDemand);
            assertThat(app.count("SELECT COUNT(*) FROM ingest_job WHERE ticker = 'IMNN' AND status = 'pending'"))
                    .isEqualTo(1);
            assertThat(BatchSupport.run(app, batchId)).containsEntry("status", "running");
        } finally {
            app.resumeWorkers();
        }

        Map<String, Object> run = awaitEnded(app, batchId, RUN_TIMEOUT);

        assertThat(run).containsEntry("status", "completed").containsEntry("queued", 1)
                .containsEntry("already_queued", 1).containsEntry("succeeded", 1).containsEntry("failed", 1);
        assertThat(Files.readAllLines(Path.of((String) run.get("report_path"))))
                .anySatisfy(l -> assertThat(l).startsWith("  IMNN (CIK 749647) job " + onDemand + ": "));
    }

    @Test
    void aCompanyListedByTickerAndByCikIsFetchedOnceAndItsLaterLinesAreSkipped() throws Exception {
        // A first job caches SEC's ticker map, as in any running system, so NVDA resolves to its CIK.
        app.awaitFinished(app.submitTicker("IMNN"));
        String batchId = startRun(app, "NVDA\n1045810\nIMNN\n0000749647\nimnn\n");

        Map<String, Object> run = awaitEnded(app, batchId, RUN_TIMEOUT);

        assertThat(run).containsEntry("status", "completed").containsEntry("total", 5).containsEntry("queued", 2)
                .containsEntry("skipped", 3).containsEntry("succeeded", 1).containsEntry("failed", 1);
        assertThat(row(app, "SELECT disposition, reason FROM batch_item WHERE batch_id = ? AND company = '1045810'",
                batchId)).containsEntry("disposition", "duplicate")
                .containsEntry("reason", "the same company as NVDA, listed before it");
        assertThat(app.count("SELECT COUNT(*) FROM ingest_job WHERE batch_id = ?", batchId)).isEqualTo(2);
        assertThat(BatchSupport.get(app, "/batches/" + batchId).get("failures")).hasSize(1);
        assertThat(readReport(run)).contains("companies: 5", "  1045810: the same company as NVDA, listed before it",
                "  0000749647: the same company as IMNN, listed before it",
                "  imnn: the same company as IMNN, listed before it");
    }

    @Test
    void aRunIsNotStartedWhileAnotherIsRunning() throws Exception {
        app.suspendWorkers();
        String running;
        try {
            running = startRun(app, "NVDA\n");
            awaitSubmitted(app, running);

            BatchRuns runs = app.app().bean("batchRuns", BatchRuns.class);
            runs.progress(running);
            assertThat(runs.progress(running).changed()).as("nothing moved: no progress line to log").isFalse();

            assertThat(BatchSupport.send(app, "POST", "/batches", "AAPL\n")).startsWith("409 batch run " + running
                    + " (api, 1 companies) is still running since ");
            assertThat(app.count("SELECT COUNT(*) FROM batch_run")).isEqualTo(1);
        } finally {
            app.resumeWorkers();
        }
        awaitEnded(app, running, RUN_TIMEOUT);
        assertThat(startRun(app, "AAPL\n")).as("once it has ended, a run starts").isNotEqualTo(running);
    }

    @Test
    void theScheduleRunsTheConfiguredCoverageList() throws Exception {
        app.close();
        Path list = Files.createTempFile(Path.of("target"), "coverage-", ".txt");
        Files.writeString(list, "# nightly\nNVDA\n");
        app = TestApp.start(sec.baseUrl(), Map.of("batch.report-dir", reports.toString(),
                "batch.coverage-list", list.toString(), "batch.cron", "0/1 * * * * ?"));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                app.count("SELECT COUNT(*) FROM batch_run WHERE triggered_by = 'schedule'") > 0);
        app.app().camel().getRouteController().stopRoute("batch-schedule");

        Map<String, Object> run = row(app, "SELECT * FROM batch_run WHERE triggered_by = 'schedule'"
                + " ORDER BY started_at");
        assertThat(run).containsEntry("total", 1)
                .containsEntry("coverage_list", list.toAbsolutePath().toString());
        assertThat(row(app, "SELECT company FROM batch_item WHERE batch_id = ?", run.get("id")))
                .containsEntry("company", "NVDA");
    }

    @Test
    void theApiListsRunsAndRefusesUnknownRunsAndEmptyLists() throws Exception {
        String batchId = startRun(app, "IMNN\n");
        awaitEnded(app, batchId, RUN_TIMEOUT);

        JsonNode runs = BatchSupport.get(app, "/batches?limit=5");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("id").asText()).isEqualTo(batchId);
        assertThat(runs.get(0).get("status").asText()).isEqualTo("completed");
        for (String limit : new String[] {"0", "-1", "101", "ten"}) {
            assertThat(BatchSupport.send(app, "GET", "/batches?limit=" + limit, null)).as("limit=%s", limit)
                    .isEqualTo("400 limit must be a whole number from 1 to 100");
        }
        assertThat(BatchSupport.send(app, "GET", "/batches/no-such-run", null))
                .isEqualTo("404 no batch run no-such-run");
        assertThat(BatchSupport.send(app, "POST", "/batches", "# only a comment\n"))
                .isEqualTo("400 the coverage list (sent with the request) names no company");
        assertThat(BatchSupport.send(app, "POST", "/batches?listName=%2Fhome%2Fme%2Fnight.txt", "# only a comment\n"))
                .isEqualTo("400 the coverage list night.txt (sent with the request) names no company");
        // Named but empty: a list was meant to be sent, so the configured one is not run in its place.
        assertThat(BatchSupport.send(app, "POST", "/batches?listName=night.txt", ""))
                .isEqualTo("400 the coverage list night.txt (sent with the request) names no company");
        assertThat(BatchSupport.send(app, "POST", "/batches", "{\"tickers\":[\"AAPL\"]}"))
                .startsWith("400 the coverage list (sent with the request) names no company: none of its 1 lines"
                        + " is a ticker or CIK (not a ticker: '{\"tickers\":[\"AAPL\"]}'");
        assertThat(BatchSupport.send(app, "POST", "/batches", "A$PL\n0\n"))
                .startsWith("400 the coverage list (sent with the request) names no company: none of its 2 lines");
    }

    private String startRunQuietly(String list) {
        try {
            return startRun(app, list);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
