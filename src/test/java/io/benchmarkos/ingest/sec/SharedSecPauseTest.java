package io.benchmarkos.ingest.sec;

import io.benchmarkos.ingest.support.MemoryDatabase;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A 429 seen by one worker pauses all of them, and every worker reports how long the pause has left. */
class SharedSecPauseTest {

    @Test
    void aWorkerThatDidNotSeeThe429ReportsThePauseTimeLeft() throws Exception {
        JdbcDataSource db = MemoryDatabase.migrated("shared-pause");
        Clock clock = Clock.systemUTC();
        SecGate hit = gate(db, clock);
        SecGate other = gate(db, clock);

        hit.pauseForRateLimit("HTTP 429 from SEC", null);

        assertThat(hit.remainingPauseMillisOfAnyWorker()).isBetween(595_000L, 600_000L);
        assertThat(other.remainingPauseMillis()).as("its own gate is open: it waits in the shared budget").isZero();
        assertThat(other.remainingPauseMillisOfAnyWorker()).isBetween(595_000L, 600_000L);
        assertThat(other.pauseReason()).startsWith("HTTP 429 from SEC (until ");
    }

    private static SecGate gate(JdbcDataSource db, Clock clock) throws Exception {
        SecGate gate = new SecGate(clock, Duration.ofMinutes(10));
        gate.shareThrough(new SharedSecBudget(db, clock, 8, Duration.ofSeconds(1), Duration.ofSeconds(30),
                UUID.randomUUID().toString()));
        return gate;
    }
}
