package io.benchmarkos.ingest.app;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production profile refuses to start without the secrets its servers need, naming the one missing. */
class ProductionSecretsTest {

    @Test
    void anApiProcessWithoutATokenIsRefused() {
        assertThatThrownBy(() -> new IngestApp("prod", Map.of("broker.password", "secret")).start())
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("api.token is empty")
                .hasMessageContaining("API_TOKEN");
    }

    @Test
    void theDemosOpenApiIsRefusedOnAnyAddressButLoopback() {
        assertThatThrownBy(() -> new IngestApp("test", Map.of("camel.server.host", "0.0.0.0")).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("camel.server.host=0.0.0.0 with an empty api.token")
                .hasMessageContaining("API_TOKEN");
    }

    @Test
    void aBrokerUserWithoutItsPasswordIsRefusedInsteadOfRetryingForEver() {
        assertThatThrownBy(() -> new IngestApp("prod", Map.of("api.token", "secret")).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("broker.password is empty for broker user 'ingest'")
                .hasMessageContaining("BROKER_PASSWORD");
    }
}
