package io.benchmarkos.ingest.app;

import java.time.Duration;

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

    StopDeadline(Duration deadline, Runnable endProcess) {
        this.deadline = deadline;
        this.endProcess = endProcess;
    }

    /** The real one: halts the JVM (its shutdown hooks are already running). */
    static StopDeadline halting(Duration deadline) {
        return new StopDeadline(deadline, () -> Runtime.getRuntime().halt(EXIT_CODE));
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
            System.err.println("benchmarkos-ingest: the stop did not finish within " + deadline.toSeconds()
                    + " s (broker or database unreachable?); ending the process now (exit " + EXIT_CODE + "). Jobs"
                    + " that were running are redelivered by the broker once it is back.");
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
