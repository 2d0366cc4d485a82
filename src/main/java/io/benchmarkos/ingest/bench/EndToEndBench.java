package io.benchmarkos.ingest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.app.IngestApp;
import io.benchmarkos.ingest.facts.FactLoader;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jobs through the real application: JMS intake, the worker's stages (SEC over HTTP from a local mirror with the
 * throttle lifted, raw store, facts, KPIs) and the completion event on {@code ingest.events}.
 */
final class EndToEndBench implements AutoCloseable {

    /** What a run of jobs gave. */
    record Result(int jobs, int succeeded, long facts, long nanos, long peakHeapBytes, long maxLiveBytes,
                  long largestSucceededBytes, String firstFailure, int notReadAgain) {

        double factsPerSecond() {
            return facts * 1e9 / nanos;
        }

        double jobsPerSecond() {
            return jobs * 1e9 / nanos;
        }
    }

    /** A top-level step of a worker route, with its total time over the run. */
    record Stage(String route, String step, long totalMillis) {

        /**
         * Each step's time since {@code before} was taken from the same app. Steps are matched by position: a route
         * may have several alike (three {@code to[direct:publish-job-event]} in job-worker).
         */
        static List<Stage> since(List<Stage> before, List<Stage> now) {
            List<Stage> delta = new ArrayList<>(now.size());
            for (int i = 0; i < now.size(); i++) {
                Stage s = now.get(i);
                Stage earlier = i < before.size() ? before.get(i) : null;
                if (earlier == null || !earlier.route().equals(s.route()) || !earlier.step().equals(s.step())) {
                    throw new IllegalStateException("the app's routes changed between two runs at " + s);
                }
                delta.add(new Stage(s.route(), s.step(), s.totalMillis() - earlier.totalMillis()));
            }
            return delta;
        }
    }

    /** Latency percentiles in microseconds. */
    record Latency(long p50Micros, long p99Micros, long maxMicros, int requests, int notReady) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BREAKDOWN_ROUTES = List.of("job-worker", "load-companyfacts", "compute-metrics");

    private final IngestApp app;
    private final ProducerTemplate producer;
    /** A database made for this run only, dropped on close; null when the app uses H2 in its data folder. */
    private BenchDatabase ownDatabase;
    private ThreadCpu.Usage lastCpu;

    private EndToEndBench(IngestApp app) {
        this.app = app;
        this.producer = app.camel().createProducerTemplate();
    }

    /**
     * As {@link #start}, on the kind of database of {@code target}: H2 in the data folder, or a fresh PostgreSQL
     * database {@code databaseName} that {@link #close} drops.
     */
    static EndToEndBench onFreshDatabase(String secBaseUrl, Path dataDir, BenchDatabase.Target target,
                                         String databaseName) throws Exception {
        BenchDatabase db = target.postgres() ? BenchDatabase.fresh(target, databaseName) : null;
        try {
            EndToEndBench bench = start(secBaseUrl, dataDir, db, Map.of());
            bench.ownDatabase = db;
            return bench;
        } catch (Exception | Error e) {
            if (db != null) {
                db.close();
            }
            throw e;
        }
    }

    /**
     * Starts the application on free loopback ports with its own data folder, SEC pointed at {@code secBaseUrl}.
     * With a PostgreSQL database, the production profile runs with an embedded broker (no standalone broker).
     */
    static EndToEndBench start(String secBaseUrl, Path dataDir, BenchDatabase postgres, Map<String, String> extra)
            throws IOException {
        Files.createDirectories(dataDir);
        Map<String, String> overrides = new HashMap<>();
        overrides.put("benchmarkos.data-dir", dataDir.toString());
        overrides.put("sec.www-base-url", secBaseUrl);
        overrides.put("sec.data-base-url", secBaseUrl);
        overrides.put("sec.max-requests-per-second", "100000");
        overrides.put("sec.budget-window-ms", "0");
        overrides.put("sec.budget-margin-ms", "0");
        overrides.put("quotes.enabled", "false");
        overrides.put("jobs.refetch-after-minutes", "0");
        // The bench's jobs are on-demand ones: the worker kept for them would make a third writer beside the
        // jobs.concurrency writers the insert limit is measured with.
        overrides.put("jobs.on-demand-workers", "0");
        int brokerPort = freePort();
        overrides.put("camel.server.port", Integer.toString(freePort()));
        overrides.put("camel.management.port", Integer.toString(freePort()));
        overrides.put("broker.port", Integer.toString(brokerPort));
        overrides.put("broker.stomp-port", Integer.toString(freePort()));
        overrides.put("broker.url", "tcp://127.0.0.1:" + brokerPort);
        String profile = "embedded";
        if (postgres != null) {
            profile = "prod";
            overrides.put("broker.embedded", "true");
            overrides.put("broker.user", "");
            overrides.put("db.url", postgres.url());
            overrides.put("db.user", postgres.user());
            overrides.put("db.password", postgres.password());
            overrides.put("camel.management.enabled", "false");
        }
        overrides.putAll(extra);
        return new EndToEndBench(new IngestApp(profile, overrides).start());
    }

    IngestApp app() {
        return app;
    }

