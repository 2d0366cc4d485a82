package io.benchmarkos.ingest.monitor;

import io.benchmarkos.ingest.app.EmbeddedBroker;
import io.benchmarkos.ingest.app.Settings;
import io.benchmarkos.ingest.batch.BatchRuns;
import io.benchmarkos.ingest.imports.ArchiveImporter;
import io.benchmarkos.ingest.sec.SecGate;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.impl.health.RouteControllerHealthCheck;
import org.apache.camel.spi.Registry;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Health checks, meters and the status view, added after {@code AppConfiguration} has bound the broker,
 * database and SEC gate. The management server itself (health, metrics, Jolokia for Hawtio on its own port) is
 * camel-main's, configured by {@code camel.management.*}; this class guards how it is exposed and puts
 * {@link HealthEndpoint} in place of its health handler.
 */
public class MonitoringConfiguration implements CamelConfiguration {

    /** Read by Jolokia when Camel creates its Jolokia endpoint (it offers no other way to choose the policy). */
    static final String JOLOKIA_POLICY_PROPERTY = "jolokia.policyLocation";

    @Override
    public void configure(CamelContext camel) throws Exception {
        Settings settings = new Settings(camel);
        Registry registry = camel.getRegistry();
        System.setProperty(JOLOKIA_POLICY_PROPERTY, settings.string("monitoring.jolokia.policy"));

        MeterRegistry meters = meterRegistry(registry);

        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        DataSource dataSource = registry.lookupByNameAndType("dataSource", DataSource.class);
        SecGate gate = registry.lookupByNameAndType("secGate", SecGate.class);
        int maxPerSecond = settings.integer("sec.max-requests-per-second");
        List<String> queues = Arrays.stream(settings.string("monitoring.queues").split(","))
                .map(String::trim).filter(q -> !q.isEmpty()).toList();

        QueueDepths queueDepths = queueDepths(registry, settings);
        MonitorQueries queries = new MonitorQueries(dataSource,
                registry.lookupByNameAndType("batchRuns", BatchRuns.class));
        SecTraffic traffic = new SecTraffic(meters, clock);
        camel.getManagementStrategy().addEventNotifier(traffic);

        registry.bind("queueDepths", queueDepths);
        registry.bind("monitorQueries", queries);
        registry.bind("secTraffic", traffic);
        IngestMeters ingestMeters = new IngestMeters(meters, queries, queueDepths, queues);
        registry.bind("ingestMeters", ingestMeters);
        ArchiveImporter importer = registry.lookupByNameAndType("archiveImporter", ArchiveImporter.class);
        if (importer != null) {
            importer.onEntryStored(entry -> ingestMeters.factsCommitted(entry.factsRead(), entry.factsInserted(),
                    entry.factsUpdated()));
        }
        registry.bind("systemStatus", new SystemStatus(camel, queries, queueDepths, queues, gate, traffic,
                maxPerSecond, clock));
        // Health checks are found in the registry by type.
        registry.bind("brokerHealthCheck", new BrokerHealthCheck(queueDepths, brokerDescription(settings)));
        registry.bind("databaseHealthCheck", new DatabaseHealthCheck(dataSource));
        registry.bind("secHealthCheck", new SecHealthCheck(gate, traffic, maxPerSecond));
        // Camel's own check of the route controller, bound here rather than found by scanning the jar.
        registry.bind("routeControllerHealthCheck", new RouteControllerHealthCheck());
        // Camel's own health handler escapes messages twice; ours answers the same paths.
        HealthEndpoint.replaceCamelHandler(camel);
    }

    /**
     * Our meters go into the registry Camel's Prometheus support scrapes: camel-main creates and binds it before
     * configuration classes run (when camel.metrics.enabled); without it, ours stands alone.
     */
    private static MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry meters = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                MeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
        }
        return meters;
    }

    private static QueueDepths queueDepths(Registry registry, Settings settings) {
        EmbeddedBroker embedded = registry.lookupByNameAndType("embeddedBroker", EmbeddedBroker.class);
        if (embedded != null) {
            return new EmbeddedQueueDepths(embedded);
        }
        return new BrokerQueueDepths(settings.string("broker.url"), settings.string("broker.user", ""),
                settings.string("broker.password", ""));
    }

    private static String brokerDescription(Settings settings) {
        return settings.bool("broker.embedded") ? "embedded" : settings.string("broker.url").replaceAll("\\?.*", "");
    }

    /**
     * The management server shows every MBean (Jolokia) and the application's internals: without credentials it
     * may only run in the embedded demo (the same rule as the API token) and only on loopback.
     */
    public static void guardManagementAccess(Settings settings) {
        if (!settings.bool("camel.management.enabled")) {
            return;
        }
        boolean authenticated = Boolean.parseBoolean(settings.string("camel.management.authentication-enabled",
                settings.string("camel.management.authenticationEnabled", "false")).trim());
        if (authenticated) {
            String usersFile = settings.string("camel.management.basic-properties-file", "").trim();
            if (usersFile.isEmpty()) {
                throw new IllegalStateException("camel.management.authentication-enabled=true needs"
                        + " camel.management.basic-properties-file (user.NAME = PASSWORD lines);"
                        + " see docs/monitoring.md");
            }
            // Checked here, before the database is migrated: Vert.x would only say NoSuchFileException.
            if (!Files.isRegularFile(Path.of(usersFile))) {
                throw new IllegalStateException("no management users file at " + Path.of(usersFile).toAbsolutePath()
                        + ": copy config/management-users.properties.example there and choose real passwords"
                        + " (or point camel.management.basic-properties-file at yours)");
            }
            return;
        }
        if (!settings.bool("broker.embedded")) {
            throw new IllegalStateException("the management server (health, metrics, Jolokia) has no credentials:"
                    + " outside the embedded demo set camel.management.authentication-enabled=true and"
                    + " camel.management.basic-properties-file, or camel.management.enabled=false;"
                    + " see docs/monitoring.md");
        }
        String host = settings.string("camel.management.host", "0.0.0.0").trim();
        if (!Settings.isLoopback(host)) {
            throw new IllegalStateException("camel.management.host=" + host + " without credentials: the open"
                    + " management server may only listen on 127.0.0.1");
        }
    }
}
