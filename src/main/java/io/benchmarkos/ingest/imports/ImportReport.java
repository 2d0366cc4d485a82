package io.benchmarkos.ingest.imports;

import java.util.List;

/**
 * The result of one import attempt of an archive. Entry counts are for the whole run (a resumed run includes the
 * entries an earlier attempt finished); fact and byte counts are for this attempt.
 *
 * @param status        {@code finished}, {@code interrupted} or {@code failed}
 * @param skippedAsDone entries this attempt skipped because an earlier attempt of the run stored them
 * @param unchanged     entries of this attempt counted as stored without being read: each is byte for byte the
 *                      document its company's facts were last loaded from in full
 * @param older         entries of this attempt read but not stored: each is older than its company's stored facts
 * @param failures      entries failed or refused in the run, with their reasons
 */
public record ImportReport(String runId, String archive, String status, boolean resumed, int entriesTotal,
                           int entriesDone, int entriesFailed, int entriesRefused, int skippedAsDone,
                           int unchanged, int older, long factsRead, long factsInserted, long factsUpdated,
                           long bytesRead, long compressedBytesRead, long millis, List<EntryOutcome> failures) {

    public static final String FINISHED = "finished";
    public static final String INTERRUPTED = "interrupted";
    public static final String FAILED = "failed";

    public String summary() {
        return String.format("Import %s of %s %s%s: %d/%d entries stored or current (this attempt: %d unchanged"
                        + " since their last full load, not read again; %d older than the stored facts, not stored),"
                        + " %d failed, %d refused, %d skipped as done earlier; %d facts read, %d new, %d changed;"
                        + " %.1f MB in %.1f s",
                runId, archive, status, resumed ? " (resumed)" : "", entriesDone, entriesTotal, unchanged, older,
                entriesFailed, entriesRefused, skippedAsDone, factsRead, factsInserted, factsUpdated, bytesRead / 1e6,
                millis / 1e3);
    }
}
