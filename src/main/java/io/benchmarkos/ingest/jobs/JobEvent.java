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

    /** "MSFT (CIK 789019)", or what the job knew: "MSFT" before the ticker was resolved, "CIK 320193" without one. */
    public String describeCompany() {
        if (ticker == null || ticker.isEmpty()) {
            return cik == null ? "an unnamed company" : "CIK " + cik;
        }
        return cik == null ? ticker : ticker + " (CIK " + cik + ")";
    }

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
