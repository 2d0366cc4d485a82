package io.benchmarkos.ingest.batch;

/** One company of a run's list, as written in the list, at its position. */
public record BatchItem(String batchId, int position, String company) {
}
