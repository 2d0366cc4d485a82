package io.benchmarkos.ingest.jobs;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A chatbot question is not kept waiting by slow nightly downloads: a worker is kept for on-demand jobs, and it
 * leaves batch jobs to the others.
 */
class OnDemandWorkerTest {

    private static final long STALL_MS = 10_000;

    @Test
    void anOnDemandJobRunsWhileSlowBatchDownloadsHoldEveryOtherWorker() throws Exception {
        try (TestApp app = TestApp.serving(Fixtures.copyToTemp())) {
            assertThat(app.app().property("jobs.concurrency")).isEqualTo("2");
            app.mirror().slowDown("companyfacts/CIK0001045810", STALL_MS);
            app.mirror().slowDown("submissions/CIK0000749647", STALL_MS);
            String nvidia = app.submit("{\"ticker\":\"NVDA\",\"mode\":\"batch\"}").path("jobId").asText();
            String immunome = app.submit("{\"cik\":749647,\"mode\":\"batch\"}").path("jobId").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> running(app, nvidia) && running(app, immunome));
            String queuedBatch = app.submit("{\"cik\":900001,\"mode\":\"batch\"}").path("jobId").asText();

            long asked = System.nanoTime();
            Map<String, Object> apple = app.awaitFinished(app.submitTicker("AAPL"), Duration.ofSeconds(30));
            long tookMs = (System.nanoTime() - asked) / 1_000_000;

            assertThat(apple).containsEntry("status", "succeeded");
            assertThat(tookMs).as("the on-demand job did not wait for the stalled downloads").isLessThan(STALL_MS);
            assertThat(running(app, nvidia) && running(app, immunome)).as("both batch jobs still downloading")
                    .isTrue();
            assertThat(app.jobs().find(queuedBatch).orElseThrow()).as("the kept worker takes no batch job")
                    .containsEntry("status", "pending");

            for (String batchJob : new String[] {nvidia, immunome, queuedBatch}) {
                app.awaitFinished(batchJob, Duration.ofSeconds(30));
            }
        }
    }

    @Test
    void noWorkerIsKeptWhenNoneIsConfigured() throws Exception {
        try (TestApp app = TestApp.serving(Fixtures.copyToTemp(), Map.of("jobs.on-demand-workers", "0"))) {
            assertThat(app.app().camel().getRoute("job-worker-on-demand")).isNull();
            assertThat(app.app().camel().getRoute("job-worker")).isNotNull();
            assertThat(app.awaitFinished(app.submitTicker("NVDA"))).containsEntry("status", "succeeded");
        }
    }

    private static boolean running(TestApp app, String jobId) throws Exception {
        return "running".equals(app.jobs().find(jobId).orElseThrow().get("status"));
    }
}
