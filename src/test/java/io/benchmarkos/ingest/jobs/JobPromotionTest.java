package io.benchmarkos.ingest.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * During the nightly refresh, a chatbot user asking about a company still in the batch queue goes first. The app
 * starts without its job worker, so the queue holds still while it is looked at.
 */
class JobPromotionTest {

    @Test
    void anOnDemandRequestMovesTheCompanysQueuedBatchJobAheadOfTheOthers() throws Exception {
        try (TestApp app = TestApp.serving(Fixtures.copyToTemp(), Map.of("jobs.worker.enabled", "false"))) {
            String apple = app.submit("{\"ticker\":\"AAPL\",\"mode\":\"batch\"}").path("jobId").asText();
            String nvidia = app.submit("{\"ticker\":\"NVDA\",\"mode\":\"batch\"}").path("jobId").asText();
            assertThat(queuedWork(app)).containsExactly(apple + " at 2", nvidia + " at 2");

            JsonNode onDemand = app.submit("{\"ticker\":\"nvda\"}");

            assertThat(onDemand.path("duplicate").asBoolean()).isTrue();
            assertThat(onDemand.path("jobId").asText()).isEqualTo(nvidia);
            assertThat(onDemand.path("priority").asInt()).isEqualTo(7);
            // Still one work message per job: NVDA's was taken off and sent again at the on-demand priority.
            assertThat(queuedWork(app)).containsExactly(nvidia + " at 7", apple + " at 2");
            assertThat(app.jobs().find(nvidia).orElseThrow()).containsEntry("priority", 7);
            // A batch request for a job already ahead of it changes nothing.
            assertThat(app.submit("{\"ticker\":\"NVDA\",\"mode\":\"batch\"}").path("priority").asInt()).isEqualTo(7);
            assertThat(queuedWork(app)).containsExactly(nvidia + " at 7", apple + " at 2");

            app.app().camel().getRouteController().startRoute("job-worker");

            assertThat(app.awaitFinished(nvidia)).containsEntry("status", "succeeded").containsEntry("attempts", 1);
            assertThat(app.awaitFinished(apple)).containsEntry("status", "succeeded").containsEntry("attempts", 1);
            assertThat(queuedWork(app)).isEmpty();
        }
    }

    @Test
    void aRequestAtTheJobsOwnPriorityLeavesItsPlaceInTheQueue() throws Exception {
        try (TestApp app = TestApp.serving(Fixtures.copyToTemp(), Map.of("jobs.worker.enabled", "false"))) {
            String apple = app.submit("{\"ticker\":\"AAPL\",\"mode\":\"batch\"}").path("jobId").asText();
            String nvidia = app.submit("{\"ticker\":\"NVDA\",\"mode\":\"batch\"}").path("jobId").asText();

            JsonNode again = app.submit("{\"ticker\":\"AAPL\",\"mode\":\"batch\"}");

            assertThat(again.path("jobId").asText()).isEqualTo(apple);
            assertThat(again.path("priority").asInt()).isEqualTo(2);
            assertThat(queuedWork(app)).containsExactly(apple + " at 2", nvidia + " at 2");
        }
    }

    /** The work queue in the order the broker hands it out: "job id at priority", highest priority first. */
    private static List<String> queuedWork(TestApp app) throws Exception {
        List<String> queued = new ArrayList<>();
        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + app.brokerPort())
                .createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = session.createBrowser(session.createQueue(app.app().property("jobs.work-queue")))) {
            connection.start();
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message message = (Message) messages.nextElement();
                queued.add(message.getStringProperty(WorkMessages.JOB_ID_HEADER) + " at " + message.getJMSPriority());
            }
        }
        return queued;
    }
}
