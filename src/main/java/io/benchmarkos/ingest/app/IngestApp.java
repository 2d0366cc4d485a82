package io.benchmarkos.ingest.app;

import io.benchmarkos.ingest.monitor.MonitoringConfiguration;
import io.benchmarkos.ingest.jobs.JobContext;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.spi.InflightRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The application: camel-main with {@link AppConfiguration}, the routes in {@code routes/} and a profile. */
public final class IngestApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestApp.class);
    /** How many of the messages still in flight a stop cut short names. */
    private static final int IN_FLIGHT_SHOWN = 5;

    private final Main main;
    private final String profile;

    public IngestApp(String profile, Map<String, String> overrides) {
        this.profile = profile;
        Properties properties = ConfigLoader.load(profile);
        properties.putAll(overrides);
        applyRole(properties);
        main = new Main();
        main.configure().addConfiguration(AppConfiguration.class);
        main.configure().addConfiguration(MonitoringConfiguration.class);
        main.setInitialProperties(properties);
    }

    /**
     * A worker consumes jobs and serves no HTTP API or schedule; an api process serves HTTP, intake and schedules
     * but no job worker; "all" does everything (the single-JVM default).
     */
    static void applyRole(Properties properties) {
        String role = System.getProperty("benchmarkos.role", System.getenv().getOrDefault("BENCHMARKOS_ROLE",
                properties.getProperty("benchmarkos.role", "all"))).trim();
        switch (role) {
            case "all" -> { }
            case "worker" -> {
                properties.setProperty("camel.main.routes-exclude-pattern", "**/api*.yaml");
                properties.setProperty("camel.server.enabled", "false");
                properties.setProperty("batch.enabled", "false");
            }
            case "api" -> properties.setProperty("jobs.worker.enabled", "false");
            default -> throw new IllegalArgumentException("unknown role '" + role + "': use all, worker or api");
        }
        properties.setProperty("benchmarkos.role", role);
    }

    /** Starts the broker, database, routes and HTTP server; on failure everything started so far is stopped. */
    public IngestApp start() {
        long started = System.nanoTime();
        try {
            main.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if ("true".equals(property("camel.server.enabled"))) {
            HttpRefusalAnswers.install(camel(), Integer.parseInt(property("camel.server.port")),
                    Long.parseLong(property("camel.server.max-body-size")));
        }
        LOG.info("benchmarkos-ingest started in {} ms (profile {}, {} routes)",
                (System.nanoTime() - started) / 1_000_000,
                profile, camel().getRoutes().size());
        return this;
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    public <T> T bean(String name, Class<T> type) {
        return camel().getRegistry().lookupByNameAndType(name, type);
    }

    public String property(String key) {
        return camel().getPropertiesComponent().resolveProperty(key).orElse(null);
    }

    /**
     * Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then shuts down gracefully, for at most
     * {@code benchmarkos.stop-deadline-seconds}.
     */
    public void runUntilStopped() throws Exception {
        StopDeadline deadline = StopDeadline.halting(Duration.ofSeconds(Long.parseLong(
                property("benchmarkos.stop-deadline-seconds"))), this::inFlight);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deadline.run(this::close), "benchmarkos-shutdown"));
        Thread.currentThread().join();
    }

    /**
     * The messages still being processed, the longest first: for each, the route it came in by, its job, for how
     * long, and the route it is in now (a job long in sec-get waits on an SEC request). Empty when none is.
     */
    String inFlight() {
        CamelContext camel = main.getCamelContext();
        if (camel == null) {
            return "";
        }
        InflightRepository inflight = camel.getInflightRepository();
        List<String> shown = new ArrayList<>();
        for (InflightRepository.InflightExchange exchange : inflight.browse(IN_FLIGHT_SHOWN, true)) {
            JobContext job = exchange.getExchange().getProperty(JobContext.PROPERTY, JobContext.class);
            shown.add(exchange.getFromRouteId() + (job == null ? "" : " (job " + job.getJobId() + " for "
                    + job.describe() + ")") + " for " + exchange.getDuration() / 1000 + " s, now in route "
                    + exchange.getAtRouteId());
        }
        int more = inflight.size() - shown.size();
        return String.join("; ", shown) + (more > 0 ? "; and " + more + " more" : "");
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (RuntimeException e) {
            LOG.warn("Error while stopping: {}", e.getMessage());
        }
        CamelContext camel = main.getCamelContext();
        if (camel != null && !camel.isStopped()) {
            camel.stop();
        }
        stopBrokerLeftRunning(camel);
    }

    /**
     * The embedded broker starts in the background during configuration; when start-up fails after that, Camel
     * never started its service, so stopping the context does not stop the broker.
     */
    private static void stopBrokerLeftRunning(CamelContext camel) {
        EmbeddedBroker broker = camel == null ? null
                : camel.getRegistry().lookupByNameAndType("embeddedBroker", EmbeddedBroker.class);
        if (broker == null) {
            return;
        }
        try {
            broker.stopArtemis();
        } catch (Exception e) {
            LOG.warn("Error while stopping the embedded broker: {}", e.getMessage());
        }
    }
}
