package io.benchmarkos.ingest.sec;

import io.benchmarkos.ingest.support.MemoryDatabase;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The permits of the budget every worker shares: a permit in flight holds its share while its worker lives, and
 * stops holding it soon after the worker was killed mid-request (it never releases the permit).
 */
class SharedSecBudgetTest {

    private static final Duration PRESENCE = Duration.ofSeconds(30);

    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private JdbcDataSource db;

    @BeforeEach
    void database() throws Exception {
        db = MemoryDatabase.migrated("shared-budget");
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void aPermitOfAKilledWorkerStopsCountingWhenItsPresenceRunsOut() throws Exception {
        SharedSecBudget killed = budget();
        SharedSecBudget survivor = budget();
        assertThat(killed.mustWait(exchange())).as("the first permit of a budget of one is free").isFalse();

        clock.advance(Duration.ofSeconds(10));
        assertThat(survivor.mustWait(exchange())).as("the killed worker's request may still be in flight").isTrue();

        clock.advance(PRESENCE);
        survivor.renewPresence();
        assertThat(survivor.mustWait(exchange()))
                .as("40 s after its last renewal the killed worker's permit no longer counts").isFalse();
    }

    @Test
    void aPermitOfALiveWorkerCountsForAsLongAsItsRequestLasts() throws Exception {
        SharedSecBudget slow = budget();
        SharedSecBudget other = budget();
        assertThat(slow.mustWait(exchange())).isFalse();

        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            slow.renewPresence();
        }
        Exchange waiting = exchange();
        assertThat(other.mustWait(waiting)).as("a 50 s request of a live worker still holds its permit").isTrue();
        assertThat(waiting.getProperty(SecBudget.WAIT_PROPERTY, Long.class)).isPositive();
    }

    @Test
    void eachLiveHolderShowsItsOwnLimit() throws Exception {
        SharedSecBudget eight = new SharedSecBudget(db, clock, 8, Duration.ofSeconds(1), PRESENCE, "eight");
        new SharedSecBudget(db, clock, 2, Duration.ofSeconds(1), PRESENCE, "two");
        assertThat(eight.limitsOfLiveHolders()).containsExactly(8, 2);

        clock.advance(Duration.ofSeconds(31));
        eight.renewPresence();
        assertThat(eight.limitsOfLiveHolders()).as("the other stopped renewing").containsExactly(8);
    }

    @Test
    void aReleasedPermitCountsForOneWindowAfterItsResponse() throws Exception {
        SharedSecBudget first = budget();
        SharedSecBudget second = budget();
        Exchange request = exchange();
        assertThat(first.mustWait(request)).isFalse();
        first.release(request);

        Exchange next = exchange();
        assertThat(second.mustWait(next)).isTrue();
        assertThat(next.getProperty(SecBudget.WAIT_PROPERTY, Long.class)).isBetween(1L, 1_001L);
        clock.advance(Duration.ofMillis(1_001));
        assertThat(second.mustWait(exchange())).isFalse();
    }

    @Test
    void aPauseSetByOneWorkerHoldsEveryWorkersNextRequestUntilItEnds() throws Exception {
        SharedSecBudget hit = budget();
        SharedSecBudget other = budget();
        hit.pause(clock.instant().plus(Duration.ofSeconds(60)), "HTTP 429 from SEC");

        Exchange waiting = exchange();
        assertThat(other.mustWait(waiting)).isTrue();
        assertThat(waiting.getProperty(SecBudget.WAIT_PROPERTY, Long.class)).isEqualTo(60_001L);

        clock.advance(Duration.ofSeconds(60));
        assertThat(other.mustWait(exchange())).as("the pause is over").isFalse();
    }

    @Test
    void aLongerPauseExtendsTheSharedOneAndAShorterOneDoesNotCutItShort() throws Exception {
        SharedSecBudget budget = budget();
        Instant now = clock.instant();
        budget.pause(now.plus(Duration.ofSeconds(60)), "first 429");
        budget.pause(now.plus(Duration.ofSeconds(600)), "second 429");
        budget.pause(now.plus(Duration.ofSeconds(30)), "third 429");

        assertThat(budget.sharedPause()).hasValue(new SharedSecBudget.SharedPause(now.plus(Duration.ofSeconds(600)),
                "second 429"));
    }

    private SharedSecBudget budget() throws Exception {
        return new SharedSecBudget(db, clock, 1, Duration.ofSeconds(1), PRESENCE, UUID.randomUUID().toString());
    }

    private Exchange exchange() {
        return new DefaultExchange(camel);
    }

    /** A clock the test moves by hand, so a minute of presence takes no time. */
    private static final class SteppedClock extends Clock {
        private volatile Instant now;

        SteppedClock(Instant start) {
            this.now = start;
        }

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
