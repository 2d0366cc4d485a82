package io.benchmarkos.ingest.monitor;

import io.benchmarkos.ingest.batch.BatchRuns;
import io.benchmarkos.ingest.jobs.JobStatus;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Read-only counts for metrics and the status view: jobs by status and the latest batch run. */
public class MonitorQueries {

    /** The count of running jobs that no live worker holds, in {@link #jobsByStatus}. */
    public static final String RUNNING_WITHOUT_WORKER = "running_without_worker";
    public static final String WAITING_FOR_SEC = "waiting_for_sec";

    private static final String[] BATCH_COLUMNS = {"id", "status", "triggered_by", "started_at", "finished_at",
        "total", "queued", "already_queued", "skipped", "succeeded", "failed", "unfinished", "reason"};

    private final DataSource dataSource;
    private final boolean batchRuns;
    /** Brings an interrupted run's counts up to date (its jobs ran on); null where no run is read (a test). */
    private final BatchRuns runs;

    public MonitorQueries(DataSource dataSource) throws SQLException {
        this(dataSource, null);
    }

    public MonitorQueries(DataSource dataSource, BatchRuns runs) throws SQLException {
        this.dataSource = dataSource;
        this.runs = runs;
        // batch_run arrives with its own migration; Flyway has run by now, so one look at start-up is enough.
        this.batchRuns = tableExists("batch_run");
    }

    public boolean hasBatchRuns() {
        return batchRuns;
    }

    /**
     * Jobs per status, every status present (0 when none), then {@value #RUNNING_WITHOUT_WORKER}: running jobs no
     * live worker holds (its claim ran out or ended). A few for seconds is a retry on its way; more, for longer,
     * means no worker is consuming: every worker died, or none was started. Then {@value #WAITING_FOR_SEC}: pending
     * nightly jobs waiting to be tried again after SEC failed them (counted in pending too).
     */
    public Map<String, Long> jobsByStatus() throws SQLException {
        Map<String, Long> counts = countsByStatus();
        counts.put(RUNNING_WITHOUT_WORKER, runningWithoutWorker());
        counts.put(WAITING_FOR_SEC, waitingForSec());
        return counts;
    }

    /** Pending jobs with a retry time: nightly jobs SEC failed, waiting to be tried again. */
    public long waitingForSec() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM ingest_job WHERE status = ?"
                     + " AND retry_at IS NOT NULL")) {
            s.setString(1, JobStatus.PENDING.label());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Jobs per status only, every status present (0 when none): one query, for the per-status gauges. */
    public Map<String, Long> countsByStatus() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JobStatus status : JobStatus.values()) {
            counts.put(status.label(), 0L);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT status, COUNT(*) FROM ingest_job GROUP BY status");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /** Running jobs whose claim ran out or ended (see {@link #jobsByStatus}). */
    public long runningWithoutWorker() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM ingest_job WHERE status = ?"
                     + " AND (lease_until IS NULL OR lease_until < ?)")) {
            s.setString(1, JobStatus.RUNNING.label());
            s.setTimestamp(2, Timestamp.from(Instant.now()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The most recently started batch run, when the batch_run table exists and has a row; an interrupted run with
     * the counts its jobs give now.
     */
    public Optional<Map<String, Object>> lastBatchRun() throws SQLException {
        if (!batchRuns) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + String.join(", ", BATCH_COLUMNS)
                     + " FROM batch_run ORDER BY started_at DESC")) {
            s.setMaxRows(1);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Object> run = batchRow(rs);
                return Optional.of(runs == null ? run : runs.withJobsNow(run));
            }
        }
    }

    private static Map<String, Object> batchRow(ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String column : BATCH_COLUMNS) {
            Object value = rs.getObject(column);
            if (value instanceof Timestamp ts) {
                value = ts.toInstant();
            } else if (value instanceof OffsetDateTime odt) {
                value = odt.toInstant();
            }
            row.put(column, value);
        }
        return row;
    }

    private boolean tableExists(String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            // H2 keeps unquoted names upper-case, PostgreSQL lower-case.
            for (String candidate : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
                try (ResultSet rs = meta.getTables(null, null, candidate, new String[] {"TABLE"})) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
