package io.benchmarkos.ingest.app;

import io.benchmarkos.ingest.support.SecuredBroker;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A process whose broker refuses its login stops at start with what to set, instead of running and logging the
 * broker's "Unable to validate user" for each JMS listener every few seconds for ever.
 */
class BrokerLoginAtStartTest {

    @Test
    void aWrongBrokerPasswordStopsTheStartAndNamesTheSetting() throws Exception {
        try (SecuredBroker broker = new SecuredBroker().start()) {
            Map<String, String> overrides = new HashMap<>();
            overrides.put("broker.url", broker.url());
            overrides.put("broker.password", "wrong-password");
            overrides.put("api.token", "secret");
            overrides.put("camel.server.port", "0");
            overrides.put("camel.management.enabled", "false");
            Path dataDir = Path.of("target/test-data", UUID.randomUUID().toString());
            overrides.put("benchmarkos.data-dir", dataDir.toString());
            overrides.put("db.url", "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("h2/db"));
            overrides.put("db.user", "sa");
            overrides.put("db.password", "");

            IngestApp[] started = new IngestApp[1];
            Throwable thrown = catchThrowable(() -> started[0] = new IngestApp("prod", overrides).start());
            if (started[0] != null) {
                started[0].close();
            }

            assertThat(thrown).as("the start").isInstanceOf(IllegalStateException.class);
            assertThat(thrown.getMessage())
                    .startsWith("the broker at " + broker.url() + " refused user 'ingest' and its password")
                    .contains("AMQ229031").contains("set BROKER_PASSWORD (or -P broker.password=...)")
                    .doesNotContain("cannot reach");
        }
    }
}
