package io.benchmarkos.ingest.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.benchmarkos.ingest.batch.BatchSupport.awaitEnded;
import static io.benchmarkos.ingest.batch.BatchSupport.awaitSubmitted;
import static io.benchmarkos.ingest.batch.BatchSupport.row;
import static io.benchmarkos.ingest.batch.BatchSupport.startRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SEC down in the middle of the nightly run: the run's jobs wait and are tried again, instead of every company
 * after the outage failing until the next night. A job someone asked for fails with the reason, as before.
 */
class BatchSecOutageTest {

    private static final String FACTS = "/api/xbrl/companyfacts/CIK0000320193.json";
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    private WireMockServer sec;
    private TestApp app;

    @BeforeEach
    void startSec() {
        sec = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true));
        sec.start();
        sec.stubFor(get(urlEqualTo("/files/company_tickers.json"))
                .willReturn(json(Fixtures.read("files/company_tickers.json"))));
        sec.stubFor(get(urlEqualTo("/submissions/CIK0000320193.json"))
                .willReturn(json(Fixtures.read("submissions/CIK0000320193.json"))));
        sec.stubFor(get(urlEqualTo("/submissions/CIK0000320193-submissions-001.json"))
                .willReturn(aResponse().withStatus(404)));
        sec.stubFor(get(urlEqualTo(FACTS)).willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        sec.stop();
    }

    @Test
    void aNightlyJobWaitsForSecAndLoadsOnceItIsBack() throws Exception {
        app = TestApp.start(sec.baseUrl(), Map.of("batch.sec-retry-after-seconds", "2"));
        String batchId = startRun(app, "AAPL\n");
        String jobId = waitingForSec(batchId);
        Map<String, Object> waiting = app.jobs().find(jobId).orElseThrow();
        assertThat((String) waiting.get("reason")).startsWith("SEC request failed after 5 HTTP attempts: ")
                .contains("HTTP 503");
        assertThat(waiting.get("retry_at")).isNotNull();
        assertThat(BatchSupport.run(app, batchId)).containsEntry("status", "running");
        assertThat(BatchSupport.get(app, "/status").at("/jobs/waiting_for_sec").asLong()).isEqualTo(1);
        assertThat(BatchSupport.get(app, "/batches/" + batchId).path("unfinishedJobs").get(0).path("reason").asText())
                .startsWith("job pending, waiting for SEC until ").contains(" (SEC request failed after 5 HTTP");
        assertThat(scrape(app)).contains("benchmarkos_jobs_waiting_for_sec{status=\"pending\"} 1.0");
        sec.stubFor(get(urlEqualTo(FACTS)).willReturn(json(Fixtures.read(Fixtures.companyFacts(Fixtures.APPLE)))));

        Map<String, Object> run = awaitEnded(app, batchId, RUN_TIMEOUT);

        assertThat(run).containsEntry("status", "completed").containsEntry("succeeded", 1).containsEntry("failed", 0);
        Map<String, Object> job = app.jobs().find(jobId).orElseThrow();
        assertThat(job).containsEntry("status", "succeeded").containsEntry("sec_retries", 1)
                .containsEntry("attempts", 2).containsEntry("reason", null).containsEntry("retry_at", null);
        assertThat((List<?>) job.get("warnings")).anySatisfy(w -> assertThat((String) w).startsWith(
                "tried again after waiting for SEC (1 time(s)); the last try: SEC request failed after 5 HTTP"));
        assertThat(app.count(Fixtures.STORED_FACTS)).isPositive();
    }

    @Test
    void someoneAskingForAWaitingNightlyJobRunsItNowNotAtItsRetryTime() throws Exception {
        app = TestApp.start(sec.baseUrl(), Map.of("batch.sec-retry-after-seconds", "600"));
        String batchId = startRun(app, "AAPL\n");
        String jobId = waitingForSec(batchId);
        sec.stubFor(get(urlEqualTo(FACTS)).willReturn(json(Fixtures.read(Fixtures.companyFacts(Fixtures.APPLE)))));

        JsonNode ticket = app.submit("{\"ticker\":\"AAPL\"}");

        assertThat(ticket.path("jobId").asText()).isEqualTo(jobId);
        assertThat(ticket.path("priority").asInt()).isEqualTo(7);
        assertThat(app.awaitFinished(jobId, Duration.ofSeconds(30))).containsEntry("status", "succeeded");
        assertThat(awaitEnded(app, batchId, RUN_TIMEOUT)).containsEntry("succeeded", 1);
    }

    @Test
    void aNightlyJobFailsOnceItHasWaitedAsOftenAsAllowed() throws Exception {
        app = TestApp.start(sec.baseUrl(), Map.of("batch.sec-retry-after-seconds", "1", "batch.sec-retries", "2"));
        String batchId = startRun(app, "AAPL\n");

        Map<String, Object> run = awaitEnded(app, batchId, RUN_TIMEOUT);

        assertThat(run).containsEntry("status", "completed").containsEntry("failed", 1);
        Map<String, Object> job = app.jobs().find((String) row(app, "SELECT job_id FROM batch_item WHERE"
                + " batch_id = ?", batchId).get("job_id")).orElseThrow();
        assertThat(job).containsEntry("status", "failed").containsEntry("sec_retries", 2).containsEntry("attempts", 3);
        assertThat((String) job.get("reason")).startsWith("SEC request failed after 5 HTTP attempts: ")
                .endsWith(" (tried 3 times, 1 s apart)");
    }

    @Test
    void aJobSomeoneAskedForDoesNotWait() {
        app = TestApp.start(sec.baseUrl(), Map.of("batch.sec-retry-after-seconds", "1"));

        Map<String, Object> job = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(job).containsEntry("status", "failed").containsEntry("sec_retries", 0);
        assertThat((String) job.get("reason")).startsWith("SEC request failed after 5 HTTP attempts: ")
                .doesNotContain("tried");
    }

    /** The run's one job, once SEC has failed it the first time and it waits to be tried again. */
    private String waitingForSec(String batchId) {
        awaitSubmitted(app, batchId);
        String jobId = (String) row(app, "SELECT job_id FROM batch_item WHERE batch_id = ?", batchId).get("job_id");
        await().atMost(RUN_TIMEOUT).until(() -> app.count("SELECT COUNT(*) FROM ingest_job WHERE id = ?"
                + " AND status = 'pending' AND sec_retries = 1", jobId) == 1);
        return jobId;
    }

    private static String scrape(TestApp app) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.observeUrl() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static ResponseDefinitionBuilder json(byte[] body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
