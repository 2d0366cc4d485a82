package io.benchmarkos.ingest.jobs;

import java.time.Instant;

/** What a work message found when its worker claimed the job. */
public sealed interface JobClaim {

    /** The job is this worker's for one more attempt. */
    record Started(JobContext job) implements JobClaim {
    }

    /** The job had ended already: the message is a repeat, and {@code event} its completion event as stored. */
    record Finished(JobEvent event) implements JobClaim {
    }

    /** Another attempt runs now, on {@code owner}, whose claim holds until {@code until} unless renewed. */
    record HeldElsewhere(String owner, Instant until) implements JobClaim {
    }
}
