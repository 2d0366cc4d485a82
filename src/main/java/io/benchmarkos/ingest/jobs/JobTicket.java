package io.benchmarkos.ingest.jobs;

/**
 * The answer to a submission: the job's id and whether it is new or an existing job for the same company.
 *
 * @param duplicate true when a pending or running job for the company already existed and is returned instead
 */
public record JobTicket(String jobId, String company, String status, int priority, boolean duplicate) {
}
