package io.benchmarkos.ingest.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One real job against the SEC mirror, then what Prometheus, /api/status and Jolokia show about it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsTest {

    private Path secDir;
    private TestApp app;
    private Map<String, Object> job;

    @BeforeAll
    void runOneJobAndOneRejectedRequest() throws Exception {
        secDir = Fixtures.copyToTemp();
        app = TestApp.serving(secDir);
        job = app.awaitFinished(app.submitTicker("AAPL"));
        // Not a job request at all: job-intake dead-letters it with the reason.
        app.submit("{\"ticker\":\"\"}");
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void prometheusShowsJobsQueuesSecRequestsAndFactsAfterOneJob() {
        assertThat(job).containsEntry("status", "succeeded");
        long entries = Fixtures.entryCount(secDir.resolve(Fixtures.companyFacts(Fixtures.APPLE)));
        long secAnswers200 = app.mirror().requests().stream().filter(r -> r.status() == 200).count();
        assertThat(secAnswers200).isGreaterThanOrEqualTo(3);

        Map<String, Double> m = Http.samples(metricsText());

        assertThat(m).containsEntry("benchmarkos_jobs{status=\"succeeded\"}", 1.0)
                .containsEntry("benchmarkos_jobs{status=\"failed\"}", 0.0)
                .containsEntry("benchmarkos_jobs{status=\"pending\"}", 0.0)
                .containsEntry("benchmarkos_jobs{status=\"running\"}", 0.0)
                .containsEntry("benchmarkos_queue_messages{queue=\"ingest.work\"}", 0.0)
                .containsEntry("benchmarkos_queue_messages{queue=\"ingest.requests\"}", 0.0)
                .containsEntry("benchmarkos_queue_messages{queue=\"ingest.dead-letter\"}", 1.0)
                .containsEntry("benchmarkos_sec_requests_total{status=\"200\"}", (double) secAnswers200)
                .containsEntry("benchmarkos_sec_wait_seconds_count", (double) app.mirror().requests().size())
                .containsEntry("benchmarkos_facts_read_total", (double) entries)
                .containsEntry("benchmarkos_facts_stored_total{change=\"inserted\"}", (double) entries)
                .containsEntry("benchmarkos_facts_stored_total{change=\"updated\"}", 0.0);
        assertThat(m.get("benchmarkos_sec_wait_seconds_sum")).isGreaterThanOrEqualTo(0.0);
        // No per-URL series: SEC URLs name a company each, which would grow the metrics without bound.
        assertThat(m.keySet()).noneMatch(key -> key.contains("CIK0000320193"));
        // Stage timings: Camel's route policy times every route by id.
        assertThat(m).hasEntrySatisfying(
                "camel_route_policy_seconds_count{camelContext=\"benchmarkos-ingest\",eventType=\"route\","
                        + "kind=\"CamelRoute\",routeId=\"load-companyfacts\"}",
                count -> assertThat(count).isEqualTo(1.0));
    }

    @Test
    void statusApiShowsRoutesQueuesSecAndJobs() {
        Http.Response response = Http.get(app.apiUrl() + "/status");

        assertThat(response.status()).isEqualTo(200);
        JsonNode s = response.json();
        assertThat(s.at("/ready/status").asText()).isEqualTo("UP");
        assertThat(s.at("/routes/total").asInt()).isEqualTo(app.app().camel().getRoutes().size());
        // The shared SEC budget's presence route runs only in production, where several workers share the budget.
        assertThat(s.at("/routes/offByConfiguration")).extracting(JsonNode::asText)
                .containsExactly("sec-budget-presence");
        assertThat(s.at("/routes/notStarted")).isEmpty();
        assertThat(s.at("/routes/started").asInt()).isEqualTo(s.at("/routes/total").asInt() - 1);
        assertThat(s.at("/queues/ingest.dead-letter").asLong()).isEqualTo(1);
        assertThat(s.at("/queues/ingest.work").asLong()).isZero();
        assertThat(s.at("/sec/maxRequestsPerSecond").asInt()).isEqualTo(50);
        assertThat(s.at("/sec/paused").asBoolean()).isFalse();
        assertThat(s.at("/sec/lastStatus").asText()).isEqualTo("200");
        assertThat(s.at("/sec/reachable").asBoolean()).isTrue();
        assertThat(s.at("/jobs/succeeded").asLong()).isEqualTo(1);
    }

    @Test
    void jolokiaReadsAndDumpsRoutesButRefusesToStopOne() {
        String context = "org.apache.camel:context=benchmarkos-ingest,type=context,name=%22benchmarkos-ingest%22";
        String route = "org.apache.camel:context=benchmarkos-ingest,type=routes,name=%22job-worker%22";

        Http.Response completed = Http.get(app.observeUrl() + "/jolokia/read/" + route + "/ExchangesCompleted");
        Http.Response dump = Http.get(app.observeUrl() + "/jolokia/exec/" + context + "/dumpRoutesAsXml()");
        Http.Response stop = Http.get(app.observeUrl() + "/jolokia/exec/" + route + "/stop()");

        assertThat(completed.json().path("value").asLong()).isEqualTo(1);
        assertThat(dump.json().path("value").asText()).contains("<route id=\"job-worker\"", "<route id=\"sec-get\"");
        assertThat(stop.json().path("error").asText()).contains("forbidden");
        assertThat(app.app().camel().getRouteController().getRouteStatus("job-worker").isStarted()).isTrue();
    }

    private String metricsText() {
        // Counters are bumped as the job's last steps run; the job row may be final a moment earlier.
        await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(app.observeUrl() + "/metrics").body()
                .contains("benchmarkos_facts_stored_total"));
        Http.Response response = Http.get(app.observeUrl() + "/metrics");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }
}
