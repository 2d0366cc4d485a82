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
        Thread stopping = new Thread(() -> new StopDeadline(Duration.ofMillis(200), ended::countDown).run(() -> {
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
    void aStopThatFinishesInTimeDoesNotEndTheProcess() throws Exception {
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean stopped = new AtomicBoolean();

        new StopDeadline(Duration.ofMillis(300), () -> ended.set(true)).run(() -> stopped.set(true));
        Thread.sleep(600);

        assertThat(stopped).isTrue();
        assertThat(ended).as("ended after the stop had finished").isFalse();
    }
}
