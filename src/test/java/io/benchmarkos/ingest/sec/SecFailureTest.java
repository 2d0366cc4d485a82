package io.benchmarkos.ingest.sec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real app against a WireMock SEC: the ticker map and Apple's submissions are served from the fixtures, and
 * each test gives Apple's companyfacts a different failure. Every test gets a fresh app (fresh database and a
 * fresh SEC pause gate), so counts and timings belong to that test alone.
 */
class SecFailureTest {

    private static final String TICKERS = "/files/company_tickers.json";
    private static final String SUBMISSIONS = "/submissions/CIK0000320193.json";
    private static final String OLDER_PAGE = "/submissions/CIK0000320193-submissions-001.json";
    private static final String FACTS = "/api/xbrl/companyfacts/CIK0000320193.json";
    private static final String SCENARIO = "companyfacts";
    private static final String RATE_PAGE = "<html><head><title>SEC.gov | Request Rate Threshold Exceeded</title>"
            + "</head><body><h1>Your Request Originates from an Undeclared Automated Tool</h1><p>Request Rate"
            + " Threshold Exceeded: to allow for equitable access to all users, SEC reserves the right to limit"
            + " requests ...</p></body></html>";
    private static final String ACCESS_DENIED_PAGE = "<html><head><title>SEC.gov | Your Request Originates from an"
            + " Undeclared Automated Tool</title></head><body><h1>Access Denied</h1></body></html>";
    /** config/application-test.properties */
    private static final long PAUSE_MS = 1500;

    private final byte[] appleFacts = Fixtures.read(Fixtures.companyFacts(Fixtures.APPLE));
    private final long appleEntries = Fixtures.entryCount(Fixtures.secRoot().resolve(
            Fixtures.companyFacts(Fixtures.APPLE)));
    private WireMockServer sec;
    private TestApp app;

