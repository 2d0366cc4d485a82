package io.benchmarkos.ingest.batch;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.benchmarkos.ingest.batch.BatchSupport.awaitEnded;
import static io.benchmarkos.ingest.batch.BatchSupport.awaitSubmitted;
import static io.benchmarkos.ingest.batch.BatchSupport.startRun;
import static org.assertj.core.api.Assertions.assertThat;

/** A person comes first: an on-demand job submitted behind a queue of hundreds of batch jobs is served next. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchPriorityTest {

    private static final int BATCH_JOBS = 200;

    private TestApp app;

    @BeforeAll
    void start() throws Exception {
        app = TestApp.serving(Fixtures.copyToTemp());
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void anOnDemandJobQueuedBehindTwoHundredBatchJobsStartsBeforeThem() throws Exception {
        int concurrency = Integer.parseInt(app.app().property("jobs.concurrency"));
        // CIKs the mirror does not know: each batch job fails fast on its first SEC request.
        String list = IntStream.rangeClosed(1, BATCH_JOBS).mapToObj(i -> Integer.toString(900_000 + i))
                .collect(Collectors.joining("\n"));
        String onDemand;
        String batchId;
        app.suspendWorkers();
        try {
            batchId = startRun(app, list);
            awaitSubmitted(app, batchId);
            assertThat(app.count("SELECT COUNT(*) FROM ingest_job WHERE batch_id = ? AND status = 'pending'", batchId))
                    .isEqualTo(BATCH_JOBS);
            onDemand = app.submitTicker("AAPL");
        } finally {
            app.resumeWorkers();
        }

        Map<String, Object> job = app.awaitFinished(onDemand, Duration.ofSeconds(60));
        assertThat(job).containsEntry("status", "succeeded");
        long batchJobsStartedBefore = app.count("SELECT COUNT(*) FROM ingest_job b, ingest_job o WHERE"
                + " b.batch_id = ? AND o.id = ? AND b.started_at < o.started_at", batchId, onDemand);
        assertThat(batchJobsStartedBefore).as("batch jobs started before the on-demand job")
                .isLessThanOrEqualTo(concurrency);

        Map<String, Object> run = awaitEnded(app, batchId, Duration.ofSeconds(120));
        assertThat(run).containsEntry("status", "completed").containsEntry("queued", BATCH_JOBS)
                .containsEntry("failed", BATCH_JOBS).containsEntry("succeeded", 0);
    }
}
