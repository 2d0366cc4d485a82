package io.benchmarkos.ingest.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.benchmarkos.ingest.HousekeepingFailures;
import io.benchmarkos.ingest.api.ApiGuard;
import io.benchmarkos.ingest.api.ApiQueries;
import io.benchmarkos.ingest.api.ApiResponses;
import io.benchmarkos.ingest.ask.AskService;
import io.benchmarkos.ingest.batch.BatchReports;
import io.benchmarkos.ingest.batch.BatchRuns;
import io.benchmarkos.ingest.batch.BatchSchedulers;
import io.benchmarkos.ingest.facts.ConceptIds;
import io.benchmarkos.ingest.facts.DropFactConceptReference;
import io.benchmarkos.ingest.facts.FactLoader;
import io.benchmarkos.ingest.facts.FactPerValueMigration;
import io.benchmarkos.ingest.facts.RawDocumentStore;
import io.benchmarkos.ingest.facts.StoredFacts;
import io.benchmarkos.ingest.facts.SubmissionsStore;
import io.benchmarkos.ingest.imports.ArchiveImports;
import io.benchmarkos.ingest.imports.ImportedArchiveRetention;
import io.benchmarkos.ingest.kpi.ChartQuotes;
import io.benchmarkos.ingest.kpi.KpiEngine;
import io.benchmarkos.ingest.kpi.KpiRepository;
import io.benchmarkos.ingest.kpi.MetricsStep;
import org.apache.camel.http.base.cookie.InstanceCookieHandler;
import io.benchmarkos.ingest.jobs.JobOutcomes;
import io.benchmarkos.ingest.jobs.JobPromotion;
import io.benchmarkos.ingest.jobs.JobRequestParser;
import io.benchmarkos.ingest.jobs.JobStore;
import io.benchmarkos.ingest.monitor.MonitoringConfiguration;
import io.benchmarkos.ingest.sec.CompanyDirectory;
import io.benchmarkos.ingest.sec.LocalSecBudget;
import io.benchmarkos.ingest.sec.SecBudget;
import io.benchmarkos.ingest.sec.SecGate;
import io.benchmarkos.ingest.sec.SharedSecBudget;
import io.benchmarkos.ingest.sec.SecResponses;
import io.benchmarkos.ingest.sec.SecUrls;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Wires the application: broker (embedded in the default profile), database pool and migrations, the JMS
 * component, and the beans the routes in {@code routes/} call by name.
 */
