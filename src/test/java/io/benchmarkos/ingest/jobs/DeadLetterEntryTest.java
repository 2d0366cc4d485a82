package io.benchmarkos.ingest.jobs;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job that fails unexpectedly on its last attempt leaves a dead-letter entry someone can act on: the work message
 * (its job id) with the reason, not the SEC document the failed stage was holding.
 */
class DeadLetterEntryTest {

    @Test
    void theEntryOfAJobThatFailedAfterItsDownloadIsItsWorkMessage() throws Exception {
        try (TestApp app = TestApp.serving(Fixtures.copyToTemp(), Map.of("jobs.max-attempts", "1"))) {
            // The KPI table gone: the metrics step fails after the companyfacts document was fetched and stored.
            app.execute("ALTER TABLE kpi_value RENAME TO kpi_value_away");
            String jobId = app.submitTicker("AAPL");
            Map<String, Object> job = app.awaitFinished(jobId);
            assertThat(job).containsEntry("status", "failed");

            Exchange dead = app.app().camel().createConsumerTemplate().receive("jms:queue:ingest.dead-letter", 10_000);
            assertThat(dead).isNotNull();
            assertThat(dead.getMessage().getBody(String.class)).isEqualTo(jobId);
            assertThat(dead.getMessage().getHeader("jobId", String.class)).isEqualTo(jobId);
            assertThat(dead.getMessage().getHeader("deadLetterReason", String.class))
                    .contains("KPI_VALUE").contains("after 1 deliveries");
            assertThat(dead.getMessage().getHeaders()).as("none of SEC's HTTP headers")
                    .doesNotContainKeys("Content-Length", "Content-Type", "Server", "Date");
        }
    }
}
