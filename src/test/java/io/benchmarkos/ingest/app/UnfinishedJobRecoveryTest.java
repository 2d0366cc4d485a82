package io.benchmarkos.ingest.app;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import io.benchmarkos.ingest.tools.SecMirror;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default restarted over a database that shows jobs unfinished: each job without a work message in the
 * broker's journal gets one again, a job whose message is still queued does not get a second, and a job started
 * more often than jobs.max-attempts fails with a reason instead of running again.
 */
class UnfinishedJobRecoveryTest {

    private SecMirror sec;
    private Path dataDir;

    @BeforeEach
    void start() throws Exception {
        sec = new SecMirror(Fixtures.copyToTemp(), 0).start();
        dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "recovery-");
    }

    @AfterEach
    void stop() {
        sec.close();
    }

    @Test
    void aJobLeftRunningWithoutItsWorkMessageRunsAgainAfterARestart() throws Exception {
        String jobId;
        long facts;
        try (TestApp app = app(true)) {
            jobId = app.submitTicker("AAPL");
            assertThat(app.awaitFinished(jobId)).containsEntry("status", "succeeded");
            facts = app.count("SELECT COUNT(*) FROM fact");
            // What a kill in the database's last second leaves: the broker acknowledged the work message, but the
            // job's final status never reached the disk.
            markUnfinished(app, jobId, "running", 1);
        }
        try (TestApp app = app(false)) {
            assertThat(workMessages(app)).as("work message queued again at start-up").isEqualTo(1);
        }
        try (TestApp app = app(true)) {
            Map<String, Object> job = app.awaitFinished(jobId);
            assertThat(job).containsEntry("status", "succeeded").containsEntry("attempts", 2);
            assertThat(app.count("SELECT COUNT(*) FROM fact")).as("no fact stored twice").isEqualTo(facts);
            assertThat(app.count("SELECT COUNT(*) FROM active_job")).isZero();
        }
    }

    @Test
    void aJobWhoseWorkMessageIsStillQueuedIsNotQueuedTwice() {
        String jobId;
        try (TestApp app = app(false)) {
            jobId = app.submitTicker("AAPL");
            // The ticket can arrive a moment before the intake's transaction, work message included, commits.
            await().atMost(Duration.ofSeconds(10)).until(() -> workMessages(app) == 1);
        }
        try (TestApp app = app(false)) {
            assertThat(workMessages(app)).as("only the journal's own message").isEqualTo(1);
        }
        try (TestApp app = app(true)) {
            Map<String, Object> job = app.awaitFinished(jobId);
            assertThat(job).containsEntry("status", "succeeded").containsEntry("attempts", 1);
        }
    }

    @Test
    void aJobThatKeepsStoppingTheApplicationFailsWithAReason() throws Exception {
        String jobId;
        try (TestApp app = app(true)) {
            jobId = app.submitTicker("AAPL");
            app.awaitFinished(jobId);
            markUnfinished(app, jobId, "running", 3);
        }
        try (TestApp app = app(true)) {
            Map<String, Object> job = app.awaitFinished(jobId);
            assertThat(job).containsEntry("status", "failed").containsEntry("attempts", 4);
            assertThat((String) job.get("reason")).startsWith("started 4 times without finishing")
                    .contains(jobId);
            assertThat(app.count("SELECT COUNT(*) FROM active_job")).isZero();
        }
    }

    private TestApp app(boolean worker) {
        Map<String, String> extra = new HashMap<>();
        extra.put("benchmarkos.data-dir", dataDir.toString());
        extra.put("jobs.worker.enabled", Boolean.toString(worker));
        return TestApp.start(sec.baseUrl(), extra);
    }

    private static long workMessages(TestApp app) {
        return app.app().bean("embeddedBroker", EmbeddedBroker.class).artemis().getActiveMQServer()
                .locateQueue("ingest.work").getMessageCount();
    }

    /** Puts a finished job back the way a lost last write would leave it, holding its company's active slot. */
    private static void markUnfinished(TestApp app, String jobId, String status, int attempts)
            throws SQLException {
        try (Connection c = app.dataSource().getConnection();
             PreparedStatement job = c.prepareStatement("UPDATE ingest_job SET status = ?, attempts = ?,"
                     + " finished_at = NULL, reason = NULL WHERE id = ?");
             PreparedStatement active = c.prepareStatement("INSERT INTO active_job (company_key, job_id, since)"
                     + " SELECT company_key, id, CURRENT_TIMESTAMP FROM ingest_job WHERE id = ?")) {
            job.setString(1, status);
            job.setInt(2, attempts);
            job.setString(3, jobId);
            assertThat(job.executeUpdate()).isEqualTo(1);
            active.setString(1, jobId);
            assertThat(active.executeUpdate()).isEqualTo(1);
        }
    }
}
