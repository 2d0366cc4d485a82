package io.benchmarkos.ingest.jobs;

import io.benchmarkos.ingest.sec.CompanyDirectory;
import io.benchmarkos.ingest.SqlRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job table: pending → running → succeeded | failed, with timestamps, attempts, counts and reason.
 * At most one job per company is pending or running; {@code active_job}'s primary key enforces it across
 * any number of worker JVMs sharing the database.
 */
public class JobStore {

    private static final Logger LOG = LoggerFactory.getLogger(JobStore.class);
    private static final int MAX_REASON = 3900;

    private final DataSource dataSource;
    private final CompanyDirectory directory;
    private final Clock clock;
    private final int onDemandPriority;
    private final int batchPriority;
    /** How long a claim on a job holds without renewal: a worker that died frees its jobs after this. */
    private final Duration lease;
    /** This JVM as the owner of leases. */
    private final String workerId;
    private final Set<String> runningHere = ConcurrentHashMap.newKeySet();

    public JobStore(DataSource dataSource, CompanyDirectory directory, Clock clock, int onDemandPriority,
                    int batchPriority, Duration lease, String workerId) {
        this.workerId = workerId;
        this.lease = lease;
        this.dataSource = dataSource;
        this.directory = directory;
        this.clock = clock;
        this.onDemandPriority = onDemandPriority;
        this.batchPriority = batchPriority;
    }

