package io.benchmarkos.ingest.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The health answer's JSON: each check's text, error and details read back exactly as the check gave them. */
class HealthEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String URL_TEXT = "broker not reachable at tcp://127.0.0.1:61616 \u2014 \"refused\"\n";

    @Test
    void messagesErrorsAndDetailsAreEscapedOnlyOnce() throws IOException {
        HealthCheck.Result down = HealthCheckResultBuilder.on(check("broker")).message(URL_TEXT)
                .error(new IllegalStateException("session lost: tcp://127.0.0.1:61616",
                        new ConnectException("refused \\ at /127.0.0.1")))
                .detail("broker.url", "tcp://127.0.0.1:61616").detail("attempts", 3).down().build();
        HealthCheck.Result up = HealthCheckResultBuilder.on(check("database")).message("database reachable (H2)")
                .up().build();

        JsonNode full = reread(HealthEndpoint.render(List.of(down, up), false, "full", true, true));

        assertThat(full.path("status").asText()).isEqualTo("DOWN");
        JsonNode broker = Http.check(full, "broker");
        assertThat(broker.path("message").asText()).isEqualTo(URL_TEXT);
        assertThat(broker.path("error-message").asText()).isEqualTo("session lost: tcp://127.0.0.1:61616;"
                + " caused by java.net.ConnectException: refused \\ at /127.0.0.1");
        assertThat(broker.path("error-stacktrace").asText()).startsWith("java.lang.IllegalStateException:"
                + " session lost: tcp://127.0.0.1:61616");
        assertThat(broker.at("/data/broker.url").asText()).isEqualTo("tcp://127.0.0.1:61616");
        assertThat(broker.at("/data/attempts").asInt()).isEqualTo(3);
        assertThat(Http.check(full, "database").path("message").asText()).isEqualTo("database reachable (H2)");
    }

    @Test
    void exposureLevelsShowWhatCamelsHandlerShowed() throws IOException {
        HealthCheck.Result down = HealthCheckResultBuilder.on(check("sec")).message("paused").down().build();
        HealthCheck.Result up = HealthCheckResultBuilder.on(check("database")).message("reachable").up().build();

        JsonNode byDefault = reread(HealthEndpoint.render(List.of(down, up), false, "default", false, false));
        JsonNode oneline = reread(HealthEndpoint.render(List.of(down, up), false, "oneline", false, false));
        JsonNode allUp = reread(HealthEndpoint.render(List.of(up), true, "default", false, false));

        assertThat(byDefault.path("checks")).hasSize(1);
        assertThat(Http.check(byDefault, "sec").path("message").asText()).isEqualTo("paused");
        assertThat(Http.check(byDefault, "sec").has("data")).isFalse();
        assertThat(oneline).isEqualTo(JSON.readTree("{\"status\":\"DOWN\"}"));
        assertThat(allUp).isEqualTo(JSON.readTree("{\"status\":\"UP\"}"));
    }

    /** The answer as a client gets it: written as text, then parsed. */
    private static JsonNode reread(JsonNode answer) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(answer));
    }

    private static HealthCheck check(String id) {
        return new AbstractHealthCheck("test", id) {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                builder.up();
            }
        };
    }
}
