package io.benchmarkos.ingest.batch;

/**
 * Where the companies of a run stand, always computed from {@code batch_item} and {@code ingest_job} rows.
 *
 * @param pending       not submitted yet
 * @param queued        submitted as a new job
 * @param alreadyQueued a pending or running job of the company existed and is tracked instead
 * @param skipped       facts fresher than batch.fresh-for-hours, or the company listed on an earlier line
 * @param failed        jobs that failed plus entries that could not be submitted
 * @param unfinished    tracked jobs still pending or running
 */
public record BatchCounts(int total, int pending, int queued, int alreadyQueued, int skipped, int succeeded,
                          int failed, int unfinished) {

    public int done() {
        return skipped + succeeded + failed;
    }

    /** Every company submitted and every tracked job finished. */
    public boolean complete() {
        return pending == 0 && unfinished == 0;
    }
}