    @BeforeEach
    void startSec() {
        sec = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true));
        sec.start();
        sec.stubFor(get(urlEqualTo(TICKERS)).willReturn(json(Fixtures.read("files/company_tickers.json"))));
        sec.stubFor(get(urlEqualTo(SUBMISSIONS)).willReturn(json(Fixtures.read("submissions/CIK0000320193.json"))));
        sec.stubFor(get(urlEqualTo(OLDER_PAGE)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Not Found</body></html>")));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        sec.stop();
    }

    @Test
    void tooManyRequestsPausesAllSecTrafficThenTheStageSucceeds() {
        // Retry-After tempts HttpClient 5.5+ to retry by itself; the app must see the 429 and pause instead.
        stubInSequence(aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withHeader("Content-Type", "text/html").withBody("Too Many Requests"), json(appleFacts));
        app = TestApp.start(sec.baseUrl());

        Map<String, Object> job = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(job).containsEntry("status", "succeeded").containsEntry("facts_read", appleEntries);
        List<LoggedRequest> facts = factsRequests();
        assertThat(facts).hasSize(2);
        assertThat(gapMillis(facts.get(0), facts.get(1))).as("pause between the 429 and the retry")
                .isGreaterThanOrEqualTo(PAUSE_MS);
        assertThat(durationMillis(job)).isGreaterThanOrEqualTo(PAUSE_MS);
        assertThat(app.count(Fixtures.STORED_FACTS + " WHERE cik = ?", Fixtures.APPLE)).isEqualTo(appleEntries);
    }

    @Test
    void aJobHeldByAnotherCompanysPauseIsNotToldItGotThe429() {
        String nvidiaFacts = "/api/xbrl/companyfacts/CIK0001045810.json";
        sec.stubFor(get(urlEqualTo("/submissions/CIK0001045810.json"))
                .willReturn(json(Fixtures.read("submissions/CIK0001045810.json"))));
        sec.stubFor(get(urlEqualTo(nvidiaFacts)).inScenario("nvidia").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "text/plain").withBody("slow"))
                .willSetStateTo("served"));
        sec.stubFor(get(urlEqualTo(nvidiaFacts)).inScenario("nvidia").whenScenarioStateIs("served")
                .willReturn(json(Fixtures.read(Fixtures.companyFacts(Fixtures.NVIDIA)))));
        sec.stubFor(get(urlEqualTo(FACTS)).willReturn(json(appleFacts)));
        app = TestApp.start(sec.baseUrl(), Map.of("sec.pause-on-rate-limit-ms", "4000"));

        String nvidia = app.submitTicker("NVDA");
        awaitRow(nvidia, row -> String.valueOf(row.get("warnings")).contains("SEC pause"));
        // Submitted during the pause NVIDIA's 429 started: its first SEC request waits for it.
        String apple = app.submitTicker("AAPL");
        Map<String, Object> appleJob = app.awaitFinished(apple);
        Map<String, Object> nvidiaJob = app.awaitFinished(nvidia);

        String cause = "HTTP 429 from " + sec.baseUrl() + nvidiaFacts;
        assertThat(appleJob).containsEntry("status", "succeeded");
        assertThat(pauseWarning(appleJob)).contains("by a pause of all SEC traffic caused by another request")
                .contains("(" + cause + ")").doesNotContain("after HTTP 429");
        assertThat(nvidiaJob).containsEntry("status", "succeeded");
        assertThat(pauseWarning(nvidiaJob)).startsWith("SEC pause: all SEC requests held until ")
                .endsWith(" after " + cause);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {200, 403})
    void secRateThresholdPageIsARateLimitNotAnAnswer(int status) {
        stubInSequence(aResponse().withStatus(status).withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody(RATE_PAGE), json(appleFacts));
        // A longer pause than the test profile's, so the waiting job can be seen.
        app = TestApp.start(sec.baseUrl(), Map.of("sec.pause-on-rate-limit-ms", "4000"));

        String jobId = app.submitTicker("AAPL");
        Map<String, Object> waiting = awaitRow(jobId, row -> String.valueOf(row.get("warnings")).contains("SEC pause"));
        Map<String, Object> job = app.awaitFinished(jobId);

        assertThat(waiting).containsEntry("status", "running");
        assertThat(String.valueOf(waiting.get("warnings"))).contains("SEC pause: all SEC requests held until ")
                .contains("SEC's rate-threshold page (HTTP " + status + ") from " + sec.baseUrl() + FACTS)
                .contains("check sec.user-agent");
        assertThat(job).containsEntry("status", "succeeded").containsEntry("facts_read", appleEntries);
        List<LoggedRequest> facts = factsRequests();
        assertThat(facts).hasSize(2);
        assertThat(gapMillis(facts.get(0), facts.get(1))).isGreaterThanOrEqualTo(PAUSE_MS);
        assertThat(app.count(Fixtures.STORED_FACTS + " WHERE cik = ?", Fixtures.APPLE)).isEqualTo(appleEntries);
    }

    @Test
    void accessDeniedFailsAtOnceAndPointsAtTheUserAgent() {
        sec.stubFor(get(urlEqualTo(FACTS)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "text/html").withBody(ACCESS_DENIED_PAGE)));
        app = TestApp.start(sec.baseUrl());

        Map<String, Object> job = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(job).containsEntry("status", "failed");
        assertThat((String) job.get("reason")).containsIgnoringCase("access denied")
                .containsIgnoringCase("user-agent");
        assertThat(factsRequests()).as("no blind retry of a 403").hasSize(1);
        assertThat(job.get("attempts")).isEqualTo(1);
        assertThat(app.count(Fixtures.STORED_FACTS)).isZero();
    }

    @Test
    void aNotFoundAfterAServerErrorFailsAtOnce() {
        stubInSequence(aResponse().withStatus(503).withBody("Service Unavailable"), aResponse().withStatus(404)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Not Found</body></html>"));
        app = TestApp.start(sec.baseUrl());

        Map<String, Object> job = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(job).containsEntry("status", "failed");
        assertThat((String) job.get("reason")).contains("HTTP 404");
        assertThat(factsRequests()).as("the 503, then one 404 and no retry of it").hasSize(2);
    }

    @Test
    void serverErrorEveryTimeFailsAfterTheConfiguredAttempts() {
        sec.stubFor(get(urlEqualTo(FACTS)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Service Unavailable</body></html>")));
        app = TestApp.start(sec.baseUrl());
        assertThat(failedAfterEveryAttempt()).contains("HTTP 503");
    }

    @Test
    void anHtmlPageWithStatus200IsNotTakenForJson() {
        sec.stubFor(get(urlEqualTo(FACTS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<html><body><h1>EDGAR is down for maintenance</h1></body></html>")));
        app = TestApp.start(sec.baseUrl());

        Map<String, Object> job = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(job).containsEntry("status", "failed");
        assertThat((String) job.get("reason")).contains("text/html").contains("instead of JSON");
        assertThat(factsRequests()).hasSize(1);
        assertThat(app.count(Fixtures.STORED_FACTS)).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM raw_document WHERE kind = 'companyfacts'")).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM company WHERE facts_loaded_at IS NOT NULL")).isZero();
    }

    @Test
    void aResponseSlowerThanTheTimeoutIsRetriedAndTheFastRetrySucceeds() {
        stubInSequence(json(appleFacts).withFixedDelay(4000), json(appleFacts));
        app = TestApp.start(sec.baseUrl(), Map.of("sec.response-timeout-ms", "1000"));

        Map<String, Object> job = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(job).containsEntry("status", "succeeded").containsEntry("facts_read", appleEntries);
        List<LoggedRequest> facts = factsRequests();
        assertThat(facts).as("the slow answer was abandoned, not waited for").hasSize(2);
        assertThat(gapMillis(facts.get(0), facts.get(1))).isBetween(1000L, 3900L);
        assertThat(app.count(Fixtures.STORED_FACTS + " WHERE cik = ?", Fixtures.APPLE)).isEqualTo(appleEntries);
    }

    @Test
    void aResponseSlowerThanTheTimeoutEveryTimeFailsWithTheReason() {
        sec.stubFor(get(urlEqualTo(FACTS)).willReturn(json(appleFacts).withFixedDelay(3000)));
        app = TestApp.start(sec.baseUrl(), Map.of("sec.response-timeout-ms", "500"));
        assertThat(failedAfterEveryAttempt()).containsIgnoringCase("timed out").contains(sec.baseUrl() + FACTS);
    }

    @Test
    void aGzipEncodedBodyIsDecodedAndStoredAsSecSentIt() {
        byte[] served = Fixtures.gzip(appleFacts);
        sec.stubFor(get(urlEqualTo(FACTS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Content-Encoding", "gzip")
                .withBody(served)));
        app = TestApp.start(sec.baseUrl());

        Map<String, Object> job = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(job).containsEntry("status", "succeeded").containsEntry("facts_read", appleEntries);
        assertThat(app.count(Fixtures.STORED_FACTS + " WHERE cik = ?", Fixtures.APPLE)).isEqualTo(appleEntries);
        assertThat(app.count("SELECT size_bytes FROM raw_document WHERE kind = 'companyfacts' AND cik = ?",
                Fixtures.APPLE)).as("the decoded body's size").isEqualTo(appleFacts.length);
        assertThat(storedRawGzip()).as("SEC's gzip, not compressed again").isEqualTo(served);
        // camel-http no longer asks for gzip by itself (content-compression-disabled): this is sec-get's header.
        assertThat(factsRequests()).singleElement()
                .satisfies(r -> assertThat(r.getHeader("Accept-Encoding")).isEqualTo("gzip"));
    }

    @Test
    void anIdentityBodyIsGzippedForTheRawCopy() {
        sec.stubFor(get(urlEqualTo(FACTS)).willReturn(json(appleFacts)));
        app = TestApp.start(sec.baseUrl());

        Map<String, Object> job = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(job).containsEntry("status", "succeeded").containsEntry("facts_read", appleEntries);
        assertThat(Fixtures.gunzip(storedRawGzip())).isEqualTo(appleFacts);
    }

    @Test
    void aTruncatedGzipBodyIsRetriedThenFailsAndNothingIsStored() {
        byte[] whole = Fixtures.gzip(appleFacts);
        sec.stubFor(get(urlEqualTo(FACTS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Content-Encoding", "gzip")
                .withBody(Arrays.copyOf(whole, whole.length / 2))));
        app = TestApp.start(sec.baseUrl());
        assertThat(failedAfterEveryAttempt()).contains("truncated or corrupt gzip");
        assertThat(app.count("SELECT COUNT(*) FROM raw_document WHERE kind = 'companyfacts'")).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM company WHERE facts_loaded_at IS NOT NULL")).isZero();
    }

    /** A transfer that breaks mid-body is an IOException like a truncated gzip: same retries, same reason. */
    @Test
    void aDownloadCutShortIsRetriedThenFailsWithTheReason() {
        sec.stubFor(get(urlEqualTo(FACTS)).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        app = TestApp.start(sec.baseUrl());
        assertThat(failedAfterEveryAttempt()).contains("SEC body for").contains("was cut short");
        assertThat(app.count("SELECT COUNT(*) FROM raw_document WHERE kind = 'companyfacts'")).isZero();
    }

    @Test
    void everyRequestCarriesTheConfiguredUserAgent() {
        String agent = "BenchmarkOS-test ops@example.org";
        sec.stubFor(get(urlEqualTo(FACTS)).willReturn(json(appleFacts)));
        app = TestApp.start(sec.baseUrl(), Map.of("sec.user-agent", agent));

        Map<String, Object> job = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(job).containsEntry("status", "succeeded");
        List<LoggedRequest> all = sec.findAll(getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock
                .anyUrl()));
        assertThat(all).extracting(LoggedRequest::getUrl).contains(TICKERS, SUBMISSIONS, OLDER_PAGE, FACTS);
        assertThat(all).allSatisfy(r -> assertThat(r.getHeader("User-Agent")).isEqualTo(agent));
    }

    /** Companyfacts answers with the given responses in turn; the last one repeats. */
    private void stubInSequence(ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            ScenarioMappingBuilder mapping = get(urlEqualTo(FACTS)).inScenario(SCENARIO)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "call-" + i).willReturn(responses[i]);
            if (i < responses.length - 1) {
                mapping = mapping.willSetStateTo("call-" + (i + 1));
            }
            sec.stubFor(mapping);
        }
    }

    /** The job's row once {@code seen} holds (Awaitility fails the test after 20 s). */
    private Map<String, Object> awaitRow(String jobId, java.util.function.Predicate<Map<String, Object>> seen) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> app.jobs().find(jobId).orElse(Map.of()), seen);
    }

    /** The job's one SEC pause warning. */
    private static String pauseWarning(Map<String, Object> job) {
        List<?> warnings = (List<?>) job.get("warnings");
        assertThat(warnings).as("warnings").filteredOn(w -> String.valueOf(w).startsWith("SEC pause")).hasSize(1);
        return warnings.stream().map(String::valueOf).filter(w -> w.startsWith("SEC pause")).findFirst()
                .orElseThrow();
    }

    private List<LoggedRequest> factsRequests() {
        return sec.findAll(getRequestedFor(urlEqualTo(FACTS))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    private static long gapMillis(LoggedRequest first, LoggedRequest second) {
        return second.getLoggedDate().getTime() - first.getLoggedDate().getTime();
    }

    private static long durationMillis(Map<String, Object> job) {
        return Duration.between((Instant) job.get("started_at"), (Instant) job.get("finished_at")).toMillis();
    }

    private static ResponseDefinitionBuilder json(byte[] body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The latest raw companyfacts copy of Apple, as stored. */
    private byte[] storedRawGzip() {
        try (Connection c = app.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT content_gzip FROM raw_document"
                     + " WHERE kind = 'companyfacts' AND cik = ? ORDER BY id DESC")) {
            s.setLong(1, Fixtures.APPLE);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("a raw copy was stored").isTrue();
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Submits AAPL and waits for its job: it must have failed after every configured attempt, each a request for the
     * companyfacts document, with nothing stored. Returns the job's reason.
     */
    private String failedAfterEveryAttempt() {
        int attempts = Integer.parseInt(app.app().property("sec.redelivery.max")) + 1;
        Map<String, Object> job = app.awaitFinished(app.submitTicker("AAPL"));
        assertThat(job).containsEntry("status", "failed");
        assertThat((String) job.get("reason")).contains("failed after " + attempts + " HTTP attempts");
        assertThat(factsRequests()).hasSize(attempts);
        assertThat(app.count(Fixtures.STORED_FACTS)).isZero();
        return (String) job.get("reason");
    }
}
