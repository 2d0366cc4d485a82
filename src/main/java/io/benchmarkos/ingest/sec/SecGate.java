package io.benchmarkos.ingest.sec;

import io.benchmarkos.ingest.jobs.JobContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds SEC traffic back after SEC has said this client is over its rate. Every SEC request route asks it
 * how long to wait (a Camel delay step), so one 429 pauses all of them.
 * <p>
 * With a shared {@link SecBudget} (production profile) the pause is also written to the database, where every
 * worker's next reservation waits it out.
 */
public class SecGate {

    private static final Logger LOG = LoggerFactory.getLogger(SecGate.class);

    /** {@code causedBy}: the {@link #requester} whose request SEC refused, null when none is known. */
    private record Pause(Instant until, String reason, String causedBy) {
    }

    private final Clock clock;
    private final Duration pauseOnRateLimit;
    private final AtomicReference<Pause> pause = new AtomicReference<>(new Pause(Instant.EPOCH, null, null));
    private volatile SecBudget budget;

    public SecGate(Clock clock, Duration pauseOnRateLimit) {
        this.clock = clock;
        this.pauseOnRateLimit = pauseOnRateLimit;
    }

    /** Milliseconds until SEC requests may go out again; 0 when traffic flows. */
    public long remainingPauseMillis() {
        return Math.max(0, Duration.between(clock.instant(), pause.get().until()).toMillis());
    }

    /**
     * Milliseconds until SEC requests may go out again on any worker: the pause of this JVM or, with a shared budget,
     * the one another worker set after its 429 (this JVM then waits in the budget, not at the gate).
     */
    public long remainingPauseMillisOfAnyWorker() {
        long here = remainingPauseMillis();
        if (budget instanceof SharedSecBudget shared) {
            try {
                Instant now = clock.instant();
                return Math.max(here, shared.sharedPause().map(p -> Duration.between(now, p.until()).toMillis())
                        .orElse(0L));
            } catch (java.sql.SQLException e) {
                LOG.debug("Shared SEC pause not readable: {}", e.getMessage());
            }
        }
        return here;
    }

    /**
     * The sec.max-requests-per-second of every live process on the shared budget (workers may be started with their
     * own); empty without a shared budget, where this process's limit is the only one.
     */
    public List<Integer> limitsOnSharedBudget() {
        if (budget instanceof SharedSecBudget shared) {
            try {
                return shared.limitsOfLiveHolders();
            } catch (java.sql.SQLException e) {
                LOG.debug("Shared SEC budget holders not readable: {}", e.getMessage());
            }
        }
        return List.of();
    }

    public boolean isPaused() {
        return remainingPauseMillis() > 0;
    }

    public String pauseReason() {
        if (isPaused()) {
            return pause.get().reason();
        }
        return budget instanceof SharedSecBudget shared ? shared.pauseReason() : null;
    }

    /** Shares pauses through this budget from now on. */
    public void shareThrough(SecBudget sharedBudget) {
        this.budget = sharedBudget;
    }

    /**
     * What the job of this exchange, held at the gate, shows on its row (and keeps), or null when SEC traffic is not
     * paused here. Only the job whose own request SEC refused is told so: the others merely waited.
     */
    public String pauseNotice(Exchange exchange) {
        if (!isPaused()) {
            return null;
        }
        Pause current = pause.get();
        // Read while the job waits and after it went on: the same words must hold for both.
        if (requester(exchange).equals(current.causedBy())) {
            return "SEC pause: all SEC requests held until " + current.until() + " after " + current.reason();
        }
        return "SEC pause: held until " + current.until() + " by a pause of all SEC traffic caused by another"
                + " request (" + current.reason() + ")";
    }

    /**
     * Who an SEC request is made for: its job, whose retries are new exchanges after a broker redelivery, or the
     * exchange itself outside a job.
     */
    public static String requester(Exchange exchange) {
        JobContext job = exchange.getProperty(JobContext.PROPERTY, JobContext.class);
        return job != null ? "job " + job.getJobId() : "exchange " + exchange.getExchangeId();
    }

    /** Refuses to let a request out while paused; the request is retried after the pause. */
    public void ensureOpen() {
        if (isPaused()) {
            throw new SecRateLimitedException("SEC traffic is paused: " + pauseReason());
        }
    }

    /**
     * Pauses all SEC traffic after SEC refused the request of {@code causedBy} (a {@link #requester}, or null); a
     * longer pause already in force is kept.
     */
    public void pauseForRateLimit(String reason, String causedBy) {
        Instant until = clock.instant().plus(pauseOnRateLimit);
        Pause updated = pause.updateAndGet(p -> p.until().isAfter(until) ? p : new Pause(until, reason, causedBy));
        if (budget != null) {
            budget.pause(updated.until(), reason);
        }
        LOG.warn("SEC rate limit hit ({}); all SEC requests paused until {}", reason, updated.until());
    }
}
