package io.benchmarkos.ingest.batch;

import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The processes that schedule and follow batch runs on this database ({@code batch_scheduler}): this one is seen
 * at start, at every {@link #heartbeat} and leaves at its stop. One such process per database is the supported
 * set-up; a second one is named in a WARN, and the runs it opened are not taken for abandoned while it is seen
 * (a restart of one process used to end the other's running run as interrupted).
 */
public class BatchSchedulers extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(BatchSchedulers.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final String id;
    /** A process not seen for this long has stopped or crashed. */
    private final Duration liveFor;
    /** False when no other process can open the database (an H2 file): every other row is a process gone. */
    private final boolean shared;
    /** Other schedulers already named in a WARN, so each is named once. */
    private final Map<String, String> named = new LinkedHashMap<>();

    public BatchSchedulers(DataSource dataSource, Clock clock, String id, Duration liveFor, boolean shared) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.id = id;
        this.liveFor = liveFor;
        this.shared = shared;
    }

    /**
     * Whether other processes can open the database at {@code jdbcUrl}: not an H2 file or in-memory database, which
     * H2 locks to this process, unless it is served over TCP or shared with AUTO_SERVER.
     */
    public static boolean sharedBy(String jdbcUrl) {
        String url = jdbcUrl.toUpperCase(java.util.Locale.ROOT);
        return !url.startsWith("JDBC:H2:") || url.startsWith("JDBC:H2:TCP:") || url.startsWith("JDBC:H2:SSL:")
                || url.contains(";AUTO_SERVER=TRUE");
    }

    /** This process's id, recorded on the runs it opens. */
    public String id() {
        return id;
    }

    /** This process is alive; names, once each, any other scheduler seen alive on the database. */
    public synchronized void heartbeat() throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            if (!shared) {
                // Rows of earlier processes of a database only this process can open: gone, whatever they say.
                try (PreparedStatement gone = c.prepareStatement("DELETE FROM batch_scheduler WHERE id <> ?")) {
                    gone.setString(1, id);
                    gone.executeUpdate();
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE batch_scheduler SET seen_at = ? WHERE id = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, id);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO batch_scheduler (id, process,"
                            + " started_at, seen_at) VALUES (?, ?, ?, ?)")) {
                        insert.setString(1, id);
                        insert.setString(2, ManagementFactory.getRuntimeMXBean().getName());
                        insert.setTimestamp(3, Timestamp.from(now));
                        insert.setTimestamp(4, Timestamp.from(now));
                        insert.executeUpdate();
                    }
                }
            }
        }
        for (Map.Entry<String, String> other : others().entrySet()) {
            if (named.put(other.getKey(), other.getValue()) == null) {
                LOG.warn("Another process schedules batch runs on this database: {} (scheduler {}), beside this one"
                        + " (scheduler {}). Only one run happens at a time, but both fire the nightly schedule and"
                        + " follow runs: set batch.enabled=false on all but one process", other.getValue(),
                        other.getKey(), id);
            }
        }
    }

    /** The other schedulers seen within {@code liveFor}: id and process (pid@host, started at). */
    public Map<String, String> others() throws SQLException {
        Map<String, String> others = new LinkedHashMap<>();
        if (!shared) {
            // The row of a stopped process may be left (its delete can fail as H2 closes): it is not a live one.
            return others;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, process, started_at FROM batch_scheduler"
                     + " WHERE id <> ? AND seen_at >= ? ORDER BY started_at")) {
            s.setString(1, id);
            s.setTimestamp(2, Timestamp.from(clock.instant().minus(liveFor)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    others.put(rs.getString(1), rs.getString(2) + ", started "
                            + rs.getTimestamp(3).toInstant());
                }
            }
        }
        return others;
    }

    @Override
    protected void doStart() throws Exception {
        heartbeat();
    }

    /** A stopped process leaves at once, so that its runs count as abandoned at the next start. */
    @Override
    protected void doStop() {
        if (!shared) {
            // Nobody else reads it; the next start of this process clears it (H2 may be closing by now).
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM batch_scheduler WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Could not record that this process stopped scheduling batch runs ({}); its runs count as"
                    + " abandoned once it has not been seen for {} s", e.getMessage(), liveFor.toSeconds());
        }
    }
}
