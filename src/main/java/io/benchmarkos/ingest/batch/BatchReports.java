package io.benchmarkos.ingest.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Writes a finished run's report file under batch.report-dir and records its path on the run. */
public class BatchReports {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final BatchRuns runs;
    private final Path directory;

    public BatchReports(BatchRuns runs, Path directory) {
        this.runs = runs;
        this.directory = directory;
    }

    public BatchSummary write(BatchSummary summary) throws SQLException {
        Path file = directory.resolve("batch-" + FILE_TIME.format(summary.startedAt()) + "-" + summary.batchId()
                + ".log").toAbsolutePath();
        try {
            Files.createDirectories(directory);
            Files.write(file, lines(summary), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write batch report " + file, e);
        }
        runs.recordReport(summary.batchId(), file);
        return summary.withReport(file);
    }

    static List<String> lines(BatchSummary s) {
        BatchCounts c = s.counts();
        List<String> lines = new ArrayList<>(List.of(
                "batch run " + s.batchId(),
                "status: " + s.status(),
                "triggered by: " + s.triggeredBy(),
                "coverage list: " + s.coverageList(),
                "started: " + s.startedAt(),
                "finished: " + s.finishedAt(),
                "duration: " + s.duration(),
                "companies: " + c.total(),
                "queued: " + c.queued(),
                "already queued: " + c.alreadyQueued(),
                "skipped (fresh, or listed twice): " + c.skipped(),
                "succeeded: " + c.succeeded(),
                "failed: " + c.failed(),
                "unfinished: " + (c.unfinished() + c.pending())));
        lines.add("failures:" + (s.failures().isEmpty() ? " none" : ""));
        s.failures().forEach(f -> lines.add("  " + f.company() + (f.jobId() == null ? "" : " job " + f.jobId())
                + ": " + f.reason()));
        if (!s.notFetched().isEmpty()) {
            lines.add("not fetched (fresh, or listed twice):");
            s.notFetched().forEach(f -> lines.add("  " + f.company() + ": " + f.reason()));
        }
        if (!s.unfinished().isEmpty()) {
            // An interrupted run: its queued jobs stay in the broker and run on; ingest_job has their outcome.
            lines.add("unfinished when the run ended (queued jobs run on; see GET /api/jobs/{id}):");
            s.unfinished().forEach(f -> lines.add("  " + f.company() + (f.jobId() == null ? "" : " job "
                    + f.jobId()) + ": " + f.reason()));
        }
        return lines;
    }
}
