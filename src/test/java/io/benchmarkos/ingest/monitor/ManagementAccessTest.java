package io.benchmarkos.ingest.monitor;

import io.benchmarkos.ingest.app.Settings;
import io.benchmarkos.ingest.support.TestApp;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Credentials on the management server, and the start-up guard that keeps it from running open by mistake. */
class ManagementAccessTest {

    @Test
    void managementEndpointsNeedTheConfiguredCredentials() throws Exception {
        Path users = Files.createTempFile(Path.of("target"), "management-users", ".properties");
        Files.writeString(users, "user.ops = s3cret\n");
        try (TestApp app = TestApp.start("http://127.0.0.1:9", Map.of(
                "camel.management.authentication-enabled", "true",
                "camel.management.basic-properties-file", users.toAbsolutePath().toString()))) {
            String jolokia = app.observeUrl() + "/jolokia/version";

            assertThat(Http.get(app.observeUrl() + "/health").status()).isEqualTo(401);
            assertThat(Http.get(jolokia).status()).isEqualTo(401);
            assertThat(Http.get(app.observeUrl() + "/metrics", "ops:wrong").status()).isEqualTo(401);
            assertThat(Http.get(jolokia, "ops:s3cret").status()).isEqualTo(200);
            assertThat(Http.get(app.observeUrl() + "/metrics", "ops:s3cret").body()).contains("benchmarkos_jobs");
        }
    }

    @Test
    void openManagementIsRefusedOutsideTheEmbeddedDemo(@TempDir Path dir) throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"), "user.ops = s3cret\n");
        assertThatThrownBy(() -> MonitoringConfiguration.guardManagementAccess(settings(
                "broker.embedded", "false", "camel.management.host", "127.0.0.1")))
                .hasMessageContaining("camel.management.authentication-enabled=true");
        assertThatThrownBy(() -> MonitoringConfiguration.guardManagementAccess(settings(
                "broker.embedded", "true", "camel.management.host", "0.0.0.0")))
                .hasMessageContaining("may only listen on 127.0.0.1");
        assertThatThrownBy(() -> MonitoringConfiguration.guardManagementAccess(settings(
                "broker.embedded", "false", "camel.management.authentication-enabled", "true")))
                .hasMessageContaining("camel.management.basic-properties-file");
        assertThatCode(() -> MonitoringConfiguration.guardManagementAccess(settings(
                "broker.embedded", "true", "camel.management.host", "127.0.0.1"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> MonitoringConfiguration.guardManagementAccess(settings(
                "broker.embedded", "false", "camel.management.authentication-enabled", "true",
                "camel.management.basic-properties-file", dir.resolve("missing.properties").toString())))
                .hasMessageStartingWith("no management users file at " + dir.resolve("missing.properties"))
                .hasMessageContaining("config/management-users.properties.example");
        assertThatCode(() -> MonitoringConfiguration.guardManagementAccess(settings(
                "broker.embedded", "false", "camel.management.authentication-enabled", "true",
                "camel.management.basic-properties-file", users.toString())))
                .doesNotThrowAnyException();
    }

    private static Settings settings(String... keyValues) {
        Properties properties = new Properties();
        properties.setProperty("camel.management.enabled", "true");
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(properties);
        return new Settings(camel);
    }
}
