package io.benchmarkos.ingest.jobs;

/** A job the database still shows as pending or running, with the attempts it has started so far. */
public record UnfinishedJob(String jobId, String status, int attempts, int priority) {
}
