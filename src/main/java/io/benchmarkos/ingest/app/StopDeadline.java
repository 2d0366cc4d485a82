package io.benchmarkos.ingest.app;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Bounds a graceful stop. With the broker and the database both unreachable, stopping the JMS listeners and the
 * connection pool waited for them for one to two minutes, past camel.main.shutdown-timeout, and a supervisor's
 * SIGTERM seemed ignored. Past the deadline the process ends as after a kill -9, which loses nothing: unfinished
 * jobs are redelivered by the broker, and H2 and the embedded broker's journal keep every commit.
 */
final class StopDeadline {

    /** The exit code of a stop cut short, for a supervisor's log. */
    static final int EXIT_CODE = 75;

    private final Duration deadline;
    private final Runnable endProcess;
    private final Supplier<String> stillInFlight;

    /** {@code stillInFlight}: what the stop still waits for (messages in flight), empty when nothing is. */
    StopDeadline(Duration deadline, Runnable endProcess, Supplier<String> stillInFlight) {
        this.deadline = deadline;
        this.endProcess = endProcess;
        this.stillInFlight = stillInFlight;
    }

    /** The real one: halts the JVM (its shutdown hooks are already running). */
    static StopDeadline halting(Duration deadline, Supplier<String> stillInFlight) {
        return new StopDeadline(deadline, () -> Runtime.getRuntime().halt(EXIT_CODE), stillInFlight);
    }

    /**
     * Names what held the stop up: the work still in flight (a job waiting on an SEC request that does not answer,
     * say), or, when nothing was, the connections the listeners and the pool wait on.
     */
    String message() {
        String inFlight;
        try {
            inFlight = stillInFlight.get();
        } catch (RuntimeException e) {
            inFlight = "";
        }
        String cause = inFlight == null || inFlight.isEmpty() ? " (nothing in flight: broker or database unreachable?)"
                : "; still in flight: " + inFlight;
        return "benchmarkos-ingest: the stop did not finish within " + deadline.toSeconds() + " s" + cause
                + ". Ending the process now (exit " + EXIT_CODE + "). Jobs that were running are redelivered by the"
                + " broker once it is back.";
    }

    /** Runs {@code stop}; if it has not returned within the deadline, says so and ends the process. */
    void run(Runnable stop) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(deadline.toMillis());
            } catch (InterruptedException finished) {
                return;
            }
            // Straight to stderr: the logging framework may be stopping in its own shutdown hook.
            System.err.println(message());
            endProcess.run();
        }, "benchmarkos-stop-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            stop.run();
        } finally {
            watchdog.interrupt();
        }
    }
}
