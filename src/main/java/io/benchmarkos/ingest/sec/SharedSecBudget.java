package io.benchmarkos.ingest.sec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A sliding-window SEC budget kept in the database and shared by every worker JVM: at most {@code limit} request
 * slots in any window of {@code window} (1 s plus a jitter margin). A reservation takes the row lock on
 * {@code sec_budget}, so reservations are serialized across JVMs, and lands at
 * {@code max(now, latest slot, N-th latest slot + window, shared pause end)}. Slots only move forward, so that
 * check alone keeps every window within the limit. Time comes from the database's clock where it has one
 * (PostgreSQL), so workers on machines with skewed clocks still agree.
 */
public class SharedSecBudget implements SecBudget {

    private static final Logger LOG = LoggerFactory.getLogger(SharedSecBudget.class);
    private static final int PURGE_EVERY = 200;

    private final DataSource dataSource;
    private final Clock clock;
    private final int limit;
    private final Duration window;
    private final boolean databaseClock;
    private final java.util.concurrent.atomic.AtomicInteger reservations = new java.util.concurrent.atomic.AtomicInteger();

    public SharedSecBudget(DataSource dataSource, Clock clock, int limit, Duration window) throws SQLException {
        this.dataSource = dataSource;
        this.clock = clock;
        this.limit = limit;
        this.window = window;
        try (Connection c = dataSource.getConnection()) {
            this.databaseClock = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    @Override
    public long reserveMillis() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Instant pausedUntil = lockBudget(c);
                Instant now = now(c);
                List<Instant> latest = latestSlots(c);
                Instant slot = now;
                if (!latest.isEmpty() && latest.get(0).isAfter(slot)) {
                    slot = latest.get(0);
                }
                if (latest.size() >= limit && latest.get(limit - 1).plus(window).isAfter(slot)) {
                    slot = latest.get(limit - 1).plus(window);
                }
                if (pausedUntil != null && pausedUntil.isAfter(slot)) {
                    slot = pausedUntil;
                }
                insertSlot(c, slot);
                purgeNowAndThen(c, now);
                c.commit();
                return Math.max(0, Duration.between(now, slot).toMillis() + 1);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reserve an SEC request slot in the shared budget: " + e.getMessage()
                    + " (is the database reachable?)", e);
        }
    }

    @Override
    public void pause(Instant until, String reason) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE sec_budget SET paused_until = ?, pause_reason = ?"
                     + " WHERE id = 1 AND (paused_until IS NULL OR paused_until < ?)")) {
            s.setTimestamp(1, Timestamp.from(until));
            s.setString(2, reason.length() > 500 ? reason.substring(0, 500) : reason);
            s.setTimestamp(3, Timestamp.from(until));
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.error("Could not share the SEC pause with the other workers: {}", e.getMessage());
        }
    }

    /** The shared pause in force, if any: a worker that has not seen the 429 itself still reports it. */
    public String pauseReason() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT paused_until, pause_reason FROM sec_budget WHERE id = 1");
             ResultSet rs = s.executeQuery()) {
            if (rs.next() && rs.getTimestamp(1) != null && rs.getTimestamp(1).toInstant().isAfter(clock.instant())) {
                return rs.getString(2) + " (until " + rs.getTimestamp(1).toInstant() + ")";
            }
            return null;
        } catch (SQLException e) {
            return "unknown: " + e.getMessage();
        }
    }

    private static Instant lockBudget(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT paused_until FROM sec_budget WHERE id = 1 FOR UPDATE");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("sec_budget row missing (migration V2 not applied?)");
            }
            Timestamp paused = rs.getTimestamp(1);
            return paused == null ? null : paused.toInstant();
        }
    }

    private Instant now(Connection c) throws SQLException {
        if (!databaseClock) {
            return clock.instant();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    private List<Instant> latestSlots(Connection c) throws SQLException {
        List<Instant> slots = new ArrayList<>(limit);
        try (PreparedStatement s = c.prepareStatement("SELECT slot_at FROM sec_request_slot ORDER BY slot_at DESC")) {
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    slots.add(rs.getTimestamp(1).toInstant());
                }
            }
        }
        return slots;
    }

    private static void insertSlot(Connection c, Instant slot) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO sec_request_slot (slot_at) VALUES (?)")) {
            s.setTimestamp(1, Timestamp.from(slot));
            s.executeUpdate();
        }
    }

    private void purgeNowAndThen(Connection c, Instant now) throws SQLException {
        if (reservations.incrementAndGet() % PURGE_EVERY != 0) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM sec_request_slot WHERE slot_at < ?")) {
            s.setTimestamp(1, Timestamp.from(now.minus(window.multipliedBy(10))));
            s.executeUpdate();
        }
    }
}
