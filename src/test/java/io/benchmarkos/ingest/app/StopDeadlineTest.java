package io.benchmarkos.ingest.app;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The bound on a stop: a stop that hangs ends the process at the deadline, one that finishes leaves it alone. */
class StopDeadlineTest {

    @Test
    void aStopThatHangsPastTheDeadlineEndsTheProcess() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        CountDownLatch neverReleased = new CountDownLatch(1);
        StopDeadline deadline = new StopDeadline(Duration.ofMillis(200), ended::countDown, () -> "");
        Thread stopping = new Thread(() -> deadline.run(() -> {
            try {
                // A JMS listener waiting for a broker that is gone.
                neverReleased.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        stopping.start();

        assertThat(ended.await(5, TimeUnit.SECONDS)).as("the process was ended").isTrue();
        stopping.interrupt();
    }

    @Test
    void theLineNamesTheWorkStillInFlightOrElseTheConnectionsItWaitsOn() {
        StopDeadline busy = new StopDeadline(Duration.ofSeconds(40), () -> { },
                () -> "job-worker (job 7 for AAPL) for 38 s, now in route sec-get");
        StopDeadline idle = new StopDeadline(Duration.ofSeconds(40), () -> { }, () -> "");

        assertThat(busy.message()).isEqualTo("benchmarkos-ingest: the stop did not finish within 40 s; still in"
                + " flight: job-worker (job 7 for AAPL) for 38 s, now in route sec-get. Ending the process now (exit"
                + " 75). Jobs that were running are redelivered by the broker once it is back.");
        assertThat(idle.message()).contains("within 40 s (nothing in flight: broker or database unreachable?).");
    }

    @Test
    void aStopThatFinishesInTimeDoesNotEndTheProcess() throws Exception {
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean stopped = new AtomicBoolean();

        new StopDeadline(Duration.ofMillis(300), () -> ended.set(true), () -> "").run(() -> stopped.set(true));
        Thread.sleep(600);

        assertThat(stopped).isTrue();
        assertThat(ended).as("ended after the stop had finished").isFalse();
    }
}
