package io.benchmarkos.ingest.jobs;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facts of a job are committed before its metrics are computed. When the metrics step fails, the company is not
 * "loaded": the next job computes its metrics instead of skipping it as loaded moments ago, which left the chatbot
 * answering "fetching" for every ask until jobs.refetch-after-minutes ran out.
 */
class MetricsAfterFailureTest {

    @Test
    void aCompanyWhoseMetricsStepFailedGetsItsMetricsFromTheNextJob() throws Exception {
        try (TestApp app = TestApp.serving(Fixtures.copyToTemp(), Map.of("jobs.max-attempts", "1",
                "jobs.refetch-after-minutes", "15"))) {
            app.execute("ALTER TABLE kpi_value RENAME TO kpi_value_away");
            assertThat(app.awaitFinished(app.submitTicker("AAPL"))).containsEntry("status", "failed");
            app.execute("ALTER TABLE kpi_value_away RENAME TO kpi_value");
            assertThat(app.count("SELECT COUNT(*) FROM company WHERE cik = 320193 AND facts_loaded_at IS NOT NULL"))
                    .as("the facts were committed before the metrics step failed").isEqualTo(1);

            Map<String, Object> second = app.awaitFinished(app.submitTicker("AAPL"));

            assertThat(second).containsEntry("status", "succeeded");
            assertThat(String.valueOf(second.get("warnings"))).doesNotContain("not fetched again");
            assertThat(app.count("SELECT COUNT(*) FROM kpi_value WHERE cik = 320193")).isPositive();
            assertThat(app.count("SELECT COUNT(*) FROM line_item_value WHERE cik = 320193")).isPositive();

            Map<String, Object> third = app.awaitFinished(app.submitTicker("AAPL"));
            assertThat(String.valueOf(third.get("warnings"))).as("now it is loaded, with its metrics")
                    .contains("not fetched again");
        }
    }
}
