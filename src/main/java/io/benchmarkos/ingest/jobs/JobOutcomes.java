package io.benchmarkos.ingest.jobs;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.benchmarkos.ingest.PermanentFailure;
import io.benchmarkos.ingest.facts.MalformedDocumentException;
import io.benchmarkos.ingest.sec.CompanyDirectory;
import io.benchmarkos.ingest.sec.SecNotFoundException;
import io.benchmarkos.ingest.sec.SecUrls;
import io.benchmarkos.ingest.sec.UnknownCompanyException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The job-level steps of the worker route: start an attempt, resolve the company, and turn the end of an
 * exchange (success, permanent failure, last failed attempt) into a job row update and a completion event.
 */
public class JobOutcomes {

    /** Exchange property: the stored completion event of a job whose work message came after it finished. */
    public static final String REPEATED_EVENT = "repeatedJobEvent";
    /** Exchange property: the {@link JobClaim.HeldElsewhere} of a job another attempt is running. */
    public static final String HELD_ELSEWHERE = "jobHeldElsewhere";
    /** Header naming why a message was dead-lettered. */
    public static final String DEAD_LETTER_REASON = "deadLetterReason";
    /** How the reason of a job that never reached a worker begins: the broker, not the company, failed it. */
    private static final String NOT_RUN = "not run: ";
    private static final String DELIVERY_COUNT = "jmsDeliveryCount";
    /** Exchange property: the JMS priority the work message came with (stages clear message headers). */
    private static final String WORK_PRIORITY = "jmsPriority";
    /** Exchange properties of a work message to queue again for later: job id, JMS priority, delivery time. */
    public static final String REQUEUE_JOB_ID = "requeueJobId";
    public static final String REQUEUE_PRIORITY = "requeuePriority";
    public static final String REQUEUE_AT = "requeueAt";
    private static final Logger LOG = LoggerFactory.getLogger(JobOutcomes.class);

    private final JobStore jobs;
    private final CompanyDirectory directory;
    private final int maxAttempts;
    private final java.time.Duration refetchAfter;
    private final java.time.Duration heldRecheck;
    private final int secRetries;
    private final java.time.Duration secRetryAfter;

    /**
     * {@code secRetries} times, {@code secRetryAfter} apart, a nightly job whose SEC requests all failed waits and
     * is tried again before it fails.
     */
    public JobOutcomes(JobStore jobs, CompanyDirectory directory, int maxAttempts, java.time.Duration refetchAfter,
                       java.time.Duration heldRecheck, int secRetries, java.time.Duration secRetryAfter) {
        this.heldRecheck = heldRecheck;
        this.secRetries = secRetries;
        this.secRetryAfter = secRetryAfter;
        this.jobs = jobs;
        this.directory = directory;
        this.maxAttempts = maxAttempts;
        this.refetchAfter = refetchAfter;
    }

