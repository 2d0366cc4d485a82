package io.benchmarkos.ingest.production;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.app.ConfigLoader;
import io.benchmarkos.ingest.app.EmbeddedBroker;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.LoggedLines;
import io.benchmarkos.ingest.support.TestApp;
import io.benchmarkos.ingest.tools.SecMirror;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API process of the production profile when its standalone broker goes away and comes back, with the broker
 * URL the profile ships: while it is down a job request is refused at once (503, the job failed as "not run"),
 * not held until the caller gives up; once it is back the same process takes jobs and runs them again.
 */
class BrokerRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "broker-restart-test";
    /** The chatbot's HTTP client should hear back well within this; the shipped callTimeout is 10 s. */
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SecMirror sec;
    private EmbeddedBroker broker;
    private Path brokerDir;
    private int brokerPort;
    private TestApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            // With its broker gone the app's JMS consumers take minutes to give up; bring it back for the stop.
            if (!broker.isStarted()) {
                broker = startBroker(brokerDir, brokerPort);
            }
            app.close();
        }
        if (broker != null) {
            ServiceHelper.stopService(broker);
        }
        if (sec != null) {
            sec.close();
        }
    }

    @Test
    void whileTheBrokerIsDownJobsAreRefusedAtOnceAndAfterItIsBackTheyRun() throws Exception {
        app = startWithStandaloneBroker(Map.of());
        LoggedLines logged = LoggedLines.atLeast(Level.INFO);

        assertThat(app.awaitFinished(post("AAPL").path("jobId").asText())).containsEntry("status", "succeeded");

        ServiceHelper.stopService(broker);
        // Artemis reconnects quietly: the app itself must say that its broker is gone, once.
        String lost = "Lost the connection to the message broker at tcp://127.0.0.1:" + brokerPort + ":";
        await().atMost(Duration.ofSeconds(30)).until(() -> watchLines(logged).stream().anyMatch(l -> l.contains(lost)));
        long before = System.nanoTime();
        HttpResponse<String> refused = send("NVDA");
        Duration took = Duration.ofNanos(System.nanoTime() - before);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(took).as("time to the 503").isLessThan(REFUSED_WITHIN);
        assertThat(JSON.readTree(refused.body()).path("error").asText()).contains("was not queued");
        assertThat(refused.headers().map()).as("the work message's JMS headers stay inside")
                .doesNotContainKeys("jobid", "_amq_dupl_id", "jmspriority");
        assertThat(app.count("SELECT COUNT(*) FROM ingest_job WHERE ticker = 'NVDA' AND status = 'failed'"
                + " AND reason LIKE 'not run: the message broker did not take its work message%'")).isEqualTo(1);

        HttpResponse<String> askedWhileDown = get("/companies/NVDA/metrics?phase=1");
        assertThat(askedWhileDown.statusCode()).as(askedWhileDown.body()).isEqualTo(503);

        broker = startBroker(brokerDir, brokerPort);
        // The broker's refusal says nothing about the company: the next question fetches it, no "failed" answer.
        HttpResponse<String> fetching = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get("/companies/NVDA/metrics?phase=1"), response -> response.statusCode() != 503);
        assertThat(fetching.statusCode()).as(fetching.body()).isEqualTo(202);
        assertThat(app.awaitFinished(JSON.readTree(fetching.body()).path("jobId").asText(), Duration.ofSeconds(120)))
                .containsEntry("status", "succeeded");
        assertThat(post("AAPL").path("duplicate").asBoolean()).isFalse();
        logged.close();
        assertThat(watchLines(logged)).hasSize(2);
        assertThat(watchLines(logged).get(0)).contains(lost, "check that the broker is running")
                .doesNotContain("reconnectAttempts");
        assertThat(watchLines(logged).get(1)).containsPattern("message broker at tcp://127\\.0\\.0\\.1:" + brokerPort
                + " is back after \\d+ s");
    }

    private static List<String> watchLines(LoggedLines logged) {
        return logged.lines().stream()
                .filter(line -> line.startsWith("io.benchmarkos.ingest.app.BrokerConnectionWatch: ")).toList();
    }

    /**
     * Many callers at once while the broker is down: the reconnecting connection's retry loop held Artemis' failover
     * lock, every request thread waited in it until the broker was back (ten minutes in a trial), and the HTTP
     * worker threads ran out, so even reads of stored data went unanswered.
     */
    @Test
    void manyJobRequestsWhileTheBrokerIsDownAreAllRefusedAtOnceAndReadsStillAnswer() throws Exception {
        app = startWithStandaloneBroker(Map.of());
        String loaded = post("AAPL").path("jobId").asText();
        assertThat(app.awaitFinished(loaded)).containsEntry("status", "succeeded");

        ServiceHelper.stopService(broker);
        // Let the app notice: its reconnect loop is then running, as after any broker loss.
        Thread.sleep(2000);
        long before = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // 25 companies: a request for one already being queued would be answered as its duplicate.
            String body = "{\"cik\":" + (5_000_001 + i) + "}";
            requests.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return sendJob(body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        HttpResponse<String> read = get("/jobs/" + loaded);
        List<Integer> codes = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> request : requests) {
            codes.add(request.get(60, TimeUnit.SECONDS).statusCode());
        }

        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("time to the last answer")
                .isLessThan(REFUSED_WITHIN);
        assertThat(codes).containsOnly(503);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).path("status").asText()).isEqualTo("succeeded");
    }

    /**
     * The broker restarts under a worker that is running a job: the message comes back while the first run goes on.
     * It must not start a second run, and the job's completion event must come out although the first run's
     * transaction (event included) died with the broker.
     */
    @Test
    void aBrokerRestartUnderARunningJobRunsItOnceAndItsEventStillComesOut() throws Exception {
        // One SEC request a second: the job takes a few seconds, long enough to restart the broker under it.
        app = startWithStandaloneBroker(Map.of("sec.max-requests-per-second", "1", "jobs.held-recheck-ms", "1000"));
        String events = app.app().property("jobs.event-topic");
        // A durable subscription keeps the events published while this test's own connection is down.
        try (Connection listener = durableListener()) {
            Session session = listener.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createDurableSubscriber(session.createTopic(events), "events").close();
        }

        String jobId = post("AAPL").path("jobId").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> "running".equals(app.jobs().find(jobId).orElseThrow().get("status")));
        ServiceHelper.stopService(broker);
        Thread.sleep(2000);
        broker = startBroker(brokerDir, brokerPort);

        assertThat(app.awaitFinished(jobId, Duration.ofSeconds(120))).containsEntry("status", "succeeded")
                .containsEntry("attempts", 1);
        List<String> received = new ArrayList<>();
        try (Connection listener = durableListener()) {
            Session session = listener.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createDurableSubscriber(session.createTopic(events), "events");
            listener.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                Message message = consumer.receive(1000);
                if (message instanceof TextMessage text && jobId.equals(message.getStringProperty("jobId"))) {
                    received.add(JSON.readTree(text.getText()).path("status").asText());
                }
            }
        }
        assertThat(received).as("completion events of job %s", jobId).containsOnly("succeeded").isNotEmpty();
        // Still one attempt once every copy of its work message has been dealt with.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> app.jobs().find(jobId).orElseThrow().get("attempts").equals(1));
    }

    /** The app on a broker of its own (standalone to it) at the broker URL the production profile ships. */
    private TestApp startWithStandaloneBroker(Map<String, String> extra) throws Exception {
        sec = new SecMirror(Fixtures.copyToTemp(), 0).start();
        brokerDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "broker-");
        brokerPort = TestApp.freePort();
        broker = startBroker(brokerDir, brokerPort);
        String shippedUrl = ConfigLoader.load("prod").getProperty("broker.url");
        assertThat(shippedUrl).startsWith("tcp://127.0.0.1:61616?");
        Map<String, String> overrides = new HashMap<>(Map.of("broker.embedded", "false", "api.token", TOKEN,
                "camel.management.enabled", "false", "broker.url",
                shippedUrl.replace(":61616?", ":" + brokerPort + "?")));
        overrides.putAll(extra);
        return TestApp.start(sec.baseUrl(), overrides);
    }

    private Connection durableListener() throws Exception {
        Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort).createConnection();
        connection.setClientID("broker-restart-test");
        return connection;
    }

    private static EmbeddedBroker startBroker(Path dataDir, int port) {
        EmbeddedBroker started = new EmbeddedBroker("artemis/broker.xml", dataDir, port, TestApp.freePort());
        ServiceHelper.startService(started);
        return started;
    }

    /** Posts until the app's JMS connection is back: the first sends after the restart may still be refused. */
    private JsonNode post(String ticker) throws Exception {
        HttpResponse<String> accepted = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> send(ticker), response -> response.statusCode() == 202);
        return JSON.readTree(accepted.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.apiUrl() + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String ticker) throws Exception {
        return sendJob("{\"ticker\":\"" + ticker + "\"}");
    }

    private HttpResponse<String> sendJob(String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.apiUrl() + "/jobs"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
