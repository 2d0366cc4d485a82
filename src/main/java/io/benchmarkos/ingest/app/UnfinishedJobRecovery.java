package io.benchmarkos.ingest.app;

import io.benchmarkos.ingest.jobs.JobStore;
import io.benchmarkos.ingest.jobs.UnfinishedJob;
import io.benchmarkos.ingest.jobs.WorkMessages;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.utils.collections.LinkedListIterator;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Embedded profile: at start-up, before any job worker consumes, gives every job the database still shows as
 * pending or running a work message, unless the broker's journal already holds one.
 *
 * <p>The broker and the database each keep their own last second: killed at the wrong moment, the broker may have
 * the work message acknowledged while H2 lost the job's final status (or the other way round). Without this the
 * job would sit in "running" until the stale-job sweeper gave up on it an hour later, and the chatbot with it.
 * Only the embedded profile can do this safely: its journal lock proves no other JVM is working on these jobs.
 * A job that keeps stopping the JVM is bounded by {@code jobs.max-attempts} when its worker starts it again.
 */
public class UnfinishedJobRecovery extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(UnfinishedJobRecovery.class);

    private final EmbeddedBroker broker;
    private final JobStore jobs;
    private final String workQueue;

    public UnfinishedJobRecovery(EmbeddedBroker broker, JobStore jobs, String workQueue) {
        this.broker = broker;
        this.jobs = jobs;
        this.workQueue = workQueue;
    }

    @Override
    protected void doStart() throws Exception {
        broker.start();
        // The journal lock proves no other JVM works on these jobs: claims left by the last run hold nothing.
        jobs.clearLeases();
        List<UnfinishedJob> unfinished = jobs.unfinished();
        if (unfinished.isEmpty()) {
            return;
        }
        Set<String> queued = queuedJobIds();
        List<UnfinishedJob> orphaned = unfinished.stream().filter(job -> !queued.contains(job.jobId())).toList();
        if (!orphaned.isEmpty()) {
            requeue(orphaned);
        }
        LOG.info("{} unfinished job(s) from before this start: {} still queued, {} queued again", unfinished.size(),
                unfinished.size() - orphaned.size(), orphaned.size());
    }

    /** Job ids of the work messages waiting in the journal, including those held back for a redelivery delay. */
    private Set<String> queuedJobIds() throws Exception {
        Queue queue = broker.artemis().getActiveMQServer().locateQueue(workQueue);
        Set<String> ids = new HashSet<>();
        if (queue == null) {
            return ids;
        }
        try (LinkedListIterator<MessageReference> waiting = queue.browserIterator()) {
            while (waiting.hasNext()) {
                addJobId(ids, waiting.next());
            }
        }
        queue.getScheduledMessages().forEach(reference -> addJobId(ids, reference));
        return ids;
    }

    private static void addJobId(Set<String> ids, MessageReference reference) {
        Object jobId = reference.getMessage().getObjectProperty(WorkMessages.JOB_ID_HEADER);
        if (jobId != null) {
            ids.add(jobId.toString());
        }
    }

    private void requeue(List<UnfinishedJob> orphaned) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://" + broker.inVmId());
        try (factory; Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createQueue(workQueue))) {
            for (UnfinishedJob job : orphaned) {
                WorkMessages.send(session, producer, job.jobId(), job.jobId() + "/after-attempt-" + job.attempts(),
                        job.priority());
                LOG.info("Job {} was {} when the application last stopped ({} attempt(s) started); queued again",
                        job.jobId(), job.status(), job.attempts());
            }
        }
    }
}
