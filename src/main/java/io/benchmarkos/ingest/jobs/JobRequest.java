package io.benchmarkos.ingest.jobs;

/**
 * A request to load one company, as sent by the chatbot over JMS or HTTP.
 *
 * @param years         how many recent fiscal years of facts to keep, or null for all
 * @param batch         true for nightly batch jobs, which yield to on-demand jobs
 * @param batchId       the batch run that submitted the job, or null: set by the batch route, never by a caller
 */
public record JobRequest(CompanyRef company, Integer years, String requestedBy, String correlationId,
                         boolean batch, String batchId) {
}
