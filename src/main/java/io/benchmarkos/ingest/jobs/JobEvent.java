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

    /** The reason and the warnings, for the log line of the event ("" when there are none). */
    public String describeNotes() {
        List<String> notes = new java.util.ArrayList<>();
        if (reason != null && !reason.isEmpty()) {
            notes.add(reason);
        }
        if (warnings != null) {
            notes.addAll(warnings);
        }
        return String.join("; ", notes);
    }
}
