package io.benchmarkos.ingest.app;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Every setting of the files can come from the environment or a system property, Camel's own ones included. */
class ConfigOverlayTest {

    @Test
    void theEnvironmentAndThenSystemPropertiesReplaceTheFilesValues() {
        Properties properties = new Properties();
        properties.setProperty("camel.server.port", "8080");
        properties.setProperty("sec.data-base-url", "https://data.sec.gov");
        properties.setProperty("camel.management.port", "8081");
        properties.setProperty("jobs.concurrency", "2");
        Map<String, String> environment = Map.of("CAMEL_SERVER_PORT", "18080", "SEC_DATA_BASE_URL",
                "http://127.0.0.1:8089", "CAMEL_MANAGEMENT_PORT", "18096");
        Map<String, String> system = Map.of("camel.management.port", "18095");

        ConfigLoader.overlay(properties, environment::get, system::get);

        assertThat(properties).containsEntry("camel.server.port", "18080")
                .containsEntry("sec.data-base-url", "http://127.0.0.1:8089")
                .containsEntry("camel.management.port", "18095").containsEntry("jobs.concurrency", "2");
    }
}
