package io.benchmarkos.ingest.jobs;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.LoggedLines;
import io.benchmarkos.ingest.support.TestApp;
import org.apache.camel.builder.AdviceWith;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.springframework.jms.UncategorizedJmsException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker that restarts under a worker closes the worker's JMS session mid-transaction. That heals itself (the
 * transaction rolls back, the broker delivers the work message again), so it is one WARN naming the job, not an
 * ERROR with a stack trace, and the job still runs.
 */
class BrokerSessionLostTest {

    @Test
    void aClosedSessionUnderAWorkMessageIsAWarningAndTheJobStillRuns() throws Exception {
        try (TestApp app = TestApp.serving(Fixtures.copyToTemp(), Map.of("jobs.worker.enabled", "false"))) {
            whereABrokerRestartClosedTheSession(app);
        }
    }

    private static void whereABrokerRestartClosedTheSession(TestApp app) throws Exception {
        // Putting a held job back on the queue is where a restarting broker's closed session showed up.
        AdviceWith.adviceWith(app.app().camel(), "requeue-held-job", route -> route.weaveAddLast()
                .throwException(new UncategorizedJmsException("AMQ219019: Session is closed")));
        String jobId = app.submit("{\"ticker\":\"NVDA\"}").path("jobId").asText();
        heldByAnotherWorkerFor(app, jobId, Duration.ofMillis(1500));

        try (LoggedLines lines = LoggedLines.atLeast(Level.WARN)) {
            app.app().camel().getRouteController().startRoute("job-worker");
            await().atMost(Duration.ofSeconds(30)).until(() -> app.count(
                    "SELECT COUNT(*) FROM ingest_job WHERE id = ? AND status = 'succeeded'", jobId) == 1);

            assertThat(lines.lines()).anySatisfy(line -> assertThat(line).isEqualTo("io.benchmarkos.ingest.jobs: Job "
                    + jobId + ": the broker connection failed (AMQ219019: Session is closed); its work message goes"
                    + " back to the broker, which delivers it again once it is reachable"));
            assertThat(lines.lines()).noneMatch(line -> line.contains("Exhausted after delivery attempt"));
        }
    }

    private static void heldByAnotherWorkerFor(TestApp app, String jobId, Duration claim) throws Exception {
        try (Connection c = app.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE ingest_job SET status = 'running', attempts = 1,"
                     + " started_at = ?, lease_owner = 'another-worker', lease_until = ? WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(Instant.now()));
            s.setTimestamp(2, Timestamp.from(Instant.now().plus(claim)));
            s.setString(3, jobId);
            s.executeUpdate();
        }
    }
}