    /**
     * Starts the attempt named by the work message. Leaves no job property when the job is not this attempt's to
     * run: when it has finished, property {@link #REPEATED_EVENT} holds its stored completion event (the first one
     * may have been rolled back with the transaction of a worker that lost its broker); when another attempt holds
     * it, property {@link #HELD_ELSEWHERE} says where.
     */
    public void start(Exchange exchange) throws SQLException {
        // Stages clear message headers before SEC calls; the broker's delivery count is kept as a property.
        exchange.setProperty(DELIVERY_COUNT, exchange.getMessage().getHeader("JMSXDeliveryCount", 1, Integer.class));
        exchange.setProperty(WORK_PRIORITY, exchange.getMessage().getHeader("JMSPriority", Integer.class));
        String jobId = exchange.getMessage().getBody(String.class);
        if (jobId == null || jobId.isBlank()) {
            throw new InvalidJobException("work message without a job id");
        }
        JobClaim claim = jobs.start(jobId.trim());
        if (claim instanceof JobClaim.Finished finished) {
            LOG.info("Job {} already {}; its work message came again, so its completion event is published again",
                    jobId, finished.event().status());
            exchange.setProperty(REPEATED_EVENT, finished.event());
            return;
        }
        if (claim instanceof JobClaim.HeldElsewhere held) {
            LOG.info("Job {} is running on worker {} (claim until {}); its work message is queued again for later"
                    + " instead of starting a second run", jobId, held.owner(), held.until() == null ? "its end"
                    : held.until());
            exchange.setProperty(HELD_ELSEWHERE, held);
            return;
        }
        JobContext started = ((JobClaim.Started) claim).job();
        exchange.setProperty(JobContext.PROPERTY, started);
        // However the attempt ends (success, failure, rollback for redelivery), its claim ends with it.
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    jobs.release(started.getJobId());
                } catch (SQLException e) {
                    LOG.warn("Job {}: could not end this worker's claim ({}); another worker can take the job when"
                            + " the claim runs out", started.getJobId(), e.getMessage());
                }
            }
        });
        // Waits for SEC are not failed attempts: each one starts the job once more.
        if (started.getAttempt() - started.getSecRetries() > maxAttempts) {
            // Failed attempts end at maxAttempts (isLastAttempt); starting more means earlier ones never ended:
            // the JVM stopped in each, and trying again may only stop it again.
            throw new PermanentFailure("started " + started.getAttempt() + " times without finishing: the"
                    + " application stopped during each attempt (crash, kill or out of memory?); look for job "
                    + started.getJobId() + " in its log, then submit the company again");
        }
        LOG.info("Job {} started for {} (attempt {})", started.getJobId(), started.describe(), started.getAttempt());
    }

    /**
     * When the work message of a job another attempt holds is to be delivered again, as the broker's scheduled
     * delivery time (epoch milliseconds, Artemis header {@code _AMQ_SCHED_DELIVERY}). camel-jms's deliveryDelay is
     * not applied when the message keeps its priority (preserveMessageQos).
     */
    public long heldRecheckAt() {
        return System.currentTimeMillis() + heldRecheck.toMillis();
    }

    public boolean needsTickerMap(Exchange exchange) throws SQLException {
        JobContext job = job(exchange);
        return job.getCompany().ticker() != null && directory.isTickerMapStale();
    }

    public void resolveCompany(Exchange exchange) throws SQLException {
        JobContext job = job(exchange);
        job.setCik(directory.resolve(job.getCompany()));
        if (job.getTicker() == null) {
            // Asked by CIK: the map's ticker until the submissions name one; a job ending before them has no other.
            directory.tickerForCik(job.getCik()).ifPresent(job::setTicker);
        }
        jobs.progress(job);
    }

    /** True when any worker loaded this company within jobs.refetch-after-minutes; the job then ends at once. */
    public boolean loadedRecently(Exchange exchange) throws SQLException {
        if (refetchAfter.isZero()) {
            return false;
        }
        JobContext job = job(exchange);
        Optional<java.time.Instant> loaded = jobs.loadedWithMetricsAt(job.getCik());
        if (loaded.isEmpty() || loaded.get().isBefore(java.time.Instant.now().minus(refetchAfter))) {
            return false;
        }
        if (job.getCompanyName() == null) {
            // Submissions are not read again either: the name stored by the load that is still fresh.
            jobs.companyName(job.getCik()).ifPresent(job::setCompanyName);
        }
        job.warn("not fetched again: facts loaded at " + loaded.get() + ", within jobs.refetch-after-minutes="
                + refetchAfter.toMinutes());
        LOG.info("Job {}: {} was loaded at {}; not fetched again", job.getJobId(), job.describe(), loaded.get());
        return true;
    }

    public void progress(Exchange exchange) throws SQLException {
        jobs.progress(job(exchange));
    }

    /** SEC lists older filing pages it no longer serves now and then; the job goes on without them. */
    public void missingFilingsPage(Exchange exchange) {
        SecNotFoundException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, SecNotFoundException.class);
        job(exchange).warn("older filings page not found: " + (e == null ? "?" : e.url()));
    }

    /**
     * A submissions 404 means SEC has no such company: say that, not "404". When SEC's ticker map lists the CIK (a
     * job by ticker, or a cached map), only the document is missing: a delisted or merged company, or a mirror
     * without it.
     */
    public void unknownCik(Exchange exchange) {
        JobContext job = job(exchange);
        SecNotFoundException notFound = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, SecNotFoundException.class);
        String where = notFound == null ? "" : ": HTTP 404 for " + notFound.url();
        String ticker = job.getTicker();
        if (ticker != null) {
            throw new UnknownCompanyException("SEC has no submissions document for " + ticker + " (CIK "
                    + job.getCik() + " in SEC's ticker map)" + where);
        }
        // A CIK the cached ticker map lists has its ticker by now (resolveCompany): this one SEC does not know.
        throw new UnknownCompanyException("SEC has no company with CIK " + job.getCik()
                + " (submissions document not found" + where + ")");
    }

    /**
     * Says on the job's row, while it waits, that SEC traffic is paused and until when: a job held for minutes
     * by a rate-limit pause otherwise looks stuck in "running" with no reason.
     */
    public void waitingForSec(Exchange exchange) throws SQLException {
        JobContext job = exchange.getProperty(JobContext.PROPERTY, JobContext.class);
        String pauseNotice = exchange.getProperty("secPauseNotice", String.class);
        if (job == null || pauseNotice == null || job.getWarnings().contains(pauseNotice)) {
            return;
        }
        job.warn(pauseNotice);
        jobs.progress(job);
    }

    /** SEC serves companyfacts only for filers with XBRL financial data (not individuals, not most funds). */
    public void noCompanyFacts(Exchange exchange) {
        JobContext job = job(exchange);
        SecNotFoundException notFound = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, SecNotFoundException.class);
        throw new NoFinancialDataException("SEC publishes no XBRL financial data (companyfacts) for "
                + job.describe() + (job.getCompanyName() == null ? "" : " " + job.getCompanyName())
                + "; its profile and filings list were stored (" + job.getFilingsStored() + " new filings)"
                + (notFound == null ? "" : "; HTTP 404 for " + notFound.url()));
    }

    public JobEvent succeeded(Exchange exchange) throws SQLException {
        return jobs.succeed(job(exchange));
    }

    public JobEvent failed(Exchange exchange) throws SQLException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "unknown failure" : cause.getMessage();
        String url = exchange.getProperty(SecUrls.URL_PROPERTY, String.class);
        if (cause instanceof MalformedDocumentException && url != null && !reason.contains(url)) {
            // Which document: the same reason for the submissions and the companyfacts of a company reads alike.
            reason = reason + " (" + url + ")";
        }
        JobContext job = exchange.getProperty(JobContext.PROPERTY, JobContext.class);
        if (job == null) {
            throw new IllegalStateException("job failed before it started: " + reason, cause);
        }
        return jobs.fail(job, reason);
    }

    /** No DNS answer for an SEC host: retrying cannot help, and the fix is the network or a local mirror. */
    public JobEvent hostUnknown(Exchange exchange) throws SQLException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        return jobs.fail(job(exchange), "cannot resolve " + (cause == null ? "the SEC host" : cause.getMessage())
                + ": no network or DNS here? Check the connection, or serve SEC files locally and point"
                + " sec.www-base-url / sec.data-base-url at them (e.g. ingest TICKER --sec-mirror DIR)");
    }

    /**
     * SEC kept failing through every retry of the stage. A nightly job that nobody waits for waits and is tried
     * again later, so an SEC outage during the run does not fail every company after it: the job goes back to
     * pending and properties {@link #REQUEUE_JOB_ID}, {@link #REQUEUE_PRIORITY} and {@link #REQUEUE_AT} say which
     * work message to queue for when; the result is null. Any other job fails, and its completion event is
     * returned.
     */
    public JobEvent secFailed(Exchange exchange) throws SQLException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        // Not Exchange.REDELIVERY_COUNTER: Camel removes it before a handled onException runs (it always read 1).
        int attempts = Math.max(1, io.benchmarkos.ingest.sec.SecResponses.attempts(exchange));
        String message = cause == null ? "?" : String.valueOf(cause.getMessage());
        // Our own SEC exceptions name the URL; a socket's "Read timed out" does not.
        String url = exchange.getProperty(SecUrls.URL_PROPERTY, String.class);
        if (url != null && !message.contains(url)) {
            message = (cause == null ? "" : cause.getClass().getSimpleName() + ": ") + message + " (" + url + ")";
        }
        String reason = "SEC request failed after " + attempts + " HTTP attempts: " + message;
        JobContext job = job(exchange);
        java.time.Instant retryAt = java.time.Instant.now().plus(secRetryAfter);
        if (job.getBatchId() != null && jobs.waitForSec(job, reason, retryAt, secRetries)) {
            int retry = job.getSecRetries() + 1;
            LOG.warn("Job {} for {} (nightly run {}) waits for SEC: {}. It is tried again at {} (wait {} of {});"
                    + " its run goes on meanwhile", job.getJobId(), job.describe(), job.getBatchId(), reason,
                    retryAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), retry, secRetries);
            exchange.setProperty(REQUEUE_JOB_ID, job.getJobId());
            exchange.setProperty(REQUEUE_PRIORITY, exchange.getProperty(WORK_PRIORITY));
            exchange.setProperty(REQUEUE_AT, retryAt.toEpochMilli());
            return null;
        }
        if (job.getSecRetries() > 0) {
            reason = reason + " (tried " + (job.getSecRetries() + 1) + " times, " + secRetryAfter.toSeconds()
                    + " s apart)";
        }
        return jobs.fail(job, reason);
    }

    /** The job a work message is about, for log lines of a failure that may come before or after it started. */
    public String jobIdOf(Exchange exchange) {
        JobContext job = exchange.getProperty(JobContext.PROPERTY, JobContext.class);
        if (job != null) {
            return job.getJobId();
        }
        return exchange.getProperty(REQUEUE_JOB_ID, "(not known yet)", String.class);
    }

    public boolean isLastAttempt(Exchange exchange) {
        return deliveries(exchange) >= maxAttempts;
    }

    private static int deliveries(Exchange exchange) {
        Integer fromStart = exchange.getProperty(DELIVERY_COUNT, Integer.class);
        return fromStart != null ? fromStart
                : exchange.getMessage().getHeader("JMSXDeliveryCount", Integer.MAX_VALUE, Integer.class);
    }

    /**
     * The last attempt failed unexpectedly: the job fails with the reason, the work message goes to the
     * dead-letter queue carrying the reason, and the event to publish is kept in property {@code jobEvent}.
     */
    public void deadLetter(Exchange exchange) throws SQLException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = (cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": "
                + cause.getMessage()) + " (after " + deliveries(exchange) + " deliveries; jobs.max-attempts="
                + maxAttempts + ")";
        JobContext job = exchange.getProperty(JobContext.PROPERTY, JobContext.class);
        Message message = exchange.getMessage();
        // Before the job started, the body is still the work message: its job id.
        String jobId = job != null ? job.getJobId() : String.valueOf(message.getBody(String.class)).trim();
        Optional<JobEvent> event = job != null ? Optional.of(jobs.fail(job, reason)) : jobs.fail(jobId, reason);
        // The entry is the work message again, not what the failed stage left: that was an SEC document (up to
        // 200 MB in the broker's journal) under SEC's HTTP headers, and named no job.
        message.getHeaders().clear();
        message.setBody(jobId);
        message.setHeader(WorkMessages.JOB_ID_HEADER, jobId);
        message.setHeader(DEAD_LETTER_REASON, reason);
        message.setHeader("deadLetterFrom", "job-worker");
        event.ifPresent(e -> exchange.setProperty("jobEvent", e));
        LOG.error("Job {} dead-lettered: {}. Inspect queue ingest.dead-letter and resubmit once the cause is fixed",
                jobId, reason);
    }

    /** A request that cannot be read: dead-letter it with the reason and answer the sender with the error. */
    public void rejected(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "unreadable job message" : cause.getMessage();
        exchange.getMessage().setHeader(DEAD_LETTER_REASON, reason);
        exchange.getMessage().setHeader("deadLetterFrom", "job-intake");
        Message message = exchange.getMessage();
        // Enough to find the sender and the message (kept on the dead-letter queue); the body may be anything.
        LOG.warn("Job request rejected: {} (JMS message {}, correlation id {}); it is kept on the dead-letter queue",
                reason, message.getHeader("JMSMessageID", "-", String.class),
                Optional.ofNullable(message.getHeader("JMSCorrelationID", String.class))
                        .orElse(message.getHeader("correlationId", "-", String.class)));
    }

    /** The answer to a rejected request's JMSReplyTo: {"error": reason}, the reason quoted as JSON requires. */
    public String rejectionReply(Exchange exchange) {
        String reason = exchange.getMessage().getHeader(DEAD_LETTER_REASON, "unreadable job message", String.class);
        return "{\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(reason)) + "\"}";
    }

    /** The job row exists but its work message could not be queued: fail it so that a new request starts afresh. */
    public void enqueueFailed(Exchange exchange) throws Exception {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        JobTicket ticket = exchange.getProperty("ticket", JobTicket.class);
        JobNotQueuedException notQueued = new JobNotQueuedException(ticket.jobId(), cause);
        jobs.fail(ticket.jobId(), NOT_RUN + "the message broker did not take its work message ("
                + JobNotQueuedException.describe(cause) + "); a JMS request is redelivered as a new job, an HTTP"
                + " caller was answered 503 and has to send it again");
        LOG.error("{}", notQueued.getMessage());
        throw notQueued;
    }

    private static JobContext job(Exchange exchange) {
        return exchange.getProperty(JobContext.PROPERTY, JobContext.class);
    }
}
