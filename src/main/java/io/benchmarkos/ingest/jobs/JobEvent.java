package io.benchmarkos.ingest.jobs;

import java.time.Instant;
import java.util.List;

/** The completion event published on the event topic when a job ends, successfully or not. */
public record JobEvent(
        String jobId,
        String correlationId,
        String batchId,
        String ticker,
        Long cik,
        String companyName,
        String status,
        long factsRead,
        long factsInserted,
        long factsUpdated,
        long factsUnchanged,
        int filingsStored,
        long durationMillis,
        Instant finishedAt,
        String reason,
        List<String> warnings) {
}
