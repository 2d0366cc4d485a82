package io.benchmarkos.ingest.monitor;

import io.benchmarkos.ingest.jobs.JobContext;
import io.benchmarkos.ingest.jobs.JobStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The application's own meters beside Camel's route timers: jobs by status, queue depths and batch progress are
 * gauges read when Prometheus scrapes (from the database and the broker, so they are right across restarts and
 * across worker JVMs); facts read and stored are counters fed after each commit, by the facts route and by the
 * inbox's archive import.
 */
public class IngestMeters {

    private static final Logger LOG = LoggerFactory.getLogger(IngestMeters.class);
    private static final List<String> BATCH_COUNTS = List.of("total", "succeeded", "failed", "skipped", "unfinished");
    private static final List<String> BATCH_STATUSES = List.of("running", "completed", "interrupted", "failed");

    private final MeterRegistry meters;
    private final Counter factsRead;
    private final Counter factsInserted;
    private final Counter factsUpdated;

    public IngestMeters(MeterRegistry meters, MonitorQueries queries, QueueDepths queueDepths, List<String> queues) {
        this.meters = meters;
        for (JobStatus status : JobStatus.values()) {
            gauge("benchmarkos.jobs", "Ingest jobs in the database by status", "status", status.label(),
                    queries, q -> q.countsByStatus().get(status.label()));
        }
        // Above zero for minutes: no worker is consuming (all died, or none runs); alert on it.
        gauge("benchmarkos.jobs.running.without.worker", "Running jobs that no live worker holds (claim ran out)",
                "status", JobStatus.RUNNING.label(), queries,
                MonitorQueries::runningWithoutWorker);
        // Above zero: SEC failed nightly jobs through every retry, and they wait to be tried again.
        gauge("benchmarkos.jobs.waiting.for.sec", "Pending nightly jobs waiting to be tried again after SEC failed"
                + " them", "status", JobStatus.PENDING.label(), queries, MonitorQueries::waitingForSec);
        for (String queue : queues) {
            gauge("benchmarkos.queue.messages", "Messages in a broker queue (ingest.dead-letter: dead-lettered jobs)",
                    "queue", queue, queueDepths, q -> q.depth(queue));
        }
        if (queries.hasBatchRuns()) {
            for (String count : BATCH_COUNTS) {
                gauge("benchmarkos.batch.companies", "Companies of the latest batch run by outcome", "count", count,
                        queries, q -> batchCount(q.lastBatchRun(), count));
            }
            batchRunGauges(queries);
        }
        factsRead = factsCounter("benchmarkos.facts.read", "Facts read from companyfacts documents", null);
        factsInserted = factsCounter("benchmarkos.facts.stored", "Facts written to the database", "inserted");
        factsUpdated = factsCounter("benchmarkos.facts.stored", "Facts written to the database", "updated");
    }

    /** Called by the facts route after a document's transaction committed: counts what it stored. */
    public void factsCommitted(Exchange exchange) {
        JobContext job = exchange.getProperty(JobContext.PROPERTY, JobContext.class);
        if (job != null) {
            factsRead.increment(job.getFactsRead());
            factsInserted.increment(job.getFactsInserted());
            factsUpdated.increment(job.getFactsUpdated());
        }
    }

    /** Called after an archive entry's transaction committed (the inbox import): counts what it stored. */
    public void factsCommitted(long read, long inserted, long updated) {
        factsRead.increment(read);
        factsInserted.increment(inserted);
        factsUpdated.increment(updated);
    }

    /**
     * What an alert on the nightly run needs: when the latest run started and ended, and how it ended ("did not
     * run since yesterday", "failed", "interrupted"). Start and end are 0 before the first run; the end is NaN while
     * the run runs.
     */
    private void batchRunGauges(MonitorQueries queries) {
        for (String status : BATCH_STATUSES) {
            gauge("benchmarkos.batch.last.run.status", "1 for the status of the latest batch run, 0 for the others",
                    "status", status, queries, q -> q.lastBatchRun().map(r -> status.equals(r.get("status")) ? 1 : 0)
                            .orElse(0));
        }
        secondsGauge("benchmarkos.batch.last.run.start.time", "When the latest batch run started (epoch)", queries,
                q -> q.lastBatchRun().map(r -> epochSeconds(r.get("started_at"))).orElse(0.0));
        secondsGauge("benchmarkos.batch.last.run.end.time", "When the latest batch run ended (epoch)", queries,
                q -> q.lastBatchRun().map(r -> epochSeconds(r.get("finished_at"))).orElse(0.0));
    }

    /** A reading that may fail (database or broker down): the gauge then shows NaN rather than a stale number. */
    @FunctionalInterface
    interface Reading<T> {
        Number read(T source) throws Exception;
    }

    private <T> void gauge(String name, String description, String tag, String value, T source, Reading<T> reading) {
        Gauge.builder(name, source, safe(name + "{" + tag + "=" + value + "}", reading)::apply)
                .description(description).tag(tag, value).strongReference(true).register(meters);
    }

    private <T> void secondsGauge(String name, String description, T source, Reading<T> reading) {
        Gauge.builder(name, source, safe(name, reading)::apply).description(description).baseUnit("seconds")
                .strongReference(true).register(meters);
    }

    private static <T> Function<T, Double> safe(String meter, Reading<T> reading) {
        return s -> {
            try {
                Number n = reading.read(s);
                return n == null ? Double.NaN : n.doubleValue();
            } catch (Exception e) {
                LOG.debug("Metric {} not readable: {}", meter, e.getMessage());
                return Double.NaN;
            }
        };
    }

    /** NaN for a time not reached yet (a running run's end). */
    private static double epochSeconds(Object instant) {
        return instant == null ? Double.NaN : ((Instant) instant).toEpochMilli() / 1000.0;
    }

    private Counter factsCounter(String name, String description, String change) {
        Counter.Builder builder = Counter.builder(name).description(description);
        if (change != null) {
            builder.tag("change", change);
        }
        return builder.register(meters);
    }

    private static Number batchCount(Optional<Map<String, Object>> run, String count) {
        return run.map(r -> (Number) r.get(count)).orElse(0);
    }
}
