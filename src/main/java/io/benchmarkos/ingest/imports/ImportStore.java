package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.db.PostgresCopy;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The durable record of archive imports ({@code import_run}, {@code import_entry}) and the company rows they need. */
public class ImportStore {

    private static final int MAX_NAME = 300;
    private static final int MAX_REASON = 1000;

    private final DataSource dataSource;
    private final Clock clock;

    public ImportStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A run being worked on, and the entries an earlier attempt of it already stored. */
    public record Run(String id, boolean resumed, Set<String> doneEntries) {
    }

    /**
     * Resumes the latest unfinished run of the same archive (same sha256 and size), or starts a new one. On
     * PostgreSQL, call it holding {@link #lockArchive}: a run whose process is alive is then never taken over.
     */
    public Run startOrResume(String archiveName, long size, String sha256, String source, int entriesTotal)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String unfinished = unfinishedRun(c, sha256, size);
            if (unfinished != null) {
                try (PreparedStatement s = c.prepareStatement("UPDATE import_run SET status = 'running',"
                        + " attempts = attempts + 1, updated_at = ?, finished_at = NULL, reason = NULL WHERE id = ?")) {
                    s.setTimestamp(1, now());
                    s.setString(2, unfinished);
                    s.executeUpdate();
                }
                recount(c, unfinished);
                return new Run(unfinished, true, doneEntries(c, unfinished));
            }
            String id = UUID.randomUUID().toString();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO import_run (id, archive_name, archive_size,"
                    + " archive_sha256, source, status, attempts, started_at, updated_at, entries_total)"
                    + " VALUES (?, ?, ?, ?, ?, 'running', 1, ?, ?, ?)")) {
                s.setString(1, id);
                s.setString(2, truncate(archiveName, 500));
                s.setLong(3, size);
                s.setString(4, sha256);
                s.setString(5, source);
                s.setTimestamp(6, now());
                s.setTimestamp(7, now());
                s.setInt(8, entriesTotal);
                s.executeUpdate();
            }
            return new Run(id, false, Set.of());
        }
    }

    /**
     * Records an entry's outcome, replacing the outcome an earlier attempt recorded for it, and counts it in its run
     * in the same transaction: {@code import_run} shows the progress of a run while it runs, and after a crash.
     *
     * @param occurrence 1 for the first entry of its name in the archive, 2 for a second entry of that name, ...
     */
    public void record(String runId, EntryOutcome outcome, int occurrence) throws SQLException {
        String name = storedName(outcome.name());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                EntryOutcome earlier = recorded(c, runId, name, occurrence);
                try (PreparedStatement s = c.prepareStatement(earlier != null
                        ? "UPDATE import_entry SET status = ?, cik = ?, size_bytes = ?, facts_read = ?,"
                        + " facts_inserted = ?, facts_updated = ?, reason = ?, finished_at = ?"
                        + " WHERE run_id = ? AND entry_name = ? AND occurrence = ?"
                        : "INSERT INTO import_entry (status, cik, size_bytes, facts_read, facts_inserted,"
                        + " facts_updated, reason, finished_at, run_id, entry_name, occurrence)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bindOutcome(s, outcome);
                    s.setString(9, runId);
                    s.setString(10, name);
                    s.setInt(11, occurrence);
                    s.executeUpdate();
                }
                count(c, runId, outcome, earlier);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The outcome recorded for an entry earlier (a resumed run retries the entries not done), or null. */
    private static EntryOutcome recorded(Connection c, String runId, String name, int occurrence)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT status, facts_read, facts_inserted, facts_updated"
                + " FROM import_entry WHERE run_id = ? AND entry_name = ? AND occurrence = ?")) {
            s.setString(1, runId);
            s.setString(2, name);
            s.setInt(3, occurrence);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new EntryOutcome(name, rs.getString(1), null, 0, rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), null) : null;
            }
        }
    }

    /** Moves the run's counts from the entry's earlier outcome (if any) to its new one: one row update. */
    private void count(Connection c, String runId, EntryOutcome now, EntryOutcome earlier) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE import_run SET updated_at = ?,"
                + " entries_done = entries_done + ?, entries_failed = entries_failed + ?,"
                + " entries_refused = entries_refused + ?, facts_read = facts_read + ?,"
                + " facts_inserted = facts_inserted + ?, facts_updated = facts_updated + ? WHERE id = ?")) {
            s.setTimestamp(1, now());
            s.setInt(2, is(now, EntryOutcome.DONE) - is(earlier, EntryOutcome.DONE));
            s.setInt(3, is(now, EntryOutcome.FAILED) - is(earlier, EntryOutcome.FAILED));
            s.setInt(4, is(now, EntryOutcome.REFUSED) - is(earlier, EntryOutcome.REFUSED));
            s.setLong(5, now.factsRead() - (earlier == null ? 0 : earlier.factsRead()));
            s.setLong(6, now.factsInserted() - (earlier == null ? 0 : earlier.factsInserted()));
            s.setLong(7, now.factsUpdated() - (earlier == null ? 0 : earlier.factsUpdated()));
            s.setString(8, runId);
            s.executeUpdate();
        }
    }

    private static int is(EntryOutcome outcome, String status) {
        return outcome != null && status.equals(outcome.status()) ? 1 : 0;
    }

    /** The name as {@code import_entry} keeps it (cut to its column's width). */
    static String storedName(String name) {
        return truncate(name, MAX_NAME);
    }

    /** Ends an attempt: the run's counts are recomputed from its entries, so a resumed run is never half-counted. */
    public void finish(String runId, String status, String reason, long bytesRead) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE import_run SET status = ?, reason = ?,"
                    + " updated_at = ?, finished_at = ?, bytes_read = bytes_read + ? WHERE id = ?")) {
                s.setString(1, status);
                s.setString(2, truncate(reason, 4000));
                s.setTimestamp(3, now());
                s.setTimestamp(4, ImportReport.FINISHED.equals(status) ? now() : null);
                s.setLong(5, bytesRead);
                s.setString(6, runId);
                s.executeUpdate();
            }
            recount(c, runId);
        }
    }

    /**
     * Sets a run's counts from its entries. The counts kept entry by entry ({@link #record}) agree with these; this
     * also mends a run an older version left uncounted when it was stopped.
     */
    private static void recount(Connection c, String runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE import_run SET"
                + " entries_done = (SELECT COUNT(*) FROM import_entry e WHERE e.run_id = ? AND e.status = 'done'),"
                + " entries_failed = (SELECT COUNT(*) FROM import_entry e WHERE e.run_id = ?"
                + " AND e.status = 'failed'),"
                + " entries_refused = (SELECT COUNT(*) FROM import_entry e WHERE e.run_id = ?"
                + " AND e.status = 'refused'),"
                + " facts_read = (SELECT COALESCE(SUM(e.facts_read), 0) FROM import_entry e WHERE e.run_id = ?),"
                + " facts_inserted = (SELECT COALESCE(SUM(e.facts_inserted), 0) FROM import_entry e"
                + " WHERE e.run_id = ?),"
                + " facts_updated = (SELECT COALESCE(SUM(e.facts_updated), 0) FROM import_entry e"
                + " WHERE e.run_id = ?)"
                + " WHERE id = ?")) {
            for (int i = 1; i <= 7; i++) {
                s.setString(i, runId);
            }
            s.executeUpdate();
        }
    }

    /**
     * Keeps a second process from importing the same archive while this one does. On PostgreSQL, where several
     * processes can share the database, a session advisory lock keyed by the archive's sha256 is held on a connection
     * of its own until the returned lock is closed; a process that dies loses its session and so the lock, and the
     * next import resumes its run. On H2 the database file admits one process, so nothing is locked.
     *
     * @throws ImportRunningException when another process holds the archive, naming its run
     */
    public ArchiveLock lockArchive(String archiveName, long size, String sha256) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            if (!PostgresCopy.supportedBy(c)) {
                c.close();
                return () -> { };
            }
            if (!advisory(c, "SELECT pg_try_advisory_lock(?)", key(sha256))) {
                throw new ImportRunningException(runningElsewhere(c, archiveName, size, sha256));
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return () -> {
            try (c) {
                advisory(c, "SELECT pg_advisory_unlock(?)", key(sha256));
            }
        };
    }

    /** Held while an archive is imported; closing it lets the next import of the archive in. */
    public interface ArchiveLock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    /** The first 60 bits of the sha256: two archives that share them would only take turns. */
    private static long key(String sha256) {
        return Long.parseLong(sha256.substring(0, 15), 16);
    }

    private static boolean advisory(Connection c, String sql, long key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static String runningElsewhere(Connection c, String archiveName, long size, String sha256)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, archive_name, entries_done + entries_failed"
                + " + entries_refused, entries_total FROM import_run WHERE archive_sha256 = ? AND archive_size = ?"
                + " AND status = 'running' ORDER BY updated_at DESC")) {
            s.setString(1, sha256);
            s.setLong(2, size);
            s.setMaxRows(1);
            try (ResultSet rs = s.executeQuery()) {
                String resume = "; wait for it to end, or stop it: the next import of the archive then resumes it";
                if (!rs.next()) {
                    return "another process is starting an import of " + archiveName + " (sha256 "
                            + sha256.substring(0, 12) + ") right now" + resume;
                }
                return "import " + rs.getString(1) + " of " + rs.getString(2) + " is running in another process ("
                        + rs.getInt(3) + " of " + rs.getInt(4) + " entries recorded so far)" + resume;
            }
        }
    }

    public Optional<Map<String, Object>> run(String runId) throws SQLException {
        List<Map<String, Object>> rows = query("SELECT * FROM import_run WHERE id = ?", runId);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The run's entries that did not get stored, with their reasons. */
    public List<EntryOutcome> problems(String runId) throws SQLException {
        List<EntryOutcome> out = new ArrayList<>();
        for (Map<String, Object> row : query("SELECT entry_name, status, cik, size_bytes, reason FROM import_entry"
                + " WHERE run_id = ? AND status <> 'done' ORDER BY entry_name, occurrence", runId)) {
            out.add(new EntryOutcome((String) row.get("ENTRY_NAME"), (String) row.get("STATUS"),
                    (Long) row.get("CIK"), row.get("SIZE_BYTES") == null ? -1 : (Long) row.get("SIZE_BYTES"),
                    0, 0, 0, (String) row.get("REASON")));
        }
        return out;
    }

    private List<Map<String, Object>> query(String sql, String param) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        // Upper case on both databases (H2 reports it so; PostgreSQL reports lower case).
                        row.put(rs.getMetaData().getColumnLabel(i).toUpperCase(), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static String unfinishedRun(Connection c, String sha256, long size) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM import_run WHERE archive_sha256 = ?"
                + " AND archive_size = ? AND status <> 'finished' ORDER BY started_at DESC")) {
            s.setString(1, sha256);
            s.setLong(2, size);
            s.setMaxRows(1);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static Set<String> doneEntries(Connection c, String runId) throws SQLException {
        Set<String> done = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT entry_name FROM import_entry WHERE run_id = ? AND status = 'done'")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    done.add(rs.getString(1));
                }
            }
        }
        return done;
    }

    private void bindOutcome(PreparedStatement s, EntryOutcome o) throws SQLException {
        s.setString(1, o.status());
        s.setObject(2, o.cik(), Types.BIGINT);
        s.setLong(3, o.sizeBytes());
        s.setLong(4, o.factsRead());
        s.setLong(5, o.factsInserted());
        s.setLong(6, o.factsUpdated());
        s.setString(7, truncate(o.reason(), MAX_REASON));
        s.setTimestamp(8, now());
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
