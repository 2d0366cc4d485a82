package io.benchmarkos.ingest.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.benchmarkos.ingest.HousekeepingFailures;
import io.benchmarkos.ingest.api.ApiQueries;
import io.benchmarkos.ingest.jobs.CompanyRef;
import io.benchmarkos.ingest.jobs.InvalidJobException;
import io.benchmarkos.ingest.jobs.JobStore;
import io.benchmarkos.ingest.jobs.JobTicket;
import io.benchmarkos.ingest.sec.CompanyDirectory;
import org.apache.camel.Exchange;
import io.benchmarkos.ingest.SqlRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The batch run record ({@code batch_run}, {@code batch_item}) and the steps of routes/batch.yaml. Counts are never
 * kept in memory: every progress check recomputes them from the item rows and the job rows they link to.
 */
public class BatchRuns {

    public static final String ITEM_PROPERTY = "batchItem";
    private static final Logger LOG = LoggerFactory.getLogger(BatchRuns.class);
    private static final int MAX_REASON = 3900;
    private static final String ITEM_JOIN = " FROM batch_item i LEFT JOIN ingest_job j ON j.id = i.job_id"
            + " WHERE i.batch_id = ?";

    private final DataSource dataSource;
    private final CompanyDirectory directory;
    private final JobStore jobs;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration freshFor;
    private final String coverageList;
    /** Runs started before this instant belong to an earlier process of this application. */
    private final Instant bootedAt;
    private final BatchSchedulers schedulers;
    /** Runs of this process whose companies a pass of the batch-submit route is queuing now, or is about to. */
    private final Set<String> queuing = ConcurrentHashMap.newKeySet();

    public BatchRuns(DataSource dataSource, CompanyDirectory directory, JobStore jobs, ObjectMapper mapper,
                     Clock clock, Duration freshFor, String coverageList, BatchSchedulers schedulers) {
        this.schedulers = schedulers;
        this.dataSource = dataSource;
        this.directory = directory;
        this.jobs = jobs;
        this.mapper = mapper;
        this.clock = clock;
        this.freshFor = freshFor;
        this.coverageList = coverageList;
        this.bootedAt = clock.instant();
    }

    /**
     * Records a new running run over {@code listText} (tickers or CIKs, one a line), or over the configured
     * coverage list when it is blank and has no {@code listName}; a list sent in the request is named after
     * {@code listName} (its file).
     * Returns the run's id, list and size.
     */
    public synchronized Map<String, Object> open(String listText, String triggeredBy, String listName)
            throws SQLException {
        // A listName says a list was sent: sent empty, it is refused below, not swapped for the configured list.
        boolean sent = listText != null && !listText.isBlank() || listName != null && !listName.isBlank();
        if (sent) {
            return openRun(usable(CoverageList.parse(sentListName(listName), listText == null ? "" : listText)),
                    triggeredBy);
        }
        CoverageList list;
        try {
            list = configuredList();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // Nobody waits on a scheduled run's answer: without a record the night's failure would not show.
            String reason = reasonOf(e);
            throw new BatchListUnusableException("batch run " + recordFailed(triggeredBy, reason) + " failed: "
                    + reason);
        }
        return openRun(list, triggeredBy);
    }

    /**
     * At start-up: a configured list that cannot be used fails every scheduled run, which nobody would notice
     * until the morning.
     */
    public void warnIfListUnusable(String schedule) {
        try {
            configuredList();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            LOG.warn("batch.coverage-list={}: {}; every scheduled batch run (batch.cron={}) will fail, recorded as"
                    + " failed, until it is fixed", coverageList, reasonOf(e), schedule);
        }
    }

    private CoverageList configuredList() {
        return usable(CoverageList.load(coverageList));
    }

    private static CoverageList usable(CoverageList list) {
        if (list.companies().isEmpty()) {
            throw new IllegalArgumentException("the coverage list " + list.name() + " names no company");
        }
        if (list.companies().stream().noneMatch(BatchRuns::isCompany)) {
            // A run of nothing but failures helps nobody (a JSON body sent as the list reads as one bad line).
            throw new IllegalArgumentException("the coverage list " + list.name() + " names no company: none of its "
                    + list.companies().size() + " lines is a ticker or CIK (" + refusal(list.companies().get(0)) + ")");
        }
        return list;
    }

