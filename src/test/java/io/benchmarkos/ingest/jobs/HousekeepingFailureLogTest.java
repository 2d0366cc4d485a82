package io.benchmarkos.ingest.jobs;

import io.benchmarkos.ingest.support.LoggedLines;
import io.benchmarkos.ingest.support.TestApp;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A timer route that fails (here the stale-job sweeper, while its table is away as in a database outage) logs one
 * WARN line a run that names the route and the cause, not an ERROR and a WARN of Camel's with a stack trace each.
 */
class HousekeepingFailureLogTest {

    @Test
    void aFailingTimerIsOneWarnLineNamingTheRouteAndItsCause() {
        try (TestApp app = TestApp.start("http://127.0.0.1:9", Map.of("jobs.sweep-period-ms", "200"));
             LoggedLines logged = LoggedLines.atLeast(Level.WARN)) {
            app.execute("ALTER TABLE ingest_job RENAME TO ingest_job_away");
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> logged.lines().stream()
                        .filter(line -> line.contains("stale-job-sweeper failed")).count() >= 2);
            } finally {
                app.execute("ALTER TABLE ingest_job_away RENAME TO ingest_job");
            }

            assertThat(logged.lines()).filteredOn(line -> line.contains("stale-job-sweeper failed")).first()
                    .asString().startsWith("io.benchmarkos.ingest.HousekeepingFailures: stale-job-sweeper failed: ")
                    .contains("Table \"INGEST_JOB\" not found").endsWith("; it runs again at its next time");
            assertThat(logged.lines()).as("Camel's own failure lines for the same run")
                    .noneMatch(line -> line.startsWith("org.apache.camel"));
        }
    }
}
