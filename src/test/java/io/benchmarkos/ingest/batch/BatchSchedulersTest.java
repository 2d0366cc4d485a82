package io.benchmarkos.ingest.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.jobs.JobStore;
import io.benchmarkos.ingest.sec.CompanyDirectory;
import io.benchmarkos.ingest.support.LoggedLines;
import io.benchmarkos.ingest.support.MemoryDatabase;
import org.apache.logging.log4j.Level;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two processes scheduling batch runs on one database (a set-up the README advises against, easily made): the one
 * that starts second names the other, and does not end the other's running run as interrupted while it is seen.
 */
class BatchSchedulersTest {

    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void aSecondSchedulerLeavesTheFirstOnesRunningRunAloneAndNamesIt() throws Exception {
        JdbcDataSource db = MemoryDatabase.migrated("batch-schedulers");
        BatchSchedulers first = new BatchSchedulers(db, CLOCK, "first", Duration.ofMinutes(3), true);
        first.start();
        String runId = (String) runs(db, first).open("MSFT\nAAPL", "schedule", null).get("batchId");
        Thread.sleep(5);

        BatchSchedulers second = new BatchSchedulers(db, CLOCK, "second", Duration.ofMinutes(3), true);
        try (LoggedLines lines = LoggedLines.atLeast(Level.WARN)) {
            second.start();
            assertThat(lines.lines()).anySatisfy(line -> assertThat(line).contains("Another process schedules batch"
                    + " runs on this database: ").contains("(scheduler first), beside this one (scheduler second)"));
        }
        BatchRuns secondRuns = runs(db, second);

        assertThat(secondRuns.interruptAbandoned()).as("the first process is still seen").isEmpty();
        assertThat(status(db, runId)).isEqualTo("running");

        first.stop();

        assertThat(secondRuns.interruptAbandoned()).extracting(BatchSummary::batchId).containsExactly(runId);
        assertThat(status(db, runId)).isEqualTo("interrupted");
    }

    @Test
    void aSchedulerNotSeenForItsLiveTimeCountsAsGone() throws Exception {
        JdbcDataSource db = MemoryDatabase.migrated("batch-schedulers-gone");
        BatchSchedulers crashed = new BatchSchedulers(db, CLOCK, "crashed", Duration.ofMinutes(3), true);
        crashed.heartbeat();
        BatchSchedulers quick = new BatchSchedulers(db, CLOCK, "quick", Duration.ofMillis(1), true);
        Thread.sleep(20);

        assertThat(quick.others()).isEmpty();
        assertThat(new BatchSchedulers(db, CLOCK, "patient", Duration.ofMinutes(3), true).others()).containsOnlyKeys(
                "crashed");
    }

    @Test
    void onlyADatabaseOtherProcessesCanOpenHasOtherSchedulers() throws Exception {
        assertThat(BatchSchedulers.sharedBy("jdbc:postgresql://127.0.0.1:5432/benchmarkos")).isTrue();
        assertThat(BatchSchedulers.sharedBy("jdbc:h2:tcp://127.0.0.1/./data/db")).isTrue();
        assertThat(BatchSchedulers.sharedBy("jdbc:h2:file:./data/h2/benchmarkos;AUTO_SERVER=TRUE")).isTrue();
        assertThat(BatchSchedulers.sharedBy("jdbc:h2:file:./data/h2/benchmarkos;WRITE_DELAY=0")).isFalse();
        assertThat(BatchSchedulers.sharedBy("jdbc:h2:mem:x")).isFalse();

        JdbcDataSource db = MemoryDatabase.migrated("batch-schedulers-alone");
        new BatchSchedulers(db, CLOCK, "left-behind", Duration.ofMinutes(3), false).heartbeat();
        assertThat(new BatchSchedulers(db, CLOCK, "alone", Duration.ofMinutes(3), false).others())
                .as("a row left by a process that could not delete it at its stop").isEmpty();
    }

    private static BatchRuns runs(JdbcDataSource db, BatchSchedulers schedulers) {
        CompanyDirectory directory = new CompanyDirectory(db, CLOCK, Duration.ofHours(24));
        JobStore jobs = new JobStore(db, directory, CLOCK, 9, 4, Duration.ofSeconds(30), schedulers.id());
        return new BatchRuns(db, directory, jobs, new ObjectMapper(), CLOCK, Duration.ofHours(20), "unused.txt",
                schedulers);
    }

    private static String status(JdbcDataSource db, String runId) throws Exception {
        try (var c = db.getConnection(); var s = c.prepareStatement("SELECT status FROM batch_run WHERE id = ?")) {
            s.setString(1, runId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
