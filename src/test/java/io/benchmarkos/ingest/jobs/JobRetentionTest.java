package io.benchmarkos.ingest.jobs;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly purge keeps job history for jobs.retention-days: it removes finished jobs older than that, and never
 * a recent one or one that has not finished, however old.
 */
class JobRetentionTest {

    @Test
    void onlyFinishedJobsOlderThanTheRetentionArePurged() throws Exception {
        try (TestApp app = TestApp.serving(Fixtures.copyToTemp(), Map.of("jobs.worker.enabled", "false"))) {
            Instant now = Instant.now();
            String longAgo = app.submitTicker("AAPL");
            finish(app, longAgo, "succeeded", now.minus(Duration.ofDays(100)));
            String yesterday = app.submitTicker("AAPL");
            finish(app, yesterday, "failed", now.minus(Duration.ofDays(1)));
            String neverRun = app.submitTicker("NVDA");
            app.execute("UPDATE ingest_job SET created_at = TIMESTAMP '2020-01-01 00:00:00' WHERE id = '"
                    + neverRun + "'");

            assertThat(app.jobs().purgeFinished(90)).isEqualTo(1);

            assertThat(app.jobs().find(longAgo)).isEmpty();
            assertThat(app.jobs().find(yesterday)).isPresent();
            assertThat(app.jobs().find(neverRun)).as("a pending job is not history").isPresent();
        }
    }

    private static void finish(TestApp app, String jobId, String status, Instant finishedAt) throws Exception {
        try (Connection c = app.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE ingest_job SET status = ?, finished_at = ?"
                     + " WHERE id = ?")) {
            s.setString(1, status);
            s.setTimestamp(2, Timestamp.from(finishedAt));
            s.setString(3, jobId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        // As a real finish does: the company may have a job again.
        app.execute("DELETE FROM active_job WHERE job_id = '" + jobId + "'");
    }
}
