package io.benchmarkos.ingest.sec;

import org.apache.camel.Exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The SEC budget of a single JVM: a semaphore of {@code limit} permits, each returned one window after its
 * response. The route's Throttler EIP spaces requests out; this makes the limit hold for arrivals at SEC too,
 * even when a slow first connection lets several requests land together.
 */
public class LocalSecBudget implements SecBudget, AutoCloseable {

    private static final long RETRY_MILLIS = 25;

    private final Semaphore permits;
    private final Duration window;
    private final ScheduledExecutorService coolDown = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sec-budget-cooldown");
        t.setDaemon(true);
        return t;
    });

    public LocalSecBudget(int limit, Duration window) {
        this.permits = new Semaphore(limit, true);
        this.window = window;
    }

    @Override
    public boolean mustWait(Exchange exchange) {
        if (permits.tryAcquire()) {
            exchange.setProperty(PERMIT_PROPERTY, Boolean.TRUE);
            return false;
        }
        exchange.setProperty(WAIT_PROPERTY, RETRY_MILLIS);
        return true;
    }

    @Override
    public void release(Exchange exchange) {
        if (exchange.removeProperty(PERMIT_PROPERTY) != null) {
            coolDown.schedule(() -> permits.release(), window.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void pause(Instant until, String reason) {
        // SecGate keeps the pause of a single JVM.
    }

    @Override
    public void close() {
        coolDown.shutdownNow();
    }
}
