package io.benchmarkos.ingest.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.jobs.JobStore;
import io.benchmarkos.ingest.sec.CompanyDirectory;
import io.benchmarkos.ingest.support.MemoryDatabase;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two processes opening batch runs at the same moment: each instance of BatchRuns stands for one process (the
 * method lock of one instance does not reach the other), sharing one database.
 */
class BatchRunGateTest {

    @Test
    void aRunOpenedWhileAnotherProcessIsOpeningOneWaitsAndIsRefused() throws Exception {
        JdbcDataSource db = MemoryDatabase.migrated("batch-gate");
        BatchRuns secondProcess = batchRuns(db);

        try (Connection firstProcess = db.getConnection()) {
            // The first process is between its look for a running run and its commit: it holds the gate.
            firstProcess.setAutoCommit(false);
            try (Statement gate = firstProcess.createStatement();
                 ResultSet locked = gate.executeQuery("SELECT id FROM batch_run_gate WHERE id = 1 FOR UPDATE")) {
                assertThat(locked.next()).isTrue();
            }
            CompletableFuture<Map<String, Object>> opening =
                    CompletableFuture.supplyAsync(() -> open(secondProcess, "MSFT"));

            assertThatThrownBy(() -> opening.get(300, TimeUnit.MILLISECONDS))
                    .as("the second process waits for the first one's transaction")
                    .isInstanceOf(TimeoutException.class);
            insertRunningRun(firstProcess, "first-run");
            firstProcess.commit();

            assertThatThrownBy(() -> opening.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(BatchRunningException.class).hasMessageContaining("batch run first-run");
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet runs = s.executeQuery("SELECT COUNT(*) FROM batch_run")) {
            runs.next();
            assertThat(runs.getInt(1)).as("only the first process's run").isEqualTo(1);
        }
    }

    @Test
    void withNoOtherRunTheGateLetsARunOpen() throws Exception {
        JdbcDataSource db = MemoryDatabase.migrated("batch-gate-open");

        Map<String, Object> run = open(batchRuns(db), "MSFT\nAAPL");

        assertThat(run).containsEntry("status", "running").containsEntry("total", 2);
    }

    private static BatchRuns batchRuns(JdbcDataSource db) {
        Clock clock = Clock.systemUTC();
        CompanyDirectory directory = new CompanyDirectory(db, clock, Duration.ofHours(24));
        JobStore jobs = new JobStore(db, directory, clock, 9, 4, Duration.ofSeconds(30), "test-worker");
        return new BatchRuns(db, directory, jobs, new ObjectMapper(), clock, Duration.ofHours(20), "unused.txt",
                new BatchSchedulers(db, clock, "test-scheduler", Duration.ofMinutes(3), true));
    }

    private static Map<String, Object> open(BatchRuns runs, String list) {
        try {
            return runs.open(list, "api", "list.txt");
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    private static void insertRunningRun(Connection c, String id) throws Exception {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO batch_run (id, status, triggered_by, coverage_list,"
                + " started_at, updated_at, total, unfinished) VALUES (?, 'running', 'schedule', 'list.txt', ?, ?, 1,"
                + " 1)")) {
            s.setString(1, id);
            s.setTimestamp(2, now);
            s.setTimestamp(3, now);
            s.executeUpdate();
        }
    }
}
