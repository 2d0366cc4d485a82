package io.benchmarkos.ingest.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job by CIK reads the company's tickers from its submissions: the API and ask find the company by any of them,
 * without SEC's ticker map, and the job is named by the first of them rather than by an older cached map.
 */
class JobByCikTickerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCompanyLoadedByCikAloneIsFoundByEveryTickerItsSubmissionsList() throws Exception {
        try (TestApp app = TestApp.serving(appleWithASecondClass())) {
            Map<String, Object> job = app.awaitFinished(app.submit("{\"cik\":320193}").get("jobId").asText());
            assertThat(job).containsEntry("status", "succeeded");
            assertThat(app.count("SELECT COUNT(*) FROM ticker_map")).as("a job by CIK caches no map").isZero();

            for (String ticker : new String[] {"AAPL", "AAPL-B", "aapl.b"}) {
                assertThat(get(app, "/companies/" + ticker + "/facts?limit=1").statusCode()).as(ticker)
                        .isEqualTo(200);
                JsonNode answer = app.ask("metrics for " + ticker + " phase 1");
                assertThat(answer.path("status").asText()).as(ticker).isEqualTo("ready");
                assertThat(answer.path("cik").asLong()).as(ticker).isEqualTo(Fixtures.APPLE);
            }
            HttpResponse<String> unknown = get(app, "/companies/AAPL-C/facts");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(unknown.body()).path("error").asText()).startsWith("no company loaded for AAPL-C"
                    + " (SEC's ticker map is not cached yet");
        }
    }

    @Test
    void aJobByCikIsNamedByItsSubmissionsRatherThanAnOlderCachedMap() throws Exception {
        try (TestApp app = TestApp.serving(Fixtures.copyToTemp())) {
            // A map cached before the company changed its ticker (FB before META); only jobs by CIK ran since.
            app.execute("INSERT INTO ticker_map (ticker, cik, title, refreshed_at, listed_order)"
                    + " VALUES ('APPL-OLD', 320193, 'Apple Inc.', CURRENT_TIMESTAMP, 0)");

            Map<String, Object> job = app.awaitFinished(app.submit("{\"cik\":320193}").get("jobId").asText());

            assertThat(job).containsEntry("status", "succeeded").containsEntry("ticker", "AAPL");
            // Asked by CIK, the answer names it the same way.
            assertThat(app.ask("metrics for cik 320193 phase 1").path("ticker").asText()).isEqualTo("AAPL");
        }
    }

    @Test
    void askingByATickerOnlyTheCompanysOwnListNamesFetchesItByCik() throws Exception {
        // Nothing is ever fresh: every question fetches the company again.
        try (TestApp app = TestApp.serving(appleWithASecondClass(), Map.of("ask.fresh-for-hours", "0"))) {
            assertThat(app.awaitFinished(app.submit("{\"cik\":320193}").get("jobId").asText()))
                    .containsEntry("status", "succeeded");
            // A current map that, like SEC's for some classes, leaves the second ticker out.
            app.execute("INSERT INTO ticker_map (ticker, cik, title, refreshed_at, listed_order)"
                    + " VALUES ('AAPL', 320193, 'Apple Inc.', CURRENT_TIMESTAMP, 0)");

            JsonNode answer = app.ask("metrics for AAPL-B phase 1");

            assertThat(answer.path("status").asText()).isEqualTo("fetching");
            // By ticker the job would fail as "unknown ticker AAPL-B": SEC's current map does not list it.
            assertThat(app.awaitFinished(answer.path("jobId").asText())).containsEntry("status", "succeeded")
                    .containsEntry("cik", 320193L);
        }
    }

    /** SEC files with Apple's submissions as if it had a second share class, listed after the main one (GOOG). */
    private static Path appleWithASecondClass() throws Exception {
        Path sec = Fixtures.copyToTemp();
        Path submissions = sec.resolve("submissions/CIK0000320193.json");
        ObjectNode doc = (ObjectNode) JSON.readTree(submissions.toFile());
        doc.putArray("tickers").add("AAPL").add("AAPL-B");
        JSON.writeValue(submissions.toFile(), doc);
        return sec;
    }

    private static HttpResponse<String> get(TestApp app, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.apiUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
