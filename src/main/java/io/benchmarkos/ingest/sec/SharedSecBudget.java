package io.benchmarkos.ingest.sec;

import org.apache.camel.Exchange;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SEC budget shared by every worker JVM, as permits in the database: a permit counts while its request is in
 * flight and for one window after it was released. Taking one locks {@code sec_budget}'s row, so permit requests
 * from all workers are serialized; the shared 429 pause lives in the same row. Time is the database's clock where
 * it has one (PostgreSQL), so workers whose clocks disagree still agree on the window.
 * <p>
 * Each permit names the JVM that holds it, and each JVM keeps a row in {@code sec_budget_holder} alive
 * ({@link #renewPresence}, from a timer route). A permit never released because its JVM died stops counting when
 * that row runs out, so a killed worker does not hold a share of the budget for long.
 */
public class SharedSecBudget implements SecBudget {

    private static final Logger LOG = LoggerFactory.getLogger(SharedSecBudget.class);
    /**
     * A permit never released although its JVM is alive (the release itself failed) stops counting after this long:
     * longer than any request can last with SEC's connect and response timeouts.
     */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    private static final Duration HOLDERS_KEPT = Duration.ofDays(1);
    private static final long RETRY_MILLIS = 50;
    private static final int PURGE_EVERY = 500;

    private final DataSource dataSource;
    private final Clock clock;
    private final int limit;
    private final Duration window;
    private final boolean databaseClock;
    /** How long this JVM counts as alive after each renewal of its row. */
    private final Duration presence;
    /** This JVM, by the same id as its claims on jobs, so the two can be matched in the tables and the logs. */
    private final String holder;
    private final AtomicInteger taken = new AtomicInteger();

    public SharedSecBudget(DataSource dataSource, Clock clock, int limit, Duration window, Duration presence,
                           String holder) throws SQLException {
        this.holder = holder;
        this.dataSource = dataSource;
        this.clock = clock;
        this.limit = limit;
        this.window = window;
        this.presence = presence;
        try (Connection c = dataSource.getConnection()) {
            this.databaseClock = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
        renewPresence();
    }

    /** Keeps this JVM's permits counting while they are in flight; called well within {@code presence}. */
    @Override
    public void renewPresence() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Timestamp aliveUntil = Timestamp.from(now(c).plus(presence));
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE sec_budget_holder SET alive_until = ? WHERE holder = ?")) {
                update.setTimestamp(1, aliveUntil);
                update.setString(2, holder);
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            // Only this JVM writes its own row, so the insert cannot race another one.
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sec_budget_holder"
                    + " (holder, alive_until, requests_per_second) VALUES (?, ?, ?)")) {
                insert.setString(1, holder);
                insert.setTimestamp(2, aliveUntil);
                insert.setInt(3, limit);
                insert.executeUpdate();
            }
        }
    }

    /** The sec.max-requests-per-second of every JVM alive on this budget, highest first. */
    public List<Integer> limitsOfLiveHolders() throws SQLException {
        List<Integer> limits = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT requests_per_second FROM sec_budget_holder"
                     + " WHERE alive_until > ? ORDER BY requests_per_second DESC")) {
            s.setTimestamp(1, Timestamp.from(now(c)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    limits.add(rs.getInt(1));
                }
            }
        }
        return limits;
    }

    @Override
    public boolean mustWait(Exchange exchange) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Instant pausedUntil = lockBudget(c);
                Instant now = now(c);
                long wait = pausedUntil != null && pausedUntil.isAfter(now)
                        ? Duration.between(now, pausedUntil).toMillis() + 1 : waitForPermit(c, now);
                if (wait == 0) {
                    exchange.setProperty(PERMIT_PROPERTY, insertPermit(c, now));
                    purgeNowAndThen(c, now);
                } else {
                    exchange.setProperty(WAIT_PROPERTY, wait);
                }
                c.commit();
                return wait > 0;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take an SEC permit from the shared budget: " + e.getMessage()
                    + " (is the database reachable?)", e);
        }
    }

    @Override
    public void release(Exchange exchange) {
        Object permit = exchange.removeProperty(PERMIT_PROPERTY);
        if (permit == null) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE sec_permit SET released_at = ? WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(now(c)));
            s.setLong(2, (Long) permit);
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Could not release SEC permit {} ({}); it stops counting after {} at most", permit,
                    e.getMessage(), ABANDONED_AFTER);
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
        try {
            return sharedPause().map(pause -> pause.reason() + " (until " + pause.until() + ")").orElse(null);
        } catch (SQLException e) {
            return "unknown: " + e.getMessage();
        }
    }

    /** A pause of all workers, until when and why. */
    public record SharedPause(Instant until, String reason) {
    }

    /** The shared pause in force now, if any. */
    public Optional<SharedPause> sharedPause() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT paused_until, pause_reason FROM sec_budget WHERE id = 1");
             ResultSet rs = s.executeQuery()) {
            if (rs.next() && rs.getTimestamp(1) != null && rs.getTimestamp(1).toInstant().isAfter(clock.instant())) {
                return Optional.of(new SharedPause(rs.getTimestamp(1).toInstant(), rs.getString(2)));
            }
            return Optional.empty();
        }
    }

    /** 0 when a permit is free now; otherwise when the earliest cooling permit frees up (or a short retry). */
    private long waitForPermit(Connection c, Instant now) throws SQLException {
        // A permit in flight counts while its JVM is alive; one taken before holders were recorded, by age alone.
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), MIN(released_at) FROM sec_permit"
                + " WHERE (released_at IS NULL AND acquired_at > ? AND (holder IS NULL OR holder IN"
                + " (SELECT holder FROM sec_budget_holder WHERE alive_until > ?))) OR released_at > ?")) {
            s.setTimestamp(1, Timestamp.from(now.minus(ABANDONED_AFTER)));
            s.setTimestamp(2, Timestamp.from(now));
            s.setTimestamp(3, Timestamp.from(now.minus(window)));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getLong(1) < limit) {
                    return 0;
                }
                Timestamp earliest = rs.getTimestamp(2);
                return earliest == null ? RETRY_MILLIS
                        : Math.max(1, Duration.between(now, earliest.toInstant().plus(window)).toMillis() + 1);
            }
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

    private long insertPermit(Connection c, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO sec_permit (acquired_at, holder) VALUES (?, ?)",
                new String[] {"id"})) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, holder);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private void purgeNowAndThen(Connection c, Instant now) throws SQLException {
        if (taken.incrementAndGet() % PURGE_EVERY != 0) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM sec_permit WHERE released_at < ?"
                + " OR (released_at IS NULL AND acquired_at < ?)")) {
            s.setTimestamp(1, Timestamp.from(now.minus(window.multipliedBy(10))));
            s.setTimestamp(2, Timestamp.from(now.minus(ABANDONED_AFTER)));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM sec_budget_holder WHERE alive_until < ?")) {
            s.setTimestamp(1, Timestamp.from(now.minus(HOLDERS_KEPT)));
            s.executeUpdate();
        }
    }
}
