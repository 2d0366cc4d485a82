package io.benchmarkos.ingest.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.benchmarkos.ingest.app.EmbeddedBroker;
import io.benchmarkos.ingest.sec.SecGate;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Liveness and readiness on the management server, and the SEC check that reports a pause with its reason. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthTest {

    private TestApp app;

    @BeforeAll
    void start() throws Exception {
        // A pause long enough to be seen by the assertions (the test profile's 1.5 s is not).
        app = TestApp.serving(Fixtures.copyToTemp(), Map.of("sec.pause-on-rate-limit-ms", "120000"));
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    @Order(1)
    void readyAndLiveWhenBrokerAndDatabaseAreUp() {
        Http.Response ready = Http.get(app.observeUrl() + "/health/ready?exposureLevel=full");
        Http.Response live = Http.get(app.observeUrl() + "/health/live");

        assertThat(ready.status()).as(ready.json().toString()).isEqualTo(200);
        assertThat(ready.json().path("status").asText()).isEqualTo("UP");
        assertThat(Http.check(ready.json(), "broker").path("status").asText()).isEqualTo("UP");
        assertThat(Http.check(ready.json(), "database").path("status").asText()).isEqualTo("UP");
        // SEC is reported, but is no readiness condition.
        assertThat(Http.check(ready.json(), "sec").isMissingNode()).isTrue();
        assertThat(live.status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void secPausedIsReportedWithItsReasonWithoutMakingTheAppUnready() {
        // Slashes, quotes and a dash: characters a JSON writer may escape, which must read back as they were.
        String reason = "HTTP 429 from https://data.sec.gov/test \u2014 \"slow down\"";
        app.app().bean("secGate", SecGate.class).pauseForRateLimit(reason, null);

        Http.Response health = Http.get(app.observeUrl() + "/health");
        Http.Response full = Http.get(app.observeUrl() + "/health?exposureLevel=full&data=true");
        Http.Response ready = Http.get(app.observeUrl() + "/health/ready");
        JsonNode status = Http.get(app.apiUrl() + "/status").json();

        assertThat(health.status()).isEqualTo(503);
        JsonNode check = Http.check(health.json(), "sec");
        assertThat(check.path("status").asText()).isEqualTo("DOWN");
        assertThat(check.path("message").asText()).startsWith("SEC requests paused for ").endsWith(": " + reason);
        JsonNode fullCheck = Http.check(full.json(), "sec");
        assertThat(fullCheck.path("message").asText()).endsWith(": " + reason);
        assertThat(fullCheck.at("/data/paused.reason").asText()).isEqualTo(reason);
        assertThat(fullCheck.at("/data/max.requests.per.second").isNumber()).isTrue();
        assertThat(Http.check(full.json(), "database").path("status").asText()).isEqualTo("UP");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(status.at("/sec/paused").asBoolean()).isTrue();
        assertThat(status.at("/sec/pauseReason").asText()).isEqualTo(reason);
        assertThat(status.at("/sec/pausedForSeconds").asLong()).isBetween(100L, 120L);
    }

    @Test
    @Order(3)
    void notReadyOnceTheBrokerIsGone() throws Exception {
        app.app().bean("embeddedBroker", EmbeddedBroker.class).artemis().stop();

        Http.Response ready = Http.get(app.observeUrl() + "/health/ready");

        assertThat(ready.status()).isEqualTo(503);
        assertThat(Http.check(ready.json(), "broker").path("status").asText()).isEqualTo("DOWN");
        assertThat(Http.check(ready.json(), "broker").path("message").asText())
                .contains("embedded Artemis broker is not running");
    }
}
