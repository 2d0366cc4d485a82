package io.benchmarkos.ingest.jobs;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One company asked for by ticker and by CIK at once, before the ticker map is loaded: the two jobs are not known to
 * be one company and may run side by side. Both must succeed on their first broker delivery (a collision of their
 * fact writes is loaded again inside the job), and the company's facts must be stored once.
 */
class ConcurrentJobsTest {

    @Test
    void aTickersJobAndItsCiksJobRunningTogetherBothSucceedAndStoreEachFactOnce() throws Exception {
        long separately;
        try (TestApp app = TestApp.serving(Fixtures.copyToTemp())) {
            app.awaitFinished(app.submitTicker("NVDA"));
            separately = app.count("SELECT COUNT(*) FROM fact");
        }
        try (TestApp app = TestApp.serving(Fixtures.copyToTemp())) {
            String byTicker = app.submitTicker("NVDA");
            String byCik = app.submit("{\"cik\":\"1045810\"}").get("jobId").asText();
            assertThat(byCik).as("not known to be the same company yet").isNotEqualTo(byTicker);

            for (String jobId : new String[] {byTicker, byCik}) {
                assertThat(app.awaitFinished(jobId)).containsEntry("status", "succeeded")
                        .containsEntry("attempts", 1);
            }
            assertThat(app.count("SELECT COUNT(*) FROM fact")).isEqualTo(separately);
        }
    }
}
