package io.benchmarkos.ingest.jobs;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With jobs.refetch-after-minutes set, a job for a company loaded within that window ends at once, without asking
 * SEC; once the window has passed, the company is fetched again.
 */
class RefetchWindowTest {

    @Test
    void aCompanyIsFetchedAgainOnlyOnceItsLoadIsOlderThanTheWindow() throws Exception {
        try (TestApp app = TestApp.serving(Fixtures.copyToTemp(), Map.of("jobs.refetch-after-minutes", "15"))) {
            assertThat(app.awaitFinished(app.submitTicker("AAPL"))).containsEntry("status", "succeeded");
            assertThat(companyFactsRequests(app)).isEqualTo(1);

            Map<String, Object> withinWindow = app.awaitFinished(app.submitTicker("AAPL"));
            assertThat(withinWindow).containsEntry("status", "succeeded").containsEntry("company_name", "Apple Inc.");
            assertThat(String.valueOf(withinWindow.get("warnings"))).contains("not fetched again");
            assertThat(companyFactsRequests(app)).isEqualTo(1);
            // By CIK it ends before reading submissions as well, and still names the company by its ticker.
            Map<String, Object> byCik = app.awaitFinished(app.submit("{\"cik\":320193}").get("jobId").asText());
            assertThat(byCik).containsEntry("status", "succeeded").containsEntry("ticker", "AAPL")
                    .containsEntry("company_name", "Apple Inc.");
            assertThat(String.valueOf(byCik.get("warnings"))).contains("not fetched again");

            app.execute("UPDATE company SET facts_loaded_at = DATEADD('MINUTE', -30, facts_loaded_at),"
                    + " metrics_computed_at = DATEADD('MINUTE', -30, metrics_computed_at) WHERE cik = 320193");
            Map<String, Object> afterWindow = app.awaitFinished(app.submitTicker("AAPL"));

            assertThat(afterWindow).containsEntry("status", "succeeded");
            assertThat(String.valueOf(afterWindow.get("warnings"))).doesNotContain("not fetched again");
            assertThat(companyFactsRequests(app)).isEqualTo(2);
        }
    }

    private static long companyFactsRequests(TestApp app) {
        return app.mirror().requests().stream().filter(r -> r.path().contains("/companyfacts/")).count();
    }
}