    private static String reasonOf(RuntimeException e) {
        // An unreadable file: the I/O exception says why (permission denied, a folder, ...).
        return e instanceof UncheckedIOException && e.getCause() != null ? e.getMessage() + " (" + e.getCause() + ")"
                : e.getMessage();
    }

    /** A failed run (ended as it starts, no company) with the reason; returns its id. */
    private String recordFailed(String triggeredBy, String reason) throws SQLException {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(clock.instant());
        // Refused like any run beside a running one: that refusal, not the list, is then the answer.
        insideGate(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO batch_run (id, status, triggered_by,"
                    + " coverage_list, started_at, finished_at, updated_at, total, reason)"
                    + " VALUES (?, 'failed', ?, ?, ?, ?, ?, 0, ?)")) {
                s.setString(1, id);
                s.setString(2, triggeredBy == null || triggeredBy.isBlank() ? "api" : triggeredBy);
                s.setString(3, truncate(coverageList, 1000));
                s.setTimestamp(4, now);
                s.setTimestamp(5, now);
                s.setTimestamp(6, now);
                s.setString(7, truncate(reason, MAX_REASON));
                s.executeUpdate();
            }
        });
        return id;
    }

    /**
     * The companies the interrupted runs never submitted (a stop while a run was queuing its list), as a new run
     * that submits them; null when every company of those runs was submitted. The jobs those runs queued run on.
     */
    public synchronized String resumeNotSubmitted(List<BatchSummary> interrupted) throws SQLException {
        List<String> companies = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        for (BatchSummary run : interrupted) {
            List<String> notSubmitted = run.unfinished().stream().filter(f -> f.jobId() == null)
                    .map(BatchSummary.Failure::company).toList();
            if (!notSubmitted.isEmpty()) {
                companies.addAll(notSubmitted);
                runs.add(run.batchId());
            }
        }
        if (companies.isEmpty()) {
            return null;
        }
        CoverageList list = CoverageList.parse("not submitted by interrupted run " + String.join(", ", runs),
                String.join("\n", companies));
        String resumeId = (String) openRun(list, "resume").get("batchId");
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE batch_item SET disposition = 'resumed', reason = ?"
                     + " WHERE batch_id = ? AND disposition = 'pending'")) {
            for (String run : runs) {
                s.setString(1, "submitted by batch run " + resumeId);
                s.setString(2, run);
                s.executeUpdate();
            }
        }
        return resumeId;
    }

    /** Opens a run inside the batch run gate ({@link #insideGate}). */
    private Map<String, Object> openRun(CoverageList list, String triggeredBy) throws SQLException {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(clock.instant());
        insideGate(c -> {
            insertRun(c, id, triggeredBy, list, now);
            insertItems(c, id, list.companies());
        });
        queuing.add(id);
        LOG.info("Batch run {} started ({}): {} companies from {}", id, triggeredBy, list.companies().size(),
                list.name());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("batchId", id);
        run.put("status", "running");
        run.put("coverageList", list.name());
        run.put("total", list.companies().size());
        return run;
    }

    /** Writes of a run's row, given the transaction they share with the gate's lock. */
    @FunctionalInterface
    private interface RunWrite {
        void write(Connection c) throws SQLException;
    }

    /**
     * One transaction that first locks the batch run gate (V74) and refuses a run beside a running one, then writes:
     * the callers are synchronized within a process, and the lock makes a second process with batch.enabled wait
     * for this run, then see it and be refused.
     */
    private void insideGate(RunWrite write) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                lockGate(c);
                refuseIfRunning(c);
                write.write(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void lockGate(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM batch_run_gate WHERE id = 1 FOR UPDATE");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("batch_run_gate has no row: the database was not migrated by V74");
            }
        }
    }

    /** A second run beside a running one would fetch the same companies again and count them twice. */
    private static void refuseIfRunning(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, triggered_by, started_at, total FROM batch_run"
                + " WHERE status = 'running' ORDER BY started_at")) {
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    throw new BatchRunningException("batch run " + rs.getString(1) + " (" + rs.getString(2)
                            + ", " + rs.getInt(4) + " companies) is still running since "
                            + rs.getTimestamp(3).toInstant() + "; a run starts only once it has ended: follow it"
                            + " with 'batch status " + rs.getString(1) + "'");
                }
            }
        }
    }

    private static boolean isCompany(String entry) {
        return refusal(entry) == null;
    }

    /** Why the entry is not a ticker or CIK, or null when it is one. */
    private static String refusal(String entry) {
        try {
            CompanyRef.parse(entry);
            return null;
        } catch (InvalidJobException e) {
            return e.getMessage();
        }
    }

    /** The companies of the run not submitted yet, in list order. */
    public List<BatchItem> pendingItems(String batchId) throws SQLException {
        List<BatchItem> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT position, company FROM batch_item"
                     + " WHERE batch_id = ? AND disposition = 'pending' ORDER BY position")) {
            s.setString(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    items.add(new BatchItem(batchId, rs.getInt(1), rs.getString(2)));
                }
            }
        }
        return items;
    }

    /**
     * Marks the company skipped, and answers true, when its facts were loaded, and its metrics computed from them,
     * within batch.fresh-for-hours.
     */
    public boolean skipIfFresh(BatchItem item) throws SQLException {
        Optional<Instant> loaded = loadedWithMetricsAt(item.company());
        if (loaded.isEmpty() || loaded.get().isBefore(clock.instant().minus(freshFor))) {
            return false;
        }
        updateItem(item, "skipped", null, "facts loaded " + loaded.get() + ", within batch.fresh-for-hours="
                + freshFor.toHours());
        return true;
    }

    /**
     * Marks the line a duplicate, and answers true, when an earlier line of the run named the same company (msft
     * and MSFT, BRK.B and BRK-B, a ticker and its CIK): it is not submitted again and counts as skipped.
     */
    public boolean skipIfDuplicate(BatchItem item) throws SQLException {
        String key;
        try {
            key = jobs.companyKey(CompanyRef.parse(item.company()));
        } catch (InvalidJobException e) {
            return false;
        }
        // Lines are handled one after the other (the split is sequential): the earlier ones already have their key.
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE batch_item SET company_key = ?, disposition = ?,"
                     + " reason = ? WHERE batch_id = ? AND position = ?")) {
            Optional<String> earlier = earlierLineOf(c, item, key);
            s.setString(1, key);
            s.setString(2, earlier.isPresent() ? "duplicate" : "pending");
            s.setString(3, earlier.map(e -> truncate("the same company as " + e + ", listed before it", MAX_REASON))
                    .orElse(null));
            s.setString(4, item.batchId());
            s.setInt(5, item.position());
            s.executeUpdate();
            if (earlier.isPresent()) {
                LOG.info("Batch run {}: {} is the same company as {}; skipped", item.batchId(), item.company(),
                        earlier.get());
            }
            return earlier.isPresent();
        }
    }

    private static Optional<String> earlierLineOf(Connection c, BatchItem item, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT company FROM batch_item WHERE batch_id = ?"
                + " AND company_key = ? AND position < ? AND disposition <> 'duplicate' ORDER BY position")) {
            s.setString(1, item.batchId());
            s.setString(2, key);
            s.setInt(3, item.position());
            s.setMaxRows(1);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * The job message for the company, on the same path as an on-demand job but at batch priority. The run's id is
     * not in it (a job message that carries one is refused): the batch route passes it beside the message.
     */
    public String jobRequest(BatchItem item) throws Exception {
        CompanyRef ref = CompanyRef.parse(item.company());
        ObjectNode json = mapper.createObjectNode();
        if (ref.cik() != null) {
            json.put("cik", ref.cik().toString());
        } else {
            json.put("ticker", ref.ticker());
        }
        json.put("mode", "batch").put("requestedBy", "batch:" + item.batchId());
        return mapper.writeValueAsString(json);
    }

    /** After direct:submit-job: the new job, or the company's pending or running job, is tracked by the run. */
    public void submitted(Exchange exchange) throws SQLException {
        JobTicket ticket = exchange.getProperty("ticket", JobTicket.class);
        updateItem(item(exchange), ticket.duplicate() ? "already-queued" : "queued", ticket.jobId(), null);
    }

    /** The entry is not a ticker or CIK: counted as failed with the reason. */
    public void rejected(Exchange exchange) throws SQLException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "?" : cause.getMessage();
        BatchItem item = item(exchange);
        LOG.warn("Batch run {}: {} not submitted: {}", item.batchId(), item.company(), reason);
        updateItem(item, "rejected", null, reason);
    }

    /** The run is handed to a pass of the batch-submit route, which will queue its pending companies. */
    public void queuingStarted(String batchId) {
        queuing.add(batchId);
    }

    /** The pass ended, done or stopped; a stopped pass leaves its remaining companies pending. */
    public void queuingEnded(String batchId) {
        queuing.remove(batchId);
    }

    /**
     * A pass stopped by a failure of the database or broker (not of one company): the companies it had not queued
     * stay pending, and {@link #runsToQueueAgain} hands them to a new pass once the failure is over.
     */
    public void queuingStopped(Exchange exchange) {
        // The split wraps the failure of one company in its own exception: the innermost one says what failed.
        Throwable cause = HousekeepingFailures.rootCause(exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                Exception.class));
        LOG.warn("Batch run {}: queuing stopped: {}; the companies not queued yet stay pending and are queued"
                + " again within batch.check-period-ms once the database and broker answer",
                exchange.getProperty("batchId", String.class), cause == null ? "?" : cause.getMessage());
    }

    /**
     * Running runs of this process with companies still pending that no pass is queuing: their pass stopped on a
     * database or broker failure. Without this a run would wait for those companies until the process restarts.
     */
    public List<String> runsToQueueAgain() throws SQLException {
        List<String> runs = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement pending = c.prepareStatement("SELECT 1 FROM batch_item WHERE batch_id = ?"
                     + " AND disposition = 'pending' FETCH FIRST 1 ROWS ONLY")) {
            for (String id : runningRuns()) {
                pending.setString(1, id);
                try (ResultSet rs = pending.executeQuery()) {
                    if (rs.next() && !queuing.contains(id)) {
                        runs.add(id);
                    }
                }
            }
        }
        return runs;
    }

    /**
     * Running runs of this process that track the job (usually one; none for an on-demand job). A run started
     * before this process booted is left to {@link #interruptAbandoned}, so the two never race.
     */
    public List<String> runningRunsOf(String jobId) throws SQLException {
        return ids("SELECT DISTINCT r.id FROM batch_run r JOIN batch_item i ON i.batch_id = r.id"
                + " WHERE i.job_id = ? AND r.status = 'running' AND r.started_at >= ?", jobId,
                Timestamp.from(bootedAt));
    }

    /** Running runs of this process, oldest first. */
    public List<String> runningRuns() throws SQLException {
        return ids("SELECT id FROM batch_run WHERE status = 'running' AND started_at >= ? ORDER BY started_at",
                Timestamp.from(bootedAt));
    }

    /** The run's counts now (also written to its row), or null when the run is no longer running. */
    public BatchProgress progress(String batchId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<Map<String, Object>> run = readRun(c, batchId);
            if (run.isEmpty() || !"running".equals(run.get().get("status"))) {
                return null;
            }
            BatchCounts counts = counts(c, batchId, total(run.get()));
            Instant now = clock.instant();
            boolean changed = movedSince(run.get(), counts);
            writeCounts(c, batchId, counts, null, null, now);
            return new BatchProgress(batchId, (Instant) run.get().get("started_at"), now, counts, changed);
        }
    }

    /** Whether the counts differ from those the run's row holds (the row keeps pending and unfinished as one). */
    private static boolean movedSince(Map<String, Object> run, BatchCounts now) {
        return now.queued() != intOf(run, "queued") || now.alreadyQueued() != intOf(run, "already_queued")
                || now.skipped() != intOf(run, "skipped") || now.succeeded() != intOf(run, "succeeded")
                || now.failed() != intOf(run, "failed") || now.pending() + now.unfinished() != intOf(run, "unfinished");
    }

    private static int intOf(Map<String, Object> run, String column) {
        return ((Number) run.get(column)).intValue();
    }

    /** Ends a run all of whose jobs have finished; null when it is not complete or another check ended it first. */
    public BatchSummary complete(String batchId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<Map<String, Object>> run = readRun(c, batchId);
            if (run.isEmpty()) {
                return null;
            }
            BatchCounts counts = counts(c, batchId, total(run.get()));
            if (!counts.complete() || writeCounts(c, batchId, counts, "completed", clock.instant(), null) == 0) {
                return null;
            }
            return summary(c, batchId);
        }
    }

    /**
     * Runs left "running" by an earlier process (stopped or crashed): each is ended as interrupted with the
     * counts its rows show now, and its unfinished jobs listed. Their jobs stay queued and run on; the next run
     * tracks them as already queued or skips the companies they refreshed. A run whose scheduler is still seen
     * (another process, see {@link BatchSchedulers}) is that process's: it is left running.
     */
    public List<BatchSummary> interruptAbandoned() throws SQLException {
        List<BatchSummary> interrupted = new ArrayList<>();
        Set<String> live = schedulers.others().keySet();
        try (Connection c = dataSource.getConnection()) {
            for (String id : ids("SELECT id FROM batch_run WHERE status = 'running' AND started_at < ?",
                    Timestamp.from(bootedAt))) {
                Map<String, Object> run = readRun(c, id).orElseThrow();
                if (live.contains((String) run.get("scheduler"))) {
                    continue;
                }
                BatchCounts counts = counts(c, id, total(run));
                // Ended when it was last seen alive (its last progress), not now: the downtime was not its work.
                Instant lastSeen = (Instant) run.get("updated_at");
                if (writeCounts(c, id, counts, "interrupted", lastSeen, null) == 1) {
                    interrupted.add(summary(c, id));
                }
            }
        }
        return interrupted;
    }

    public void recordReport(String batchId, Path report) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE batch_run SET report_path = ? WHERE id = ?")) {
            s.setString(1, report.toString());
            s.setString(2, batchId);
            s.executeUpdate();
        }
    }

    /** The latest runs, newest first, running and interrupted ones with their counts as their rows give them now. */
    public List<Map<String, Object>> latest(String limitText) throws SQLException {
        // Refused out of range rather than clamped: a caller asking for -1 or 1000 runs learns it got something else.
        int limit = (int) ApiQueries.wholeNumber(limitText, "limit", 10, 1, 100);
        for (String running : runningRuns()) {
            progress(running);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM batch_run ORDER BY started_at DESC")) {
            s.setMaxRows(limit);
            List<Map<String, Object>> runs = SqlRows.of(s);
            for (Map<String, Object> run : runs) {
                withJobsNow(c, run);
            }
            return runs;
        }
    }

    /**
     * The run row (a map of its columns, as {@link #latest} gives it) with an interrupted run's counts as its rows
     * give them now, for the status view and the metrics; read only, like them.
     */
    public Map<String, Object> withJobsNow(Map<String, Object> run) throws SQLException {
        if (!"interrupted".equals(run.get("status"))) {
            return run;
        }
        try (Connection c = dataSource.getConnection()) {
            withJobsNow(c, run);
            return run;
        }
    }

    /**
     * An interrupted run's queued jobs run on after it was ended: its counts are recomputed from its rows, as for a
     * running run, and those its row kept from the moment it was ended are shown beside them. The row itself keeps
     * them (and the run stays interrupted): they say where it stood when it stopped.
     */
    private void withJobsNow(Connection c, Map<String, Object> run) throws SQLException {
        if (!"interrupted".equals(run.get("status"))) {
            return;
        }
        BatchCounts now = counts(c, (String) run.get("id"), total(run));
        Map<String, Object> then = new LinkedHashMap<>();
        for (String column : List.of("succeeded", "failed", "unfinished")) {
            then.put(column, run.get(column));
        }
        run.put("atInterruption", then);
        run.put("succeeded", now.succeeded());
        run.put("failed", now.failed());
        run.put("unfinished", now.unfinished() + now.pending());
    }

    /** One run with its failures and unfinished jobs. */
    public Map<String, Object> find(String batchId) throws SQLException {
        progress(batchId);
        try (Connection c = dataSource.getConnection()) {
            Map<String, Object> run = readRun(c, batchId)
                    .orElseThrow(() -> new ApiQueries.NotFoundException("no batch run " + batchId));
            run.put("failures", failures(c, batchId, false));
            run.put("unfinishedJobs", failures(c, batchId, true));
            if ("interrupted".equals(run.get("status"))) {
                withJobsNow(c, run);
                // Kept for clients that read it from before the counts above were brought up to date.
                run.put("jobsNow", Map.of("succeeded", run.get("succeeded"), "failed", run.get("failed"),
                        "unfinished", run.get("unfinished")));
                resumedBy(c, batchId).ifPresent(resumed -> run.put("resumed", resumed));
            }
            return run;
        }
    }

    /** How many of the run's companies a resume run took over, and which run: none when it left none behind. */
    private static Optional<Map<String, Object>> resumedBy(Connection c, String batchId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), MIN(reason) FROM batch_item"
                + " WHERE batch_id = ? AND disposition = 'resumed'")) {
            s.setString(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getInt(1) > 0
                        ? Optional.of(Map.of("companies", rs.getInt(1), "by", rs.getString(2)))
                        : Optional.empty();
            }
        }
    }

    /** "coverage.txt (sent with the request)": the file's own name only, printable, short enough for a log line. */
    static String sentListName(String listName) {
        String name = listName == null ? "" : listName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^\\p{Print}]", "").strip();
        if (name.length() > 100) {
            name = name.substring(0, 99) + "…";
        }
        return (name.isEmpty() ? "" : name + " ") + "(sent with the request)";
    }

    private BatchSummary summary(Connection c, String batchId) throws SQLException {
        Map<String, Object> run = readRun(c, batchId).orElseThrow();
        return new BatchSummary(batchId, (String) run.get("status"), (String) run.get("triggered_by"),
                (String) run.get("coverage_list"), (Instant) run.get("started_at"), (Instant) run.get("finished_at"),
                counts(c, batchId, total(run)), failures(c, batchId, false), failures(c, batchId, true),
                notFetched(c, batchId), null);
    }

    /** Companies skipped as fresh or as listed twice, with the reason recorded on their line. */
    private static List<BatchSummary.Failure> notFetched(Connection c, String batchId) throws SQLException {
        List<BatchSummary.Failure> entries = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT company, reason FROM batch_item WHERE batch_id = ?"
                + " AND disposition IN ('skipped', 'duplicate') ORDER BY position")) {
            s.setString(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(new BatchSummary.Failure(rs.getString(1), null, rs.getString(2)));
                }
            }
        }
        return entries;
    }

    private BatchCounts counts(Connection c, String batchId, int total) throws SQLException {
        int pending = 0, queued = 0, already = 0, skipped = 0, succeeded = 0, failed = 0, unfinished = 0;
        // Lines an interrupted run never submitted and handed to a resume run: that run counts them.
        int resumed = 0;
        try (PreparedStatement s = c.prepareStatement("SELECT i.disposition, j.status, COUNT(*)" + ITEM_JOIN
                + " GROUP BY i.disposition, j.status")) {
            s.setString(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String disposition = rs.getString(1);
                    String job = rs.getString(2);
                    int n = rs.getInt(3);
                    switch (disposition) {
                        case "pending" -> pending += n;
                        case "skipped" -> skipped += n;
                        case "rejected" -> failed += n;
                        case "duplicate" -> skipped += n;
                        case "resumed" -> resumed += n;
                        default -> {
                            if ("queued".equals(disposition)) {
                                queued += n;
                            } else {
                                already += n;
                            }
                            if ("succeeded".equals(job)) {
                                succeeded += n;
                            } else if ("failed".equals(job)) {
                                failed += n;
                            } else {
                                unfinished += n;
                            }
                        }
                    }
                }
            }
        }
        return new BatchCounts(total - resumed, pending, queued, already, skipped, succeeded, failed, unfinished);
    }

    /** Failed companies with reasons, or ({@code unfinished}) companies not submitted or whose job is still open. */
    private static List<BatchSummary.Failure> failures(Connection c, String batchId, boolean unfinished)
            throws SQLException {
        String where = unfinished
                ? " AND (i.disposition = 'pending' OR (i.job_id IS NOT NULL AND (j.status IS NULL"
                + " OR j.status NOT IN ('succeeded', 'failed'))))"
                : " AND (i.disposition = 'rejected' OR j.status = 'failed')";
        List<BatchSummary.Failure> failures = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT i.company, j.cik, i.job_id, i.disposition, j.status,"
                + " COALESCE(j.reason, i.reason), j.retry_at" + ITEM_JOIN + where + " ORDER BY i.position")) {
            s.setString(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long cik = rs.getLong(2);
                    boolean noCik = rs.wasNull();
                    String listed = rs.getString(1);
                    String company = noCik || listed.equals(Long.toString(cik)) ? listed
                            : listed + " (CIK " + cik + ")";
                    String reason = unfinished ? ("pending".equals(rs.getString(4)) ? "not submitted"
                            : "job " + rs.getString(5)) : rs.getString(6);
                    Timestamp retryAt = rs.getTimestamp(7);
                    if (unfinished && retryAt != null) {
                        reason = reason + ", waiting for SEC until " + retryAt.toInstant().truncatedTo(
                                java.time.temporal.ChronoUnit.SECONDS) + " (" + rs.getString(6) + ")";
                    }
                    failures.add(new BatchSummary.Failure(company, rs.getString(3), reason));
                }
            }
        }
        return failures;
    }

    /** Writes the counts; with a status, ends the run (only if it is still running). Returns rows changed. */
    private static int writeCounts(Connection c, String batchId, BatchCounts counts, String endStatus,
                                   Instant finished, Instant updated) throws SQLException {
        Instant at = finished != null ? finished : updated;
        try (PreparedStatement s = c.prepareStatement("UPDATE batch_run SET queued = ?, already_queued = ?,"
                + " skipped = ?, succeeded = ?, failed = ?, unfinished = ?, updated_at = ?, status = ?,"
                + " finished_at = ? WHERE id = ? AND status = 'running'")) {
            s.setInt(1, counts.queued());
            s.setInt(2, counts.alreadyQueued());
            s.setInt(3, counts.skipped());
            s.setInt(4, counts.succeeded());
            s.setInt(5, counts.failed());
            s.setInt(6, counts.unfinished() + counts.pending());
            s.setTimestamp(7, Timestamp.from(at));
            s.setString(8, endStatus == null ? "running" : endStatus);
            s.setTimestamp(9, finished == null ? null : Timestamp.from(finished));
            s.setString(10, batchId);
            return s.executeUpdate();
        }
    }

    private Optional<Instant> loadedWithMetricsAt(String company) throws SQLException {
        CompanyRef ref;
        try {
            ref = CompanyRef.parse(company);
        } catch (InvalidJobException e) {
            return Optional.empty();
        }
        // Limitation: a ticker missing from the cached ticker map counts as not fresh; its job resolves it.
        Optional<Long> cik = ref.cik() != null ? Optional.of(ref.cik()) : directory.cikForTicker(ref.ticker());
        if (cik.isEmpty()) {
            return Optional.empty();
        }
        // Fresh means usable: a company whose metrics step failed after its facts were stored is loaded again.
        return jobs.loadedWithMetricsAt(cik.get());
    }

    private void insertRun(Connection c, String id, String triggeredBy, CoverageList list, Timestamp now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO batch_run (id, status, triggered_by,"
                + " coverage_list, started_at, updated_at, total, unfinished, scheduler)"
                + " VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, triggeredBy == null || triggeredBy.isBlank() ? "api" : triggeredBy);
            s.setString(3, truncate(list.name(), 1000));
            s.setTimestamp(4, now);
            s.setTimestamp(5, now);
            s.setInt(6, list.companies().size());
            s.setInt(7, list.companies().size());
            s.setString(8, schedulers.id());
            s.executeUpdate();
        }
    }

    private static void insertItems(Connection c, String id, List<String> companies) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO batch_item (batch_id, position, company,"
                + " disposition) VALUES (?, ?, ?, 'pending')")) {
            for (int i = 0; i < companies.size(); i++) {
                s.setString(1, id);
                s.setInt(2, i + 1);
                s.setString(3, truncate(companies.get(i), 200));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private void updateItem(BatchItem item, String disposition, String jobId, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE batch_item SET disposition = ?, job_id = ?, reason = ?"
                     + " WHERE batch_id = ? AND position = ?");
             PreparedStatement alive = c.prepareStatement("UPDATE batch_run SET updated_at = ? WHERE id = ?")) {
            s.setString(1, disposition);
            s.setString(2, jobId);
            s.setString(3, reason == null ? null : truncate(reason, MAX_REASON));
            s.setString(4, item.batchId());
            s.setInt(5, item.position());
            s.executeUpdate();
            // The run's last sign of life: a stop while it queues its list ends it here, not at its start.
            alive.setTimestamp(1, Timestamp.from(clock.instant()));
            alive.setString(2, item.batchId());
            alive.executeUpdate();
        }
    }

    private List<String> ids(String sql, Object... params) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static Optional<Map<String, Object>> readRun(Connection c, String batchId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM batch_run WHERE id = ?")) {
            s.setString(1, batchId);
            List<Map<String, Object>> rows = SqlRows.of(s);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    private static int total(Map<String, Object> run) {
        return ((Number) run.get("total")).intValue();
    }

    private static BatchItem item(Exchange exchange) {
        return exchange.getProperty(ITEM_PROPERTY, BatchItem.class);
    }

    private static String truncate(String text, int max) {
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }
}