    /** Submits one JMS job request per document and waits for every completion event. */
    Result run(List<BenchCorpus.Document> documents) throws Exception {
        CountDownLatch done = new CountDownLatch(documents.size());
        AtomicLong facts = new AtomicLong();
        AtomicLong succeeded = new AtomicLong();
        AtomicLong largest = new AtomicLong();
        AtomicLong notReadAgain = new AtomicLong();
        Map<Long, Long> sizes = new HashMap<>();
        documents.forEach(d -> sizes.put(d.cik(), d.bytes()));
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        String listener = "bench-events-" + System.nanoTime();
        app.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:topic:{{jobs.event-topic}}").routeId(listener).process(e -> {
                    JsonNode event = JSON.readTree(e.getMessage().getBody(String.class));
                    if ("succeeded".equals(event.path("status").asText())) {
                        succeeded.incrementAndGet();
                        facts.addAndGet(event.path("factsRead").asLong());
                        largest.accumulateAndGet(sizes.getOrDefault(event.path("cik").asLong(), 0L), Math::max);
                        for (JsonNode warning : event.path("warnings")) {
                            if (warning.asText().startsWith(FactLoader.NOT_READ_AGAIN)) {
                                notReadAgain.incrementAndGet();
                            }
                        }
                    } else {
                        failures.add(event.path("cik").asText() + ": " + event.path("reason").asText());
                    }
                    done.countDown();
                });
            }
        });
        HeapPeak.reset();
        ThreadCpu cpuBefore = ThreadCpu.snapshot();
        long started = System.nanoTime();
        for (BenchCorpus.Document d : documents) {
            producer.sendBody("jms:queue:{{jobs.request-queue}}", "{\"cik\":" + d.cik() + "}");
        }
        if (!done.await(600 + documents.size() * 10L, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + (documents.size() - done.getCount()) + " of " + documents.size()
                    + " jobs finished in time");
        }
        long nanos = System.nanoTime() - started;
        lastCpu = cpuBefore.since();
        long peak = HeapPeak.peakBytes();
        long live = HeapPeak.maxLiveBytes();
        app.camel().getRouteController().stopRoute(listener);
        app.camel().removeRoute(listener);
        return new Result(documents.size(), (int) succeeded.get(), facts.get(), nanos, peak, live, largest.get(),
                failures.peek(), (int) notReadAgain.get());
    }

    /** Facts stored (entries, every filing counted), to check that a refresh of unchanged documents adds none. */
    long storedFacts() throws SQLException {
        try (Connection c = app.bean("dataSource", DataSource.class).getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(filings), 0) FROM fact")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** CPU used during the last {@link #run}, by kind of thread. */
    ThreadCpu.Usage cpu() {
        return lastCpu;
    }

    /** Total time of each top-level step of the worker's routes, from Camel's JMX processor statistics. */
    List<Stage> stages() throws Exception {
        List<Stage> stages = new ArrayList<>();
        for (String route : BREAKDOWN_ROUTES) {
            for (Map<String, Object> r : mbeans("routes", route)) {
                stages.add(new Stage(route, "(whole route)", (Long) r.get("TotalProcessingTime")));
            }
            List<Map<String, Object>> steps = mbeans("processors", route);
            int top = steps.stream().mapToInt(p -> (Integer) p.get("Level")).min().orElse(0);
            steps.stream().filter(p -> (Integer) p.get("Level") == top)
                    .sorted(java.util.Comparator.comparingInt(p -> (Integer) p.get("Index")))
                    .forEach(p -> stages.add(new Stage(route, String.valueOf(p.get("ModelLabel")),
                            (Long) p.get("TotalProcessingTime"))));
        }
        return stages;
    }

    /** Attributes of this context's route or processor MBeans that belong to {@code routeId}. */
    private List<Map<String, Object>> mbeans(String type, String routeId) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<Map<String, Object>> found = new ArrayList<>();
        for (ObjectName name : server.queryNames(new ObjectName("org.apache.camel:type=" + type + ",*"), null)) {
            if (!app.camel().getManagementName().equals(server.getAttribute(name, "CamelManagementName"))
                    || !routeId.equals(server.getAttribute(name, "RouteId"))) {
                continue;
            }
            Map<String, Object> attributes = new HashMap<>();
            for (String attribute : List.of("TotalProcessingTime", "Level", "Index", "ModelLabel")) {
                try {
                    attributes.put(attribute, server.getAttribute(name, attribute));
                } catch (javax.management.AttributeNotFoundException e) {
                    // routes have no Level/Index/ModelLabel
                }
            }
            found.add(attributes);
        }
        return found;
    }

    /**
     * {@code ask} for a company whose data is fresh: {@code requests} JMS request/replies on the ask queue (a
     * temporary reply queue, as a JMS client does) or calls of {@code direct:ask} in this JVM.
     */
    Latency ask(long cik, int requests, boolean overJms) {
        String question = "{\"question\":\"metrics for cik " + cik + " phase 1\"}";
        String uri = overJms ? "jms:queue:{{jobs.ask-queue}}?requestTimeout=30000" : "direct:ask";
        for (int i = 0; i < 50; i++) {
            producer.requestBody(uri, question, String.class);
        }
        long[] micros = new long[requests];
        int notReady = 0;
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            String answer = producer.requestBody(uri, question, String.class);
            micros[i] = (System.nanoTime() - started) / 1000;
            if (answer == null || !answer.contains("\"status\":\"ready\"")) {
                notReady++;
            }
        }
        Arrays.sort(micros);
        return new Latency(micros[(int) Math.ceil(requests * 0.50) - 1], micros[(int) Math.ceil(requests * 0.99) - 1],
                micros[requests - 1], requests, notReady);
    }

    @Override
    public void close() throws Exception {
        producer.stop();
        app.close();
        if (ownDatabase != null) {
            ownDatabase.close();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
