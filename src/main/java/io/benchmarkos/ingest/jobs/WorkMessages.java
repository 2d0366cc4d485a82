package io.benchmarkos.ingest.jobs;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * A job's work message as the intake sends it (routes/jobs.yaml, {@code enqueue-work}), for the code that sends
 * one again outside a route: the job id as text and in the {@code jobId} header, persistent, with a duplicate id.
 */
public final class WorkMessages {

    /** The header with the job id, for selectors and for browsing the queue. */
    public static final String JOB_ID_HEADER = "jobId";
    private static final String DUPLICATE_ID_HEADER = "_AMQ_DUPL_ID";

    private WorkMessages() {
    }

    /**
     * Sends the work message of {@code jobId}. The broker remembers the intake's duplicate id (the job id) and drops
     * a message that repeats it, so each later message names its own {@code duplicateId}.
     */
    public static void send(Session session, MessageProducer producer, String jobId, String duplicateId,
                            int priority) throws JMSException {
        TextMessage work = session.createTextMessage(jobId);
        work.setStringProperty(JOB_ID_HEADER, jobId);
        work.setStringProperty(DUPLICATE_ID_HEADER, duplicateId);
        producer.send(work, DeliveryMode.PERSISTENT, priority, 0);
    }
}
