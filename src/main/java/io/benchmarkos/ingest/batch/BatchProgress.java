package io.benchmarkos.ingest.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A running batch's counts at one moment, with the rate and the time left at that rate, for the progress log.
 *
 * @param changed the counts differ from those the run's row held before this check
 */
public record BatchProgress(String batchId, Instant startedAt, Instant at, BatchCounts counts, boolean changed) {

    public boolean complete() {
        return counts.complete();
    }

    /** Companies handled per minute since the run started (skipped ones included: they took no job). */
    public String rate() {
        double minutes = Math.max(1, Duration.between(startedAt, at).toMillis()) / 60_000.0;
        return String.format(Locale.ROOT, "%.1f/min", counts.done() / minutes);
    }

    public String eta() {
        int left = counts.total() - counts.done();
        if (left <= 0) {
            return "0 s";
        }
        long elapsed = Math.max(1, Duration.between(startedAt, at).toMillis());
        if (counts.done() == 0) {
            return "unknown";
        }
        return BatchSummary.human(Duration.ofMillis(elapsed * left / counts.done()));
    }
}
