package io.benchmarkos.ingest.jobs;

/**
 * A job was recorded but its work message could not be handed to the broker (broker down or unreachable). The job
 * row is failed; the request has to be sent again. A JMS request is, by the broker's redelivery; an HTTP caller
 * gets 503 and this message.
 */
public class JobNotQueuedException extends RuntimeException {

    public JobNotQueuedException(String jobId, Throwable cause) {
        super("job " + jobId + " was not queued: the message broker did not take it (" + describe(cause)
                + "); send the request again once the broker is reachable", cause);
    }

    static String describe(Throwable cause) {
        if (cause == null) {
            return "no cause given";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
