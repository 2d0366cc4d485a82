package io.benchmarkos.ingest.production;

import io.benchmarkos.ingest.support.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.app.EmbeddedBroker;
import io.benchmarkos.ingest.support.ScratchPostgres;
import io.benchmarkos.ingest.support.TestApp;
import io.benchmarkos.ingest.tools.SecMirror;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The production profile for real: three worker JVMs (the same jar's {@code serve --role worker}) on PostgreSQL
 * at 127.0.0.1:5432 and an Artemis broker over TCP, against a stub SEC that records when each request arrived.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionWorkersTest {

    private static final int WORKERS = 3;
    private static final int CONCURRENCY = 2;
    private static final int LIMIT = 10;
    private static final int COMPANIES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path workDir = Path.of("target", "prod-it", UUID.randomUUID().toString().substring(0, 8));
    private final List<Process> workers = new ArrayList<>();
    private final List<Path> workerLogs = new ArrayList<>();
    private EmbeddedBroker broker;
    private SecMirror sec;
    private ScratchPostgres postgres;
    private int brokerPort;
    private int entriesPerCompany;

    @BeforeAll
    void start() throws Exception {
        postgres = ScratchPostgres.create("bos_it");
        Files.createDirectories(workDir);
        entriesPerCompany = SyntheticSec.write(workDir.resolve("sec"), SyntheticSec.ciks(COMPANIES + 2));
        sec = new SecMirror(workDir.resolve("sec"), 0).start();
        brokerPort = TestApp.freePort();
        broker = new EmbeddedBroker("artemis/broker.xml", workDir.resolve("broker"), brokerPort, TestApp.freePort());
        ServiceHelper.startService(broker);
        for (int i = 1; i <= WORKERS; i++) {
            startWorker(i);
        }
        Queue work = broker.artemis().getActiveMQServer().locateQueue(SimpleString.of("ingest.work"));
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (int i = 0; i < workers.size(); i++) {
                if (!workers.get(i).isAlive()) {
                    throw new AssertionError("worker " + (i + 1) + " exited: " + Files.readString(workerLogs.get(i)));
                }
            }
            return work.getConsumerCount() >= WORKERS * CONCURRENCY;
        });
    }

    @AfterAll
    void stop() throws Exception {
        workers.forEach(Process::destroy);
        for (Process p : workers) {
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (broker != null) {
            ServiceHelper.stopService(broker);
        }
        if (sec != null) {
            sec.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void hundredCompaniesOnThreeWorkersSucceedOnceWithinOneSecBudget() throws Exception {
        try (Connection jms = connect()) {
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("ingest.requests"));
            for (long cik : SyntheticSec.ciks(COMPANIES)) {
                producer.send(session.createTextMessage("{\"ticker\":\"" + SyntheticSec.ticker(cik) + "\"}"));
            }
        }
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("SELECT COUNT(*) FROM ingest_job WHERE status IN ('succeeded', 'failed')")
                        >= COMPANIES);

        assertThat(count("SELECT COUNT(*) FROM ingest_job")).isEqualTo(COMPANIES);
        assertThat(count("SELECT COUNT(*) FROM ingest_job WHERE status = 'succeeded' AND attempts = 1"))
                .isEqualTo(COMPANIES);
        assertThat(count(Fixtures.STORED_FACTS)).isEqualTo((long) COMPANIES * entriesPerCompany);
        assertThat(count("SELECT COUNT(DISTINCT cik) FROM fact")).isEqualTo(COMPANIES);
        assertThat(workersThatRanJobs()).as("jobs spread over the workers").isEqualTo(WORKERS);

        List<SecMirror.Request> requests = sec.requests();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(2 * COMPANIES + 1);
        assertThat(companyFactsRequests(requests, null)).isEqualTo(COMPANIES);
        assertThat(busiestWindow(requests)).as("most SEC requests in any 1-second window").isLessThanOrEqualTo(LIMIT);
    }

    @Test
    @Order(2)
    void aWorkerKilledMidJobHandsItToAnotherAndTheDataIsStoredOnce() throws Exception {
        long cik = SyntheticSec.ciks(COMPANIES + 1).get(COMPANIES);
        String path = String.format("companyfacts/CIK%010d", cik);
        sec.slowDown(path, 8000);
        try (Connection jms = connect()) {
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("ingest.requests"))
                    .send(session.createTextMessage("{\"ticker\":\"" + SyntheticSec.ticker(cik) + "\"}"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> companyFactsRequests(sec.requests(), path) == 1);
        String jobId = jobIdFor(cik);
        int victim = workerRunning(jobId);

        workers.get(victim).destroyForcibly().waitFor();
        sec.clearSlowDowns();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("SELECT COUNT(*) FROM ingest_job WHERE id = '" + jobId
                        + "' AND status IN ('succeeded', 'failed')") == 1);
        assertThat(count("SELECT COUNT(*) FROM ingest_job WHERE id = '" + jobId + "' AND status = 'succeeded'"))
                .isEqualTo(1);
        assertThat(count("SELECT attempts FROM ingest_job WHERE id = '" + jobId + "'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM ingest_job WHERE cik = " + cik)).isEqualTo(1);
        assertThat(count(Fixtures.STORED_FACTS + " WHERE cik = " + cik)).isEqualTo(entriesPerCompany);
        assertThat(companyFactsRequests(sec.requests(), path)).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM sec_permit p JOIN sec_budget_holder h ON h.holder = p.holder"
                + " WHERE p.released_at IS NULL AND h.alive_until < clock_timestamp()"))
                .as("the killed worker's permit, no longer counted once it stopped renewing its presence").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM sec_budget_holder WHERE alive_until > clock_timestamp()"))
                .as("the survivors renew their presence").isGreaterThanOrEqualTo(WORKERS - 1);
        startWorker(victim + 1);
    }

    @Test
    @Order(3)
    void aCompanyJustLoadedIsNotFetchedAgainByAnotherWorker() throws Exception {
        long cik = SyntheticSec.ciks(1).get(0);
        String path = String.format("companyfacts/CIK%010d", cik);
        long before = companyFactsRequests(sec.requests(), path);

        JsonNode ticket = request("{\"ticker\":\"" + SyntheticSec.ticker(cik) + "\"}");
        String jobId = ticket.path("jobId").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM ingest_job WHERE id = '"
                + jobId + "' AND status = 'succeeded'") == 1);

        assertThat(companyFactsRequests(sec.requests(), path)).isEqualTo(before);
        assertThat(text("SELECT warnings FROM ingest_job WHERE id = '" + jobId + "'")).contains("not fetched again");
    }

    @Test
    @Order(4)
    void aSecondSubmissionWhileTheFirstRunsGetsTheSameJobOnPostgres() throws Exception {
        long cik = SyntheticSec.ciks(COMPANIES + 2).get(COMPANIES + 1);
        sec.slowDown(String.format("companyfacts/CIK%010d", cik), 3000);
        String request = "{\"ticker\":\"" + SyntheticSec.ticker(cik) + "\"}";

        JsonNode first = request(request);
        JsonNode second = request(request);
        sec.clearSlowDowns();

        assertThat(first.path("duplicate").asBoolean()).isFalse();
        assertThat(second.path("duplicate").asBoolean()).isTrue();
        assertThat(second.path("jobId").asText()).isEqualTo(first.path("jobId").asText());
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM ingest_job WHERE id = '"
                + first.path("jobId").asText() + "' AND status = 'succeeded'") == 1);
        assertThat(count("SELECT COUNT(*) FROM ingest_job WHERE cik = " + cik)).isEqualTo(1);
    }

    private void startWorker(int number) throws IOException {
        Path log = workDir.resolve("worker-" + number + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.benchmarkos.ingest.cli.Cli",
                "serve", "--profile", "prod", "--role", "worker",
                "-P", "db.url=" + postgres.url(), "-P", "db.user=postgres", "-P", "db.password=",
                "-P", "broker.url=tcp://127.0.0.1:" + brokerPort + "?reconnectAttempts=-1", "-P", "broker.user=",
                "-P", "sec.www-base-url=" + sec.baseUrl(), "-P", "sec.data-base-url=" + sec.baseUrl(),
                "-P", "sec.max-requests-per-second=" + LIMIT, "-P", "jobs.concurrency=" + CONCURRENCY,
                "-P", "quotes.enabled=false", "-P", "camel.management.enabled=false",
                // The routes of this checkout (the forked JVM's manifest-only classpath would list them twice).
                "-P", "camel.main.routes-include-pattern=file:routes/*.yaml",
                "-P", "benchmarkos.data-dir=" + workDir.resolve("worker-" + number));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (number <= workers.size()) {
            workers.set(number - 1, process);
        } else {
            workers.add(process);
            workerLogs.add(log);
        }
    }

    private int workerRunning(String jobId) throws IOException {
        for (int i = 0; i < workerLogs.size(); i++) {
            if (Files.readString(workerLogs.get(i)).contains("Job " + jobId + " started")) {
                return i;
            }
        }
        throw new AssertionError("no worker log shows job " + jobId + " started");
    }

    private long workersThatRanJobs() throws IOException {
        long busy = 0;
        for (Path log : workerLogs) {
            if (Files.readString(log).contains(" started for TX")) {
                busy++;
            }
        }
        return busy;
    }

    private Connection connect() throws Exception {
        Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort).createConnection();
        connection.start();
        return connection;
    }

    private JsonNode request(String json) throws Exception {
        try (Connection jms = connect()) {
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            TextMessage message = session.createTextMessage(json);
            message.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("ingest.requests")).send(message);
            Message reply = session.createConsumer(replies).receive(30_000);
            assertThat(reply).as("reply from the intake route").isNotNull();
            return JSON.readTree(reply.getBody(String.class));
        }
    }

    private String jobIdFor(long cik) throws SQLException {
        return text("SELECT id FROM ingest_job WHERE ticker = '" + SyntheticSec.ticker(cik) + "'");
    }

    private static long companyFactsRequests(List<SecMirror.Request> requests, String fragment) {
        return requests.stream().filter(r -> r.path().contains("/companyfacts/"))
                .filter(r -> fragment == null || r.path().contains(fragment)).count();
    }

    /** The largest number of requests that arrived within any 1-second sliding window. */
    static int busiestWindow(List<SecMirror.Request> requests) {
        long[] times = requests.stream().mapToLong(SecMirror.Request::nanoTime).sorted().toArray();
        int busiest = 0;
        int start = 0;
        for (int end = 0; end < times.length; end++) {
            while (times[end] - times[start] >= 1_000_000_000L) {
                start++;
            }
            busiest = Math.max(busiest, end - start + 1);
        }
        return busiest;
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }

    private String text(String sql) throws SQLException {
        try (java.sql.Connection c = DriverManager.getConnection(postgres.url(), "postgres", "");
             PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            return rs.next() ? String.valueOf(rs.getObject(1)) : "0";
        }
    }
}
