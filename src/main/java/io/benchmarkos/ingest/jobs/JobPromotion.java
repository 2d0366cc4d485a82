package io.benchmarkos.ingest.jobs;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * Moves a queued job ahead when a request of higher priority asks for the same company: during the nightly refresh,
 * a chatbot user asking about a company whose batch job is still queued would otherwise wait behind the whole list.
 * <p>
 * The job keeps a single work message: in one broker transaction the waiting message is taken off the queue (by a
 * selector on its {@code jobId} property) and sent again at the new priority. A message a worker already holds, or
 * one held back for a redelivery delay, cannot be taken, and then there is nothing to move. A nightly job waiting
 * for SEC (its message scheduled for {@code retry_at}) is the exception: it gets a second message now, and the
 * scheduled one, when it comes, finds the job finished and publishes its event again (events are at-least-once).
 */
public class JobPromotion {

    /** Exchange property with the {@link JobRequest} being submitted. */
    public static final String REQUEST_PROPERTY = "jobRequest";
    private static final Logger LOG = LoggerFactory.getLogger(JobPromotion.class);

    private final ConnectionFactory broker;
    private final String workQueue;
    private final JobStore jobs;

    /** {@code broker} must not cache consumers: each promotion has a selector of its own. */
    public JobPromotion(ConnectionFactory broker, String workQueue, JobStore jobs) {
        this.broker = broker;
        this.workQueue = workQueue;
        this.jobs = jobs;
    }

    /** The ticket of a duplicate submission, moved to the request's priority when its job was still waiting. */
    public JobTicket promote(@Body JobTicket ticket, @ExchangeProperty(REQUEST_PROPERTY) JobRequest request)
            throws SQLException {
        int wanted = jobs.priorityOf(request);
        if (!ticket.duplicate() || wanted <= ticket.priority()
                || !JobStatus.PENDING.label().equals(ticket.status())) {
            return ticket;
        }
        try {
            // A nightly job waiting for SEC has its work message scheduled for later, where no consumer can take it:
            // it gets a second one now, at the new priority; the scheduled one finds the job done (or running).
            boolean waitingForSec = jobs.find(ticket.jobId()).map(row -> row.get("retry_at") != null).orElse(false);
            if (!requeue(ticket.jobId(), wanted, waitingForSec)) {
                LOG.info("Job {} for {} is no longer waiting in the queue (started, or in a retry delay); left at"
                        + " priority {}", ticket.jobId(), ticket.company(), ticket.priority());
                return ticket;
            }
        } catch (JMSException e) {
            // The job is queued and will run: a request that asked for it again is answered, not failed.
            LOG.warn("Job {} for {} could not be moved ahead of the queue ({}); it runs at priority {}", ticket.jobId(),
                    ticket.company(), e.toString(), ticket.priority());
            return ticket;
        }
        jobs.changePriority(ticket.jobId(), wanted);
        LOG.info("Job {} for {} moved from priority {} to {}: requested again at the higher priority",
                ticket.jobId(), ticket.company(), ticket.priority(), wanted);
        return new JobTicket(ticket.jobId(), ticket.company(), ticket.status(), wanted, true);
    }

    private boolean requeue(String jobId, int priority, boolean waitingForSec) throws JMSException {
        try (Connection connection = broker.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            connection.start();
            Queue queue = session.createQueue(workQueue);
            try (MessageConsumer waiting = session.createConsumer(queue,
                    WorkMessages.JOB_ID_HEADER + " = '" + jobId.replace("'", "''") + "'");
                 MessageProducer producer = session.createProducer(queue)) {
                if (waiting.receiveNoWait() == null && !waitingForSec) {
                    session.rollback();
                    return false;
                }
                WorkMessages.send(session, producer, jobId, jobId + "/priority-" + priority, priority);
                session.commit();
                return true;
            }
        }
    }
}
