package io.benchmarkos.ingest.monitor;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness with a database that takes connections and never answers: DOWN within seconds, not the pool's wait. */
class DatabaseHealthCheckTest {

    @Test
    void aDatabaseThatNeverAnswersIsDownWithinTheProbesOwnLimit() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/nothing");
            config.setConnectionTimeout(8_000);
            config.setInitializationFailTimeout(-1);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                DatabaseHealthCheck check = new DatabaseHealthCheck(pool);
                check.setCamelContext(camel);

                long started = System.nanoTime();
                HealthCheck.Result result = check.call(Map.of());

                assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
                assertThat(result.getMessage()).get().asString().startsWith("no database connection within 3 s");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
            }
        }
    }
}
