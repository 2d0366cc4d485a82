package io.benchmarkos.ingest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.app.IngestApp;
import io.benchmarkos.ingest.jobs.JobStore;
import io.benchmarkos.ingest.tools.SecMirror;
import org.apache.camel.ProducerTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The real application (same bootstrap as {@code serve}) on free loopback ports with its own data folder,
 * pointed at a stub SEC base URL. Tests drive it through its queues and HTTP API and read its database.
 */
public final class TestApp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WORKER_ROUTES = List.of("job-worker", "job-worker-on-demand");

    private final IngestApp app;
    private final ProducerTemplate producer;
    private final int apiPort;
    private final int brokerPort;
    private final int stompPort;
    /** The stub SEC this app owns (started and closed with it), or null when the test runs its own. */
    private SecMirror mirror;

    private TestApp(IngestApp app, int apiPort, int brokerPort, int stompPort) {
        this.app = app;
        this.producer = app.camel().createProducerTemplate();
        this.apiPort = apiPort;
        this.brokerPort = brokerPort;
        this.stompPort = stompPort;
    }

    /** Starts a stub SEC serving {@code secDir} and an app pointed at it; closing the app closes both. */
    public static TestApp serving(Path secDir) throws IOException {
        return serving(secDir, Map.of());
    }

    public static TestApp serving(Path secDir, Map<String, String> extra) throws IOException {
        SecMirror mirror = new SecMirror(secDir, 0).start();
        try {
            TestApp app = start(mirror.baseUrl(), extra);
            app.mirror = mirror;
            return app;
        } catch (RuntimeException e) {
            mirror.close();
            throw e;
        }
    }

    /** The stub SEC of {@link #serving}: what it was asked. */
    public SecMirror mirror() {
        return mirror;
    }

    public static TestApp start(String secBaseUrl) {
        return start(secBaseUrl, Map.of());
    }

    public static TestApp start(String secBaseUrl, Map<String, String> extra) {
        Path dataDir = Path.of("target", "test-data", UUID.randomUUID().toString());
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int apiPort = freePort();
        int brokerPort = freePort();
        int stompPort = freePort();
        Map<String, String> overrides = new HashMap<>();
        overrides.put("benchmarkos.data-dir", dataDir.toString());
        overrides.put("sec.www-base-url", secBaseUrl);
        overrides.put("sec.data-base-url", secBaseUrl);
        overrides.put("camel.server.port", Integer.toString(apiPort));
        overrides.put("broker.port", Integer.toString(brokerPort));
        overrides.put("broker.stomp-port", Integer.toString(stompPort));
        overrides.put("broker.url", "tcp://127.0.0.1:" + brokerPort);
        overrides.put("camel.management.port", Integer.toString(freePort()));
        overrides.putAll(extra);
        return new TestApp(new IngestApp("test", overrides).start(), apiPort, brokerPort, stompPort);
    }

    public IngestApp app() {
        return app;
    }

    public ProducerTemplate producer() {
        return producer;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort + "/api";
    }

    /** Base URL of the management server (health, metrics, Jolokia), e.g. {@code http://127.0.0.1:port/observe}. */
    public String observeUrl() {
        return "http://127.0.0.1:" + app.property("camel.management.port") + "/observe";
    }

    public int brokerPort() {
        return brokerPort;
    }

    public int stompPort() {
        return stompPort;
    }

    /** Stops every job worker (any-job and on-demand) taking work, so queued jobs stay pending. */
    public void suspendWorkers() throws Exception {
        for (String route : WORKER_ROUTES) {
            if (app.camel().getRoute(route) != null) {
                app.camel().getRouteController().suspendRoute(route);
            }
        }
    }

    public void resumeWorkers() throws Exception {
        for (String route : WORKER_ROUTES) {
            if (app.camel().getRoute(route) != null) {
                app.camel().getRouteController().resumeRoute(route);
            }
        }
    }

    public DataSource dataSource() {
        return app.bean("dataSource", DataSource.class);
    }

    public JobStore jobs() {
        return app.bean("jobStore", JobStore.class);
    }

    /** Sends a job request over JMS, as the chatbot does, and returns the ticket the app answers with. */
    public JsonNode submit(String requestJson) {
        return request("jms:queue:ingest.requests?requestTimeout=30000", requestJson);
    }

    /** Asks a question over JMS request/reply, as the chatbot does, and returns the answer. */
    public JsonNode ask(String question) {
        return request("jms:queue:ingest.ask?requestTimeout=30000",
                JSON.createObjectNode().put("question", question).toString());
    }

    private JsonNode request(String endpoint, String body) {
        try {
            return JSON.readTree(producer.requestBody(endpoint, body, String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String submitTicker(String ticker) {
        return submit("{\"ticker\":\"" + ticker + "\"}").get("jobId").asText();
    }

    /** Waits until the job has finished and returns its row. */
    public Map<String, Object> awaitFinished(String jobId) {
        return awaitFinished(jobId, Duration.ofSeconds(60));
    }

    public Map<String, Object> awaitFinished(String jobId, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            String status = (String) jobs().find(jobId).orElseThrow().get("status");
            return "succeeded".equals(status) || "failed".equals(status);
        });
        try {
            return jobs().find(jobId).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement on the app's database (a test breaking or mending its schema, say). */
    public void execute(String sql) {
        try (Connection c = dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql, Object... params) {
        try {
            return SqlCount.of(dataSource(), sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.stop();
        app.close();
        if (mirror != null) {
            mirror.close();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
