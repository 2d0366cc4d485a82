package io.benchmarkos.ingest.imports;

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
     * Resumes the latest unfinished run of the same archive (same sha256 and size), or starts a new one.
     * Limitation: two processes importing the same archive at once (possible on PostgreSQL, not on an H2 file)
     * would both resume the same run; the natural-key upsert still keeps facts single.
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
     * Records an entry's outcome; a retried entry's earlier outcome is replaced.
     *
     * @param occurrence 1 for the first entry of its name in the archive, 2 for a second entry of that name, ...
     */
    public void record(String runId, EntryOutcome outcome, int occurrence) throws SQLException {
        String name = storedName(outcome.name());
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("UPDATE import_entry SET status = ?, cik = ?,"
                    + " size_bytes = ?, facts_read = ?, facts_inserted = ?, facts_updated = ?, reason = ?,"
                    + " finished_at = ? WHERE run_id = ? AND entry_name = ? AND occurrence = ?")) {
                bindOutcome(update, outcome);
                update.setString(9, runId);
                update.setString(10, name);
                update.setInt(11, occurrence);
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO import_entry (status, cik, size_bytes,"
                    + " facts_read, facts_inserted, facts_updated, reason, finished_at, run_id, entry_name,"
                    + " occurrence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bindOutcome(insert, outcome);
                insert.setString(9, runId);
                insert.setString(10, name);
                insert.setInt(11, occurrence);
                insert.executeUpdate();
            }
        }
    }

    /** The name as {@code import_entry} keeps it (cut to its column's width). */
    static String storedName(String name) {
        return truncate(name, MAX_NAME);
    }

    /** Ends an attempt: the run's counts are recomputed from its entries, so a resumed run is never half-counted. */
    public void finish(String runId, String status, String reason, long bytesRead) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE import_run SET status = ?, reason = ?, updated_at = ?,"
                     + " finished_at = ?, bytes_read = bytes_read + ?,"
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
            s.setString(1, status);
            s.setString(2, truncate(reason, 4000));
            s.setTimestamp(3, now());
            s.setTimestamp(4, ImportReport.FINISHED.equals(status) ? now() : null);
            s.setLong(5, bytesRead);
            for (int i = 6; i <= 11; i++) {
                s.setString(i, runId);
            }
            s.setString(12, runId);
            s.executeUpdate();
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