public class AppConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AppConfiguration.class);
    /** The JMS component whose sends fail at once while the broker is unreachable (see failFastConnectionFactory). */
    static final String FAIL_FAST_JMS = "jmsFailFast";

    @Override
    public void configure(CamelContext camel) throws Exception {
        Settings settings = new Settings(camel);
        // Every refusal of the configuration comes before the broker starts and the database is migrated.
        requireApiTokenOutsideDemo(settings);
        requireBrokerPasswordForItsUser(settings);
        MonitoringConfiguration.guardManagementAccess(settings);
        requireBrokerLogin(settings);
        EmbeddedBroker broker = startBrokerIfEmbedded(camel, settings);
        try {
            wire(camel, settings, broker == null ? settings.string("broker.url") : "vm://" + broker.inVmId());
            if (broker != null) {
                // Added after the broker's service, so started after it and before any route consumes.
                camel.addService(new UnfinishedJobRecovery(broker,
                        camel.getRegistry().lookupByNameAndType("jobStore", JobStore.class),
                        settings.string("jobs.work-queue")), true, true);
            }
        } catch (Exception | Error e) {
            if (broker != null) {
                broker.stopArtemis();
            }
            throw e;
        }
    }

    private void wire(CamelContext camel, Settings settings, String brokerUrl) throws Exception {
        Registry registry = camel.getRegistry();
        Clock clock = Clock.systemUTC();
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ActiveMQConnectionFactory brokerFactory = brokerConnectionFactory(settings, brokerUrl);
        CachingConnectionFactory shared = new CachingConnectionFactory(BrokerConnectionWatch.watched(brokerFactory,
                new BrokerConnectionWatch(brokerUrl, clock)));
        // Unwatched: it never reconnects, and each refused send is already reported where it was made.
        CachingConnectionFactory failFast = new CachingConnectionFactory(
                failFastConnectionFactory(settings, brokerUrl));
        camel.addComponent("jms", jmsComponent(shared));
        camel.addComponent(FAIL_FAST_JMS, jmsComponent(failFast));
        camel.addService(new ServiceSupport() {
            // After the routes, before an embedded broker: its stop is then no lost connection to report.
            @Override
            protected void doStop() {
                shared.destroy();
                failFast.destroy();
            }
        }, true, true);
        HikariDataSource dataSource = dataSource(settings);
        camel.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                dataSource.close();
            }
        }, true, true);
        migrate(dataSource);

        SecGate gate = new SecGate(clock, settings.millis("sec.pause-on-rate-limit-ms"));
        int secLimit = settings.integer("sec.max-requests-per-second");
        Duration secWindow = settings.millis("sec.budget-window-ms").plus(settings.millis("sec.budget-margin-ms"));
        SecBudget budget = new LocalSecBudget(secLimit, secWindow);
        // This JVM's id in the tables other workers read: its claims on jobs and its SEC permits.
        String workerId = UUID.randomUUID().toString();
        LOG.info("This process is worker {} in job claims, SEC permits and batch runs", workerId);
        if (settings.bool("sec.shared-budget")) {
            budget = new SharedSecBudget(dataSource, clock, secLimit, secWindow, settings.millis("jobs.lease-ms"),
                    workerId);
            gate.shareThrough(budget);
        }
        registry.bind("secBudget", budget);
        CompanyDirectory directory = new CompanyDirectory(dataSource, clock,
                Duration.ofHours(settings.longValue("sec.tickers-max-age-hours")));
        registry.bind("clock", clock);
        registry.bind("objectMapper", mapper);
        registry.bind("dataSource", dataSource);
        registry.bind("secGate", gate);
        registry.bind("secResponses", new SecResponses(gate, settings.longValue("sec.max-body-bytes"),
                Duration.ofSeconds(settings.longValue("sec.max-download-seconds"))));
        registry.bind("secUrls", new SecUrls(settings.string("sec.www-base-url"), settings.string("sec.data-base-url"),
                settings.string("sec.tickers-path"), settings.string("sec.submissions-path"),
                settings.string("sec.companyfacts-path")));
        registry.bind("companyDirectory", directory);
        registry.bind("jobRequests", new JobRequestParser(mapper, settings.integer("jobs.max-request-bytes")));
        JobStore jobStore = new JobStore(dataSource, directory, clock,
                settings.integer("jobs.priority.on-demand"), settings.integer("jobs.priority.batch"),
                settings.millis("jobs.lease-ms"), workerId);
        registry.bind("jobStore", jobStore);
        // The factory without Spring's cache: a promotion's selector consumer must not be kept after it is closed.
        registry.bind("jobPromotion", new JobPromotion(brokerFactory, settings.string("jobs.work-queue"), jobStore));
        registry.bind("housekeepingFailures", new HousekeepingFailures());
        registry.bind("jobOutcomes", new JobOutcomes(jobStore, directory, settings.integer("jobs.max-attempts"),
                Duration.ofMinutes(settings.longValue("jobs.refetch-after-minutes")),
                settings.millis("jobs.held-recheck-ms"), settings.integer("batch.sec-retries"),
                Duration.ofSeconds(settings.longValue("batch.sec-retry-after-seconds"))));
        FactLoader factLoader = new FactLoader(dataSource, new ConceptIds(dataSource), clock,
                settings.integer("facts.batch-size"), KpiEngine.conceptsUsed());
        registry.bind("factLoader", factLoader);
        registry.bind("archiveImporter", ArchiveImports.create(dataSource, factLoader, settings, clock));
        registry.bind("importedArchiveRetention", new ImportedArchiveRetention(settings.integer("import.done-keep")));
        registry.bind("rawDocuments", new RawDocumentStore(dataSource, clock));
        registry.bind("submissions", new SubmissionsStore(dataSource, mapper, clock));
        StoredFacts storedFacts = new StoredFacts(dataSource);
        registry.bind("metricsStep", new MetricsStep(storedFacts, new KpiRepository(dataSource), clock));
        registry.bind("chartQuotes", new ChartQuotes(mapper, settings.string("quotes.base-url")));
        registry.bind("quoteCookies", new InstanceCookieHandler());
        // SEC's calls only (routes/sec.yaml): its gzip reaches SecResponses as sent, to be kept for the raw copy.
        registry.bind("secHttpClient", (HttpClientConfigurer) HttpClientBuilder::disableContentCompression);
        registry.bind("askService", new AskService(dataSource, jobStore, directory, mapper, clock,
                Duration.ofHours(settings.longValue("ask.fresh-for-hours")),
                Duration.ofMinutes(settings.longValue("ask.failed-answer-minutes"))));
        registry.bind("apiGuard", new ApiGuard(settings.string("api.token", "")));
        registry.bind("apiQueries", new ApiQueries(dataSource, jobStore));
        registry.bind("apiResponses", new ApiResponses());
        // Seen at every batch-watch pass: three missed passes mean the process is gone.
        BatchSchedulers schedulers = new BatchSchedulers(dataSource, clock, workerId,
                settings.millis("batch.check-period-ms").multipliedBy(3),
                BatchSchedulers.sharedBy(settings.string("db.url")));
        registry.bind("batchSchedulers", schedulers);
        BatchRuns batchRuns = new BatchRuns(dataSource, directory, jobStore, mapper, clock,
                Duration.ofHours(settings.longValue("batch.fresh-for-hours")), settings.string("batch.coverage-list"),
                schedulers);
        registry.bind("batchRuns", batchRuns);
        if (settings.bool("batch.enabled")) {
            camel.addService(schedulers);
            batchRuns.warnIfListUnusable(settings.string("batch.cron"));
        }
        registry.bind("batchReports", new BatchReports(batchRuns, Path.of(settings.string("batch.report-dir"))));
    }

    /** Only the embedded demo (broker in this JVM, loopback only) may serve the API without a token. */
    private static void requireApiTokenOutsideDemo(Settings settings) {
        if (!settings.bool("camel.server.enabled") || !settings.string("api.token", "").isBlank()) {
            return;
        }
        if (!settings.bool("broker.embedded")) {
            throw new IllegalStateException("api.token is empty: outside the embedded demo profile the HTTP API needs a"
                    + " token. Set API_TOKEN (or -P api.token=...), or run this process with --role worker");
        }
        // The demo's open API must not be reachable from other machines: anyone could submit jobs and batches.
        String host = settings.string("camel.server.host", "0.0.0.0").trim();
        if (!Settings.isLoopback(host)) {
            throw new IllegalStateException("camel.server.host=" + host + " with an empty api.token: the API without"
                    + " a token may only listen on 127.0.0.1; set api.token (API_TOKEN) to serve it on " + host);
        }
    }

    /**
     * A standalone broker user without its password would start the app and then log "Unable to validate user"
     * every few seconds for ever, taking no job: refuse at once instead, naming the setting.
     */
    private static void requireBrokerPasswordForItsUser(Settings settings) {
        if (!settings.bool("broker.embedded") && !settings.string("broker.user", "").isBlank()
                && settings.string("broker.password", "").isEmpty()) {
            throw new IllegalStateException("broker.password is empty for broker user '"
                    + settings.string("broker.user", "") + "': set BROKER_PASSWORD (or -P broker.password=...) to"
                    + " the password the broker was set up with (artemis/setup-standalone.sh uses BROKER_PASSWORD)");
        }
    }

    /**
     * Begins the embedded broker's start on its own thread (about a third of start-up) while the database, beans
     * and routes are prepared. Camel starts the service, which waits for the broker, before any route: JMS
     * consumers never see it missing.
     */
    private static EmbeddedBroker startBrokerIfEmbedded(CamelContext camel, Settings settings) throws Exception {
        if (!settings.bool("broker.embedded")) {
            return null;
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("broker.port", settings.integer("broker.port"));
        ports.put("broker.stomp-port", settings.integer("broker.stomp-port"));
        if (settings.bool("camel.server.enabled")) {
            ports.put("camel.server.port", settings.integer("camel.server.port"));
        }
        if (Boolean.parseBoolean(settings.string("camel.management.enabled", "false"))) {
            ports.put("camel.management.port", Integer.parseInt(settings.string("camel.management.port", "0")));
        }
        StartupChecks.requireFreePorts(ports);
        StartupChecks.requireUnlockedJournal(Path.of(settings.string("benchmarkos.data-dir"), "artemis"));
        EmbeddedBroker broker = new EmbeddedBroker(artemisResource(settings.string("broker.config")),
                Path.of(settings.string("benchmarkos.data-dir"), "artemis"),
                settings.integer("broker.port"), settings.integer("broker.stomp-port"));
        broker.startInBackground();
        // Added before the context starts, a force-started service is started ahead of the routes (and stopped
        // after them).
        camel.addService(broker, true, true);
        camel.getRegistry().bind("embeddedBroker", broker);
        return broker;
    }

    /** Artemis takes a classpath resource name or a URL; our properties say {@code classpath:} or {@code file:}. */
    private static String artemisResource(String location) {
        if (location.startsWith("classpath:")) {
            return location.substring("classpath:".length());
        }
        if (location.startsWith("file:")) {
            return Path.of(location.substring("file:".length())).toAbsolutePath().toUri().toString();
        }
        return location;
    }

    /**
     * A standalone broker that refuses this process's user and password would leave it running and logging the
     * broker's "Unable to validate user" for each JMS listener every few seconds, taking no job: one connection at
     * start tells. A broker not reachable yet is no reason to stop: the listeners connect once it runs.
     */
    private static void requireBrokerLogin(Settings settings) {
        if (settings.bool("broker.embedded")) {
            return;
        }
        String url = settings.string("broker.url");
        try (Connection connection = failFastConnectionFactory(settings, url).createConnection()) {
            LOG.debug("The broker accepted the login of user '{}'", settings.string("broker.user", ""));
        } catch (JMSException e) {
            Optional<String> refusal = BrokerLogin.refusal(e, url, settings.string("broker.user", ""),
                    "BROKER_PASSWORD (or -P broker.password=...)");
            if (refusal.isPresent()) {
                throw new IllegalStateException(refusal.get());
            }
            LOG.debug("Broker not reached at start ({}); the JMS listeners connect once it is", e.getMessage());
        }
    }

    private static ActiveMQConnectionFactory brokerConnectionFactory(Settings settings, String url) {
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory(url);
        String user = settings.string("broker.user", "");
        if (!user.isBlank()) {
            artemis.setUser(user);
            artemis.setPassword(settings.string("broker.password", ""));
        }
        // No client-side prefetch: the broker hands out the highest-priority job each time a worker is free.
        artemis.setConsumerWindowSize(0);
        return artemis;
    }

    /**
     * For sends made while an HTTP caller waits (routes/jobs.yaml, enqueue-work): no reconnecting. With the broker
     * gone, the reconnecting factory's retry loop holds Artemis' failover lock, and a send waits for the broker's
     * return however short its callTimeout; here it fails at once and the caller is answered 503.
     */
    private static ActiveMQConnectionFactory failFastConnectionFactory(Settings settings, String url) {
        ActiveMQConnectionFactory artemis = brokerConnectionFactory(settings, url);
        artemis.setReconnectAttempts(0);
        artemis.setInitialConnectAttempts(1);
        // Connections are made one at a time (Spring's shared connection): a refused connect must not also wait a
        // retry interval, or 25 callers wait 25 intervals.
        artemis.setRetryInterval(0);
        return artemis;
    }

    private static JmsComponent jmsComponent(CachingConnectionFactory connections) {
        JmsComponent jms = JmsComponent.jmsComponent(connections);
        jms.setCacheLevelName("CACHE_CONSUMER");
        return jms;
    }

    /** Also used by the standalone {@code import} command and the import benchmark. */
    public static HikariDataSource dataSource(Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("benchmarkos-db");
        config.setJdbcUrl(jdbcUrl(settings.string("db.url")));
        config.setUsername(settings.string("db.user", ""));
        config.setPassword(settings.string("db.password", ""));
        config.setMaximumPoolSize(settings.integer("db.pool.max-size"));
        config.setMinimumIdle(settings.integer("db.pool.min-idle"));
        config.setConnectionTimeout(settings.longValue("db.pool.connection-timeout-ms"));
        return new HikariDataSource(config);
    }

    /**
     * The database URL as configured, except that the default H2 URL
     * ({@code jdbc:h2:file:./{{benchmarkos.data-dir}}/…}) with an absolute data folder ({@code .//srv/data/…}) means
     * that folder, not a copy of its path below the working directory.
     */
    static String jdbcUrl(String configured) {
        String relativeToAbsolute = "jdbc:h2:file:.//";
        return configured.startsWith(relativeToAbsolute)
                ? "jdbc:h2:file:/" + configured.substring(relativeToAbsolute.length()) : configured;
    }

    /**
     * Brings the schema up to date: the SQL migrations in db/migration, and the Java ones that move data. A schema
     * newer than this build (a newer version migrated the database) stops the start instead of being ignored: an
     * older worker would write rows the newer schema does not accept.
     */
    public static void migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .javaMigrations(new FactPerValueMigration(), new DropFactConceptReference())
                .ignoreMigrationPatterns(new String[0]).load();
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (FlywayException e) {
            // Flyway's validation refuses a newer schema; said in our words, as its own message advises a "repair",
            // which would be wrong here. Asked only on failure: reading the schema history again costs every start.
            List<String> newer = Arrays.stream(flyway.info().applied())
                    .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS)
                    .map(m -> m.getVersion() + " (" + m.getDescription() + ")").toList();
            if (newer.isEmpty()) {
                throw e;
            }
            throw new IllegalStateException("the database was upgraded by a newer benchmarkos-ingest (schema versions "
                    + String.join(", ", newer) + " are unknown to this build): start that version or a newer one;"
                    + " this build would write rows the newer schema does not expect", e);
        }
        if (result.migrationsExecuted > 0) {
            LOG.info("Database schema migrated from version {} to {} ({} migrations)",
                    result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                    result.targetSchemaVersion, result.migrationsExecuted);
        }
    }
}
