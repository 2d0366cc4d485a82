package io.benchmarkos.ingest.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A finished (completed or interrupted) run: its record, counts, failures with reasons, unfinished jobs, and the
 * companies it did not fetch (fresh, or listed twice) with why.
 */
public record BatchSummary(String batchId, String status, String triggeredBy, String coverageList, Instant startedAt,
                           Instant finishedAt, BatchCounts counts, List<Failure> failures, List<Failure> unfinished,
                           List<Failure> notFetched, Path reportPath) {

    /** A company of the run without a success of its own: its job (if one was queued) and why. */
    public record Failure(String company, String jobId, String reason) {
    }

    public BatchSummary withReport(Path path) {
        return new BatchSummary(batchId, status, triggeredBy, coverageList, startedAt, finishedAt, counts, failures,
                unfinished, notFetched, path);
    }

    public String duration() {
        return human(Duration.between(startedAt, finishedAt));
    }

    /** The one INFO line a finished run gets. */
    public String line() {
        return "Batch run " + batchId + " " + status + " in " + duration() + ": " + counts.total() + " companies, "
                + counts.queued() + " queued, " + counts.alreadyQueued() + " already queued, " + counts.skipped()
                + " skipped (fresh, or listed twice), " + counts.succeeded() + " succeeded, " + counts.failed()
                + " failed"
                + (counts.unfinished() + counts.pending() > 0 ? ", " + (counts.unfinished() + counts.pending())
                + " unfinished" : "") + "; report " + reportPath;
    }

    static String human(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