    /** Records a new pending job, or returns the pending or running job that already exists for the company. */
    public JobTicket submit(JobRequest request) throws SQLException {
        String companyKey = companyKey(request.company());
        int priority = priorityOf(request);
        String jobId = UUID.randomUUID().toString();
        Timestamp now = now();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                insertActive(c, companyKey, jobId, now);
                insertJob(c, jobId, companyKey, request, priority, now);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                Optional<String> existing = activeJob(c, companyKey);
                if (existing.isEmpty()) {
                    throw e;
                }
                LOG.info("Job for {} already {} as {}; not queued twice", request.company().display(),
                        "pending or running", existing.get());
                // The existing job as it is, its queue priority included (JobPromotion may move it ahead).
                Map<String, Object> row = readJob(c, existing.get()).orElse(Map.of());
                return new JobTicket(existing.get(), request.company().display(),
                        (String) row.getOrDefault("status", JobStatus.PENDING.label()),
                        row.get("priority") instanceof Number stored ? stored.intValue() : priority, true);
            }
        }
        LOG.info("Job {} accepted for {} ({}, requested by {})", jobId, request.company().display(),
                request.batch() ? "batch" : "on-demand", request.requestedBy() == null ? "-" : request.requestedBy());
        return new JobTicket(jobId, request.company().display(), JobStatus.PENDING.label(), priority, false);
    }

    /** The queue priority of a request: on-demand jobs go ahead of the nightly refresh's. */
    public int priorityOf(JobRequest request) {
        return request.batch() ? batchPriority : onDemandPriority;
    }

    /** Records the priority of the job's work message after {@link JobPromotion} sent it again. */
    public void changePriority(String jobId, int priority) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE ingest_job SET priority = ? WHERE id = ?")) {
            s.setInt(1, priority);
            s.setString(2, jobId);
            s.executeUpdate();
        }
    }

    /**
     * Claims the job for one more attempt on this worker JVM, unless it has finished (the message is a repeat: the
     * stored outcome comes back, so its event can be published again) or another attempt holds it. A claim is a
     * lease: {@link #renewLeases} keeps it while the attempt runs and {@link #release} ends it, so a worker that
     * died frees its jobs within one lease, and a message redelivered while a live worker runs the job waits.
     */
    public JobClaim start(String jobId) throws SQLException {
        Instant startedAt = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            Map<String, Object> row = readJob(c, jobId).orElseThrow(
                    () -> new InvalidJobException("work message names job " + jobId + " which does not exist"));
            if (isFinished(row)) {
                return new JobClaim.Finished(storedEvent(row));
            }
            // Two consumer threads of this JVM share its lease owner: the set tells them apart.
            if (!runningHere.add(jobId)) {
                return new JobClaim.HeldElsewhere(workerId + " (another thread of this worker)", null);
            }
            boolean claimed = false;
            try {
                claimed = claim(c, jobId, startedAt);
                if (!claimed) {
                    Map<String, Object> now = readJob(c, jobId).orElseThrow();
                    return isFinished(now) ? new JobClaim.Finished(storedEvent(now)) : new JobClaim.HeldElsewhere(
                            (String) now.get("lease_owner"), instant(now.get("lease_until")));
                }
            } finally {
                if (!claimed) {
                    runningHere.remove(jobId);
                }
            }
            row = readJob(c, jobId).orElseThrow();
            // The job's duration counts from its first attempt's start: a retry does not restart the clock.
            JobContext job = new JobContext(jobId, refOf(row), (Integer) row.get("years"),
                    (String) row.get("correlation_id"), (String) row.get("batch_id"),
                    ((Number) row.get("attempts")).intValue(), startedAt(row));
            if (row.get("ticker") != null) {
                job.setTicker((String) row.get("ticker"));
            }
            job.setSecRetries((int) number(row, "sec_retries"));
            if (job.getSecRetries() > 0) {
                job.warn("tried again after waiting for SEC (" + job.getSecRetries() + " time(s)); the last try: "
                        + row.get("reason"));
            }
            return new JobClaim.Started(job);
        }
    }

    /** Only when no live claim is held: the row is pending, its lease ran out, or it is this JVM's own. */
    private boolean claim(Connection c, String jobId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE ingest_job SET status = ?, attempts = attempts + 1,"
                + " started_at = COALESCE(started_at, ?), updated_at = ?, lease_owner = ?, lease_until = ?,"
                + " retry_at = NULL"
                + " WHERE id = ? AND status IN (?, ?)"
                + " AND (lease_until IS NULL OR lease_until < ? OR lease_owner = ?)")) {
            Timestamp at = Timestamp.from(now);
            s.setString(1, JobStatus.RUNNING.label());
            s.setTimestamp(2, at);
            s.setTimestamp(3, at);
            s.setString(4, workerId);
            s.setTimestamp(5, Timestamp.from(now.plus(lease)));
            s.setString(6, jobId);
            s.setString(7, JobStatus.PENDING.label());
            s.setString(8, JobStatus.RUNNING.label());
            s.setTimestamp(9, at);
            s.setString(10, workerId);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Puts a running nightly job back to pending until {@code retryAt}, with the reason it waits, when nobody waits
     * for it (it still has the batch priority: not moved ahead for a person) and it has waited fewer than
     * {@code maxRetries} times. The caller queues its work message for that time. False when it may not wait.
     */
    public boolean waitForSec(JobContext job, String reason, Instant retryAt, int maxRetries) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE ingest_job SET status = ?, sec_retries = sec_retries + 1,"
                     + " retry_at = ?, reason = ?, updated_at = ?, cik = COALESCE(?, cik),"
                     + " ticker = COALESCE(?, ticker), company_name = COALESCE(?, company_name)"
                     + " WHERE id = ? AND status = ? AND batch_id IS NOT NULL AND priority <= ? AND sec_retries < ?")) {
            s.setString(1, JobStatus.PENDING.label());
            s.setTimestamp(2, Timestamp.from(retryAt));
            s.setString(3, truncate(reason));
            s.setTimestamp(4, now());
            setLong(s, 5, job.getCik());
            s.setString(6, job.getTicker());
            s.setString(7, job.getCompanyName());
            s.setString(8, job.getJobId());
            s.setString(9, JobStatus.RUNNING.label());
            s.setInt(10, batchPriority);
            s.setInt(11, maxRetries);
            return s.executeUpdate() == 1;
        }
    }

    /** Ends this worker's claim on the job when its attempt ends, however it ended. */
    public void release(String jobId) throws SQLException {
        runningHere.remove(jobId);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE ingest_job SET lease_owner = NULL, lease_until = NULL"
                     + " WHERE id = ? AND lease_owner = ?")) {
            s.setString(1, jobId);
            s.setString(2, workerId);
            s.executeUpdate();
        }
    }

    /** The heartbeat of this worker: its running jobs stay its own for one more lease. */
    public void renewLeases() throws SQLException {
        if (runningHere.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE ingest_job SET lease_until = ? WHERE lease_owner = ?"
                     + " AND status = ?")) {
            s.setTimestamp(1, Timestamp.from(clock.instant().plus(lease)));
            s.setString(2, workerId);
            s.setString(3, JobStatus.RUNNING.label());
            s.executeUpdate();
        }
    }

    /** Embedded profile at start-up: no other JVM can be running these jobs (the journal lock proves it). */
    public void clearLeases() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE ingest_job SET lease_owner = NULL, lease_until = NULL"
                     + " WHERE lease_owner IS NOT NULL")) {
            s.executeUpdate();
        }
    }

    private static boolean isFinished(Map<String, Object> row) {
        return JobStatus.valueOf(((String) row.get("status")).toUpperCase(Locale.ROOT)).isFinished();
    }

    /** The completion event of a finished job, as its row records it. */
    private static JobEvent storedEvent(Map<String, Object> row) {
        Instant started = instant(row.get("started_at"));
        Instant finished = instant(row.get("finished_at"));
        String warnings = (String) row.get("warnings");
        return new JobEvent((String) row.get("id"), (String) row.get("correlation_id"), (String) row.get("batch_id"),
                (String) row.get("ticker"), row.get("cik") == null ? null : ((Number) row.get("cik")).longValue(),
                (String) row.get("company_name"), (String) row.get("status"), number(row, "facts_read"),
                number(row, "facts_inserted"), number(row, "facts_updated"), number(row, "facts_unchanged"),
                (int) number(row, "filings_stored"),
                started == null || finished == null ? 0 : Duration.between(started, finished).toMillis(), finished,
                (String) row.get("reason"), warnings == null ? List.of() : List.of(warnings.split("\n")));
    }

    private static long number(Map<String, Object> row, String column) {
        return row.get(column) instanceof Number n ? n.longValue() : 0;
    }

    /**
     * Writes what the job has learned so far (company, CIK, warnings) and proves it is alive to the stale-job
     * sweeper.
     */
    public void progress(JobContext job) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE ingest_job SET cik = ?, ticker = ?, company_name = ?,"
                     + " warnings = ?, updated_at = ? WHERE id = ?")) {
            setLong(s, 1, job.getCik());
            s.setString(2, job.getTicker());
            s.setString(3, job.getCompanyName());
            s.setString(4, warnings(job));
            s.setTimestamp(5, now());
            s.setString(6, job.getJobId());
            s.executeUpdate();
        }
    }

    /** One warning a line: a warning may itself contain "; ", so that cannot separate them. */
    private static String warnings(JobContext job) {
        return job.getWarnings().isEmpty() ? null : truncate(String.join("\n", job.getWarnings()));
    }

    public JobEvent succeed(JobContext job) throws SQLException {
        return finish(job, JobStatus.SUCCEEDED, null);
    }

    public JobEvent fail(JobContext job, String reason) throws SQLException {
        return finish(job, JobStatus.FAILED, reason);
    }

    /** Fails a job known only by id (a dead-lettered message whose context was lost). */
    public Optional<JobEvent> fail(String jobId, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<Map<String, Object>> row = readJob(c, jobId);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            JobContext job = new JobContext(jobId, refOf(row.get()), null, (String) row.get().get("correlation_id"),
                    (String) row.get().get("batch_id"), 0, startedAt(row.get()));
            // What the attempt learned about the company is on the row: the event must name it (ticker header).
            if (row.get().get("ticker") != null) {
                job.setTicker((String) row.get().get("ticker"));
            }
            if (row.get().get("cik") instanceof Number cik) {
                job.setCik(cik.longValue());
            }
            job.setCompanyName((String) row.get().get("company_name"));
            return Optional.of(finish(job, JobStatus.FAILED, reason));
        }
    }

    /**
     * Running jobs that have not moved for longer than the given seconds and that no live worker claims: their
     * worker is gone and no other took the job over. A job whose worker still renews its claim is left to it (a slow
     * download is bounded by {@code sec.max-download-seconds}); failing it here would let its run finish after the
     * failure was announced.
     */
    public List<JobEvent> failStale(long staleAfterSeconds) throws SQLException {
        Duration staleAfter = Duration.ofSeconds(staleAfterSeconds);
        List<String> stale = new ArrayList<>();
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id FROM ingest_job WHERE status = ? AND updated_at < ?"
                     + " AND (lease_until IS NULL OR lease_until < ?)")) {
            s.setString(1, JobStatus.RUNNING.label());
            s.setTimestamp(2, Timestamp.from(now.minus(staleAfter)));
            s.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stale.add(rs.getString(1));
                }
            }
        }
        List<JobEvent> events = new ArrayList<>();
        for (String id : stale) {
            fail(id, "no progress for " + describe(staleAfter) + " and no live worker claims it: the worker running"
                    + " it stopped; submit the company again").ifPresent(events::add);
        }
        return events;
    }

    /** Jobs pending or running, oldest first: after a restart of the only instance, each needs a work message. */
    public List<UnfinishedJob> unfinished() throws SQLException {
        List<UnfinishedJob> unfinished = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, status, attempts, priority FROM ingest_job"
                     + " WHERE status IN (?, ?) ORDER BY created_at")) {
            s.setString(1, JobStatus.PENDING.label());
            s.setString(2, JobStatus.RUNNING.label());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    unfinished.add(new UnfinishedJob(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4)));
                }
            }
        }
        return unfinished;
    }

    /** "90 seconds", "5 minutes": a short stale limit (a test, a demo) must not read "0 minutes". */
    static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + (seconds == 60 ? " minute" : " minutes")
                : seconds + (seconds == 1 ? " second" : " seconds");
    }

    /**
     * When the company's facts were last stored, by any worker, and its metrics computed from them: empty while the
     * metrics are older than the facts (the metrics step failed after the facts were committed).
     */
    public Optional<Instant> loadedWithMetricsAt(long cik) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT facts_loaded_at FROM company WHERE cik = ?"
                     + " AND metrics_computed_at >= facts_loaded_at")) {
            s.setLong(1, cik);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) != null ? Optional.of(rs.getTimestamp(1).toInstant())
                        : Optional.empty();
            }
        }
    }

    /** The company's name as its last submissions document gave it, if it was loaded. */
    public Optional<String> companyName(long cik) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT name FROM company WHERE cik = ?")) {
            s.setLong(1, cik);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Deletes finished jobs older than the retention; returns how many. */
    public int purgeFinished(int retentionDays) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM ingest_job WHERE status IN (?, ?)"
                     + " AND finished_at < ?")) {
            s.setString(1, JobStatus.SUCCEEDED.label());
            s.setString(2, JobStatus.FAILED.label());
            s.setTimestamp(3, Timestamp.from(clock.instant().minus(Duration.ofDays(retentionDays))));
            int purged = s.executeUpdate();
            if (purged > 0) {
                LOG.info("Purged {} finished jobs older than {} days", purged, retentionDays);
            }
            return purged;
        }
    }

    /** The job's row, its warnings as a list (as in the completion event). */
    public Optional<Map<String, Object>> find(String jobId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<Map<String, Object>> row = readJob(c, jobId);
            row.ifPresent(job -> job.computeIfPresent("warnings", (column, text) -> List.of(((String) text)
                    .split("\n"))));
            return row;
        }
    }

    private JobEvent finish(JobContext job, JobStatus status, String reason) throws SQLException {
        Instant finished = clock.instant();
        String warnings = warnings(job);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("UPDATE ingest_job SET status = ?, finished_at = ?,"
                    + " updated_at = ?, cik = COALESCE(?, cik), ticker = COALESCE(?, ticker),"
                    + " company_name = COALESCE(?, company_name), facts_read = ?, facts_inserted = ?,"
                    + " facts_updated = ?, facts_unchanged = ?, filings_stored = ?, reason = ?, warnings = ?"
                    + " WHERE id = ? AND status NOT IN (?, ?)");
                 PreparedStatement release = c.prepareStatement("DELETE FROM active_job WHERE job_id = ?")) {
                update.setString(1, status.label());
                update.setTimestamp(2, Timestamp.from(finished));
                update.setTimestamp(3, Timestamp.from(finished));
                setLong(update, 4, job.getCik());
                update.setString(5, job.getTicker());
                update.setString(6, job.getCompanyName());
                update.setLong(7, job.getFactsRead());
                update.setLong(8, job.getFactsInserted());
                update.setLong(9, job.getFactsUpdated());
                update.setLong(10, job.getFactsUnchanged());
                update.setInt(11, job.getFilingsStored());
                update.setString(12, reason == null ? null : truncate(reason));
                update.setString(13, warnings);
                update.setString(14, job.getJobId());
                update.setString(15, JobStatus.SUCCEEDED.label());
                update.setString(16, JobStatus.FAILED.label());
                if (update.executeUpdate() == 0) {
                    c.rollback();
                    return alreadyFinished(c, job, status);
                }
                release.setString(1, job.getJobId());
                release.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        long millis = Duration.between(job.getStartedAt(), finished).toMillis();
        return new JobEvent(job.getJobId(), job.getCorrelationId(), job.getBatchId(), job.getTicker(), job.getCik(),
                job.getCompanyName(), status.label(), job.getFactsRead(), job.getFactsInserted(),
                job.getFactsUpdated(), job.getFactsUnchanged(), job.getFilingsStored(), millis, finished, reason,
                List.copyOf(job.getWarnings()));
    }

    /**
     * A job finished once stays finished: an attempt that ends after the job was failed elsewhere (the sweeper, a
     * dead letter) does not turn it round. The recorded outcome's event is returned, so a second event repeats it.
     */
    private JobEvent alreadyFinished(Connection c, JobContext job, JobStatus attempted) throws SQLException {
        Map<String, Object> row = readJob(c, job.getJobId()).orElseThrow(
                () -> new SQLException("job " + job.getJobId() + " has no row to finish"));
        JobEvent recorded = storedEvent(row);
        LOG.warn("Job {} for {} had already finished as {} ({}); this attempt's outcome ({}) is not recorded",
                job.getJobId(), job.describe(), recorded.status(), recorded.reason(), attempted.label());
        return recorded;
    }

    /** The key under which the company may have one pending or running job: its CIK once its ticker is known. */
    public String companyKey(CompanyRef ref) throws SQLException {
        if (ref.ticker() != null) {
            Optional<Long> cik = directory.cikForTicker(ref.ticker());
            if (cik.isPresent()) {
                return "CIK:" + cik.get();
            }
        }
        return ref.key();
    }

    private static void insertActive(Connection c, String key, String jobId, Timestamp now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO active_job (company_key, job_id, since) VALUES (?, ?, ?)")) {
            s.setString(1, key);
            s.setString(2, jobId);
            s.setTimestamp(3, now);
            s.executeUpdate();
        }
    }

    private static void insertJob(Connection c, String jobId, String key, JobRequest request, int priority,
                                  Timestamp now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ingest_job (id, company_key, ticker, cik, status,"
                + " priority, years, requested_by, correlation_id, batch_id, attempts, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
            s.setString(1, jobId);
            s.setString(2, key);
            s.setString(3, request.company().ticker());
            setLong(s, 4, request.company().cik());
            s.setString(5, JobStatus.PENDING.label());
            s.setInt(6, priority);
            if (request.years() == null) {
                s.setNull(7, Types.INTEGER);
            } else {
                s.setInt(7, request.years());
            }
            s.setString(8, request.requestedBy());
            s.setString(9, request.correlationId());
            s.setString(10, request.batchId());
            s.setTimestamp(11, now);
            s.setTimestamp(12, now);
            s.executeUpdate();
        }
    }

    private static Optional<String> activeJob(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT job_id FROM active_job WHERE company_key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static Optional<Map<String, Object>> readJob(Connection c, String jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM ingest_job WHERE id = ?")) {
            s.setString(1, jobId);
            List<Map<String, Object>> rows = SqlRows.of(s);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    /**
     * What the job asked for, from the key it was submitted under: a job submitted by CIK stays a CIK job even after
     * it learned the company's ticker (a redelivered attempt must not depend on the ticker map).
     */
    private static CompanyRef refOf(Map<String, Object> row) {
        String key = (String) row.get("company_key");
        if (key.startsWith("CIK:")) {
            return new CompanyRef(null, Long.parseLong(key.substring(4)));
        }
        return new CompanyRef(key.substring(key.indexOf(':') + 1), null);
    }

    private Instant startedAt(Map<String, Object> row) {
        Instant started = instant(row.get("started_at"));
        return started != null ? started : clock.instant();
    }

    private static Instant instant(Object column) {
        return column instanceof Instant i ? i : null;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    private static String truncate(String text) {
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }
}
