package io.benchmarkos.ingest.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.api.ApiQueries;
import io.benchmarkos.ingest.monitor.MonitorQueries;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A work message delivered again while a live worker runs its job (the broker restarted under that worker) must not
 * start a second run beside the first; one delivered after the job finished publishes its event again, since the
 * first may have been rolled back with the worker's transaction. Leases are short here: 3 s, renewed every second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobLeaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FIRST_ATTEMPT_STARTED = Instant.now().minusSeconds(60);

    private TestApp app;
    private Connection broker;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        app = TestApp.serving(Fixtures.copyToTemp(), Map.of("jobs.worker.enabled", "false", "jobs.lease-ms", "3000",
                "jobs.lease-renew-ms", "1000", "jobs.held-recheck-ms", "500"));
        broker = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + app.brokerPort()).createConnection();
        Session session = broker.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createTopic(app.app().property("jobs.event-topic")));
        consumer.setMessageListener(message -> {
            try {
                events.add(JSON.readTree(((TextMessage) message).getText()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        broker.start();
    }

    @AfterAll
    void stop() throws Exception {
        broker.close();
        app.close();
    }

    @Test
    void aJobClaimedByAnotherWorkerRunsOnlyAfterThatWorkersClaimRunsOut() throws Exception {
        String jobId = app.submit("{\"ticker\":\"AAPL\"}").path("jobId").asText();
        MonitorQueries status = new MonitorQueries(app.dataSource());
        // The status view counts a running job whose claim ran out as one no worker runs.
        claim(jobId, Instant.now().minusSeconds(1));
        assertThat(status.jobsByStatus()).containsEntry("running", 1L)
                .containsEntry(MonitorQueries.RUNNING_WITHOUT_WORKER, 1L);
        ApiQueries api = app.app().bean("apiQueries", ApiQueries.class);
        assertThat((String) api.job(jobId).orElseThrow().get("worker")).startsWith("none holds this job now");
        // As a worker that started the job, renewed its claim, and then died (or lost its broker) leaves it.
        Instant claimEnds = Instant.now().plusSeconds(3);
        claim(jobId, claimEnds);
        assertThat(status.jobsByStatus()).containsEntry(MonitorQueries.RUNNING_WITHOUT_WORKER, 0L);
        assertThat(api.job(jobId).orElseThrow()).doesNotContainKey("worker");

        startWorker();

        // Looked at again every 500 ms, left alone while the claim holds.
        await().during(Duration.ofMillis(2000)).atMost(Duration.ofSeconds(3))
                .until(() -> app.jobs().find(jobId).orElseThrow().get("attempts").equals(1));
        Map<String, Object> job = app.awaitFinished(jobId);
        assertThat(job).containsEntry("status", "succeeded").containsEntry("attempts", 2);
        assertThat(Instant.now()).isAfter(claimEnds);
        // The claim ends with the attempt (just after the job's row says succeeded).
        await().atMost(Duration.ofSeconds(5))
                .until(() -> app.jobs().find(jobId).orElseThrow().get("lease_owner") == null);
        await().atMost(Duration.ofSeconds(5)).until(() -> eventsOf(jobId).size() == 1);
        // The job's duration runs from its first attempt's start, not from the takeover.
        assertThat(eventsOf(jobId).get(0).path("durationMillis").asLong())
                .isGreaterThanOrEqualTo(Duration.between(FIRST_ATTEMPT_STARTED, claimEnds).toMillis());
    }

    @Test
    void aWorkMessageOfAFinishedJobPublishesItsCompletionEventAgain() throws Exception {
        startWorker();
        String jobId = app.submit("{\"ticker\":\"NVDA\"}").path("jobId").asText();
        Map<String, Object> job = app.awaitFinished(jobId);
        await().atMost(Duration.ofSeconds(5)).until(() -> eventsOf(jobId).size() == 1);

        try (Session session = broker.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createQueue(
                     app.app().property("jobs.work-queue")))) {
            WorkMessages.send(session, producer, jobId, jobId + "/redelivered", 4);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf(jobId).size() == 2);
        JsonNode first = eventsOf(jobId).get(0);
        JsonNode again = eventsOf(jobId).get(1);
        assertThat(again.path("status").asText()).isEqualTo("succeeded");
        assertThat(again.path("factsRead").asLong()).isEqualTo(first.path("factsRead").asLong())
                .isEqualTo(((Number) job.get("facts_read")).longValue());
        assertThat(again.path("cik").asLong()).isEqualTo(Fixtures.NVIDIA);
        // The stored time, to the database's microseconds.
        assertThat(Instant.parse(again.path("finishedAt").asText()))
                .isCloseTo(Instant.parse(first.path("finishedAt").asText()), within(1, ChronoUnit.MILLIS));
        assertThat(app.jobs().find(jobId).orElseThrow()).containsEntry("attempts", 1);
    }

    @Test
    void theSweeperLeavesAJobItsWorkerStillClaimsAndAFailedJobIsNotTurnedRound() throws Exception {
        String jobId = app.submit("{\"ticker\":\"NVDA\"}").path("jobId").asText();
        claim(jobId, Instant.now().plusSeconds(60));
        quietSince(jobId, Instant.now().minusSeconds(120));

        assertThat(app.jobs().failStale(60)).as("a slow job whose worker renews its claim is not stale").isEmpty();
        claim(jobId, Instant.now().minusSeconds(1));
        quietSince(jobId, Instant.now().minusSeconds(10));
        assertThat(app.jobs().failStale(60)).as("a job that moved within the limit is not stale, claimed or not")
                .isEmpty();

        claim(jobId, Instant.now().minusSeconds(1));
        quietSince(jobId, Instant.now().minusSeconds(120));
        List<JobEvent> swept = app.jobs().failStale(60);
        assertThat(swept).extracting(JobEvent::jobId).containsExactly(jobId);
        assertThat(swept).extracting(JobEvent::ticker).as("the event names the company").containsExactly("NVDA");

        // The first run ends after all: its success is not recorded over the failure already announced.
        JobContext lateRun = new JobContext(jobId, CompanyRef.ofTicker("NVDA"), null, null, null, 1,
                FIRST_ATTEMPT_STARTED);
        JobEvent late = app.jobs().succeed(lateRun);
        assertThat(late.status()).isEqualTo("failed");
        assertThat(late.reason()).startsWith("no progress for 1 minute and no live worker claims it");
        assertThat(app.count("SELECT COUNT(*) FROM ingest_job WHERE id = ? AND status = 'failed'", jobId))
                .isEqualTo(1);
    }

    private void quietSince(String jobId, Instant updatedAt) throws Exception {
        try (java.sql.Connection c = app.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE ingest_job SET updated_at = ? WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(updatedAt));
            s.setString(2, jobId);
            s.executeUpdate();
        }
    }

    private void claim(String jobId, Instant until) throws Exception {
        try (java.sql.Connection c = app.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE ingest_job SET status = 'running', attempts = 1,"
                     + " started_at = ?, lease_owner = 'a-worker-that-died', lease_until = ? WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(FIRST_ATTEMPT_STARTED));
            s.setTimestamp(2, Timestamp.from(until));
            s.setString(3, jobId);
            s.executeUpdate();
        }
    }

    private void startWorker() throws Exception {
        for (String route : List.of("job-worker", "job-lease-renewal")) {
            if (!app.app().camel().getRouteController().getRouteStatus(route).isStarted()) {
                app.app().camel().getRouteController().startRoute(route);
            }
        }
    }

    private List<JsonNode> eventsOf(String jobId) {
        return events.stream().filter(e -> jobId.equals(e.path("jobId").asText())).toList();
    }
}
