package io.benchmarkos.ingest.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.benchmarkos.ingest.facts.StoredFacts;
import io.benchmarkos.ingest.kpi.CompanyMetrics;
import io.benchmarkos.ingest.kpi.KpiEngine;
import io.benchmarkos.ingest.kpi.LineItemValue;
import io.benchmarkos.ingest.support.CliRun;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.LoggedLines;
import io.benchmarkos.ingest.support.TestApp;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole on-demand path through the real routes, embedded broker and H2, against a local SEC mirror. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestJobTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path secDir;
    private TestApp app;

    @BeforeAll
    void start() throws Exception {
        secDir = Fixtures.copyToTemp();
        Path facts = secDir.resolve("api/xbrl/companyfacts");
        byte[] apple = Files.readAllBytes(facts.resolve("CIK0000320193.json"));
        // Imunon: a companyfacts body cut off mid-document. Company 350001: a whole document of another company.
        Files.write(facts.resolve("CIK0000749647.json"), Arrays.copyOf(apple, apple.length / 2));
        Files.write(facts.resolve("CIK0000350001.json"), apple);
        // Nvidia: a gzip kept beside the document, at level 9 (the app's own raw copies are level 4).
        Files.write(facts.resolve("CIK0001045810.json.gz"),
                Fixtures.gzip(Files.readAllBytes(facts.resolve("CIK0001045810.json")), Deflater.BEST_COMPRESSION));
        // Berkshire's other class, listed after BRK-B as in SEC's map (and before it in the alphabet).
        Path map = secDir.resolve("files/company_tickers.json");
        ObjectNode tickers = (ObjectNode) JSON.readTree(map.toFile());
        tickers.putObject(Integer.toString(tickers.size())).put("cik_str", 1067983).put("ticker", "BRK-A")
                .put("title", "BERKSHIRE HATHAWAY INC");
        JSON.writeValue(map.toFile(), tickers);
        app = TestApp.serving(secDir);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void appleJobStoresEveryEntryWithItsFiling() throws Exception {
        forgetLoadedDocument(Fixtures.APPLE);
        Map<String, Object> job = app.awaitFinished(app.submitTicker("AAPL"));

        long entries = Fixtures.entryCount(secDir.resolve(Fixtures.companyFacts(Fixtures.APPLE)));
        assertThat(job).containsEntry("status", "succeeded").containsEntry("cik", 320193L)
                .containsEntry("company_name", "Apple Inc.");
        assertThat(job.get("facts_read")).isEqualTo(entries);
        assertThat(app.count(Fixtures.STORED_FACTS + " WHERE cik = ?", Fixtures.APPLE)).isEqualTo(entries);
        assertThat(app.count("SELECT COUNT(*) FROM filing WHERE cik = ?", Fixtures.APPLE)).isEqualTo(40);
        assertThat(app.count("SELECT COUNT(*) FROM company WHERE cik = ? AND fiscal_year_end = '0926'"
                + " AND sic = '3571'", Fixtures.APPLE)).isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM raw_document WHERE cik = ? AND kind = 'companyfacts'",
                Fixtures.APPLE)).isEqualTo(1);
        assertThat(job.get("started_at")).isNotNull();
        assertThat(job.get("finished_at")).isNotNull();
        assertThat(job.get("attempts")).isEqualTo(1);
    }

    /** The test profile spools bodies over 64 KB, so this is the path of a big document: read from its file. */
    @Test
    void aSpooledBodyIsKeptWholeAsRawAndItsSpoolFilesGoWithTheJob() throws Exception {
        app.awaitFinished(app.submitTicker("AAPL"));

        byte[] apple = Files.readAllBytes(secDir.resolve(Fixtures.companyFacts(Fixtures.APPLE)));
        try (Connection c = app.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT size_bytes, content_gzip FROM raw_document"
                     + " WHERE cik = ? AND kind = 'companyfacts' ORDER BY id DESC")) {
            s.setLong(1, Fixtures.APPLE);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(apple.length);
                try (InputStream gz = new GZIPInputStream(rs.getBinaryStream(2))) {
                    assertThat(gz.readAllBytes()).isEqualTo(apple);
                }
            }
        }
        File spool = app.app().camel().getStreamCachingStrategy().getSpoolDirectory();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spool.listFiles()).isNullOrEmpty());
    }

    @Test
    void appleRevenueForFiscal2023IsOneValueReportedByThreeTenKs() throws Exception {
        app.awaitFinished(app.submitTicker("AAPL"));

        List<String> rows = new ArrayList<>();
        try (Connection c = app.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT f.val, f.unit, f.form, f.filed, f.accession, f.filings,"
                     + " f.repeated_in FROM fact f JOIN concept k ON k.id = f.concept_id WHERE f.cik = ?"
                     + " AND k.taxonomy = 'us-gaap' AND k.name = 'RevenueFromContractWithCustomerExcludingAssessedTax'"
                     + " AND f.period_start = DATE '2022-09-25' AND f.period_end = DATE '2023-09-30'")) {
            s.setLong(1, Fixtures.APPLE);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getBigDecimal(1)).isEqualByComparingTo(new BigDecimal("383285000000"));
                    rows.add(rs.getString(2) + " " + rs.getString(3) + " " + rs.getDate(4) + " " + rs.getString(5)
                            + " x" + rs.getInt(6) + " " + rs.getString(7));
                }
            }
        }
        // One row: the value as first reported, and the two later 10-Ks that repeated it as comparatives.
        assertThat(rows).containsExactly("USD 10-K 2023-11-03 0000320193-23-000106 x3"
                + " 0000320193-24-000123,2024,FY,10-K,2024-11-01,;0000320193-25-000079,2025,FY,10-K,2025-10-31,CY2023");

        List<String> entries = new StoredFacts(app.dataSource()).of(Fixtures.APPLE,
                        Set.of("us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax")).stream()
                .filter(f -> LocalDate.of(2022, 9, 25).equals(f.start()) && f.end().equals(LocalDate.of(2023, 9, 30)))
                .map(f -> f.value().toPlainString() + " " + f.form() + " " + f.filed() + " " + f.accession())
                .toList();
        assertThat(entries).containsExactly(
                "383285000000 10-K 2023-11-03 0000320193-23-000106",
                "383285000000 10-K 2024-11-01 0000320193-24-000123",
                "383285000000 10-K 2025-10-31 0000320193-25-000079");
    }

    @Test
    void theStoredLineItemsAreTheOnesTheStoredFactsGive() throws Exception {
        app.awaitFinished(app.submitTicker("AAPL"));

        // The job computes metrics from the facts its load handed on; reading them back must give the same.
        StoredFacts facts = new StoredFacts(app.dataSource());
        CompanyMetrics fromStoredFacts = KpiEngine.compute(facts.of(Fixtures.APPLE, KpiEngine.conceptsUsed()),
                facts.fiscalYearEnd(Fixtures.APPLE).orElseThrow(), Optional.empty(), "no quote");
        Set<String> expected = new TreeSet<>();
        for (LineItemValue v : fromStoredFacts.allLineItems()) {
            String accession = v.source() == null ? null : v.source().accession();
            expected.add(v.item() + " " + v.period().fiscalYear() + " " + v.period().code() + " "
                    + v.value().setScale(12, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString() + " "
                    + accession);
        }
        Set<String> stored = new TreeSet<>();
        try (Connection c = app.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT item, fiscal_year, period_kind, metric_value, accession"
                     + " FROM line_item_value WHERE cik = ?")) {
            s.setLong(1, Fixtures.APPLE);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " "
                            + rs.getBigDecimal(4).stripTrailingZeros().toPlainString() + " " + rs.getString(5));
                }
            }
        }
        Set<String> notStored = new TreeSet<>(expected);
        notStored.removeAll(stored);
        Set<String> notExpected = new TreeSet<>(stored);
        notExpected.removeAll(expected);
        assertThat(stored).hasSizeGreaterThan(100);
        assertThat(notStored).as("computed from the stored facts, not stored by the job").isEmpty();
        assertThat(notExpected).as("stored by the job, not computed from the stored facts").isEmpty();
    }

    @Test
    void runningTheSameJobAgainAddsNoRows() {
        app.awaitFinished(app.submitTicker("AAPL"));
        long facts = app.count(Fixtures.STORED_FACTS);
        long rows = app.count("SELECT COUNT(*) FROM fact");
        long filings = app.count("SELECT COUNT(*) FROM filing");

        Map<String, Object> again = app.awaitFinished(app.submitTicker("aapl"));

        assertThat(again).containsEntry("status", "succeeded").containsEntry("facts_inserted", 0L)
                .containsEntry("facts_updated", 0L);
        assertThat(app.count(Fixtures.STORED_FACTS)).isEqualTo(facts);
        assertThat(app.count("SELECT COUNT(*) FROM fact")).isEqualTo(rows);
        assertThat(app.count("SELECT COUNT(*) FROM filing")).isEqualTo(filings);
        assertThat(app.count("SELECT COUNT(*) FROM raw_document WHERE cik = ?", Fixtures.APPLE))
                .as("an identical body is kept once").isEqualTo(1);
    }

    @Test
    void completionEventCarriesJobIdStatusAndCounts() throws Exception {
        Message completion = completionEvent(
                "{\"ticker\":\"NVDA\",\"correlationId\":\"chat-42\",\"requestedBy\":\"test\"}");

        JsonNode event = JSON.readTree(completion.getBody(String.class));
        assertThat(event.path("status").asText()).isEqualTo("succeeded");
        assertThat(event.path("correlationId").asText()).isEqualTo("chat-42");
        assertThat(event.path("cik").asLong()).isEqualTo(Fixtures.NVIDIA);
        assertThat(event.path("factsRead").asLong())
                .isEqualTo(Fixtures.entryCount(secDir.resolve(Fixtures.companyFacts(Fixtures.NVIDIA))));
        assertThat(event.path("durationMillis").asLong()).isPositive();
    }

    @Test
    void aJobByCikIsNamedByTheTickerSecsMapListsFirstForTheCompany() throws Exception {
        // A job by ticker caches SEC's map, as in any running system.
        app.awaitFinished(app.submitTicker("AAPL"));

        // No Berkshire submissions document in the fixtures: the job fails before one could name a ticker.
        Message completion = completionEvent("{\"cik\":1067983}");

        assertThat(completion.getHeader("ticker")).isEqualTo("BRK-B");
        assertThat(JSON.readTree(completion.getBody(String.class)).path("ticker").asText()).isEqualTo("BRK-B");
        assertThat(app.awaitFinished(completion.getHeader("jobId", String.class)))
                .containsEntry("status", "failed").containsEntry("cik", 1067983L).containsEntry("ticker", "BRK-B");
    }

    @Test
    void aJobByCikTheTickerMapDoesNotListHasNoTicker() throws Exception {
        app.awaitFinished(app.submitTicker("AAPL"));

        // Company 350001's submissions list no ticker either.
        Message completion = completionEvent("{\"cik\":350001}");

        assertThat(completion.getHeader("ticker")).isNull();
        assertThat(JSON.readTree(completion.getBody(String.class)).path("ticker").isNull()).isTrue();
        assertThat(app.awaitFinished(completion.getHeader("jobId", String.class)))
                .containsEntry("cik", 350001L).containsEntry("ticker", null);
    }

    @Test
    void aSecondSubmissionWhileTheFirstIsPendingGetsTheSameJob() throws Exception {
        // A first job caches SEC's ticker map, as in any running system: only then is NVDA known to be CIK 1045810.
        // Without it this test depended on another test of the class having run first.
        app.awaitFinished(app.submitTicker("AAPL"));
        String firstJobId = null;
        app.suspendWorkers();
        try {
            JsonNode first = app.submit("{\"ticker\":\"NVDA\"}");
            firstJobId = first.path("jobId").asText();
            JsonNode second = app.submit("{\"cik\":\"0001045810\"}");
            assertThat(first.path("duplicate").asBoolean()).isFalse();
            assertThat(second.path("duplicate").asBoolean()).isTrue();
            assertThat(second.path("jobId").asText()).isEqualTo(first.path("jobId").asText());
        } finally {
            app.resumeWorkers();
        }
        app.awaitFinished(firstJobId);
    }

    @Test
    void tickerSpellingsAndPaddedCiksNameOneCompany() {
        Map<String, Object> byCik = app.awaitFinished(app.submit("{\"cik\":\"0000320193\"}").get("jobId").asText());
        assertThat(byCik).containsEntry("status", "succeeded").containsEntry("cik", 320193L);

        // BRK.B is in the ticker map as BRK-B; the fixtures have no Berkshire submissions document.
        Map<String, Object> berkshire = app.awaitFinished(app.submitTicker(" brk.b "));
        assertThat(berkshire).containsEntry("status", "failed").containsEntry("cik", 1067983L);
        assertThat((String) berkshire.get("reason")).startsWith("SEC has no submissions document for BRK-B (CIK 1067983"
                + " in SEC's ticker map): HTTP 404 for ");

        // Asked by CIK now that the map is cached: the company exists, only its document is missing.
        Map<String, Object> byBerkshireCik = app.awaitFinished(app.submit("{\"cik\":\"1067983\"}")
                .get("jobId").asText());
        assertThat((String) byBerkshireCik.get("reason")).startsWith("SEC has no submissions document for BRK-B"
                + " (CIK 1067983 in SEC's ticker map): HTTP 404 for ");
        Map<String, Object> unlisted = app.awaitFinished(app.submit("{\"cik\":\"999999991\"}").get("jobId").asText());
        assertThat((String) unlisted.get("reason")).startsWith("SEC has no company with CIK 999999991 (submissions"
                + " document not found: HTTP 404 for ");
    }

    @Test
    void unknownTickerFailsWithTheReasonLoggedAsAWarning() {
        try (LoggedLines warnings = LoggedLines.atLeast(Level.WARN)) {
            String jobId = app.submitTicker("ZZZZQ");
            Map<String, Object> job = app.awaitFinished(jobId);

            assertThat(job).containsEntry("status", "failed");
            assertThat((String) job.get("reason")).contains("unknown ticker ZZZZQ");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(warnings.lines())
                    .anySatisfy(line -> assertThat(line).startsWith("io.benchmarkos.ingest.jobs: Job " + jobId
                            + " failed for ZZZZQ after ").contains("unknown ticker ZZZZQ")));
        }
    }

    @Test
    void truncatedCompanyFactsFailsAndStoresNothing() {
        Map<String, Object> job = app.awaitFinished(app.submitTicker("IMNN"));

        assertThat(job).containsEntry("status", "failed");
        assertThat((String) job.get("reason")).containsIgnoringCase("truncated")
                .endsWith("(" + app.mirror().baseUrl() + "/api/xbrl/companyfacts/CIK0000749647.json)");
        assertThat(app.count(Fixtures.STORED_FACTS + " WHERE cik = ?", 749647L)).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM company WHERE cik = ? AND facts_loaded_at IS NOT NULL", 749647L))
                .isZero();
    }

    @Test
    void aDocumentOfAnotherCompanyIsRefused() {
        Map<String, Object> job = app.awaitFinished(app.submit("{\"cik\":350001}").get("jobId").asText());

        assertThat(job).containsEntry("status", "failed");
        assertThat((String) job.get("reason")).contains("is for CIK 320193, not the requested CIK 350001");
        assertThat(app.count(Fixtures.STORED_FACTS + " WHERE cik = ?", 350001L)).isZero();
    }

    @Test
    void unreadableRequestIsAnsweredAndDeadLetteredWithTheReason() {
        JsonNode answer = app.submit("this is not json");

        assertThat(answer.path("error").asText()).contains("not valid JSON");
        Exchange dead = app.app().camel().createConsumerTemplate().receive("jms:queue:ingest.dead-letter", 10_000);
        assertThat(dead).isNotNull();
        assertThat(dead.getMessage().getBody(String.class)).isEqualTo("this is not json");
        assertThat(dead.getMessage().getHeader("deadLetterReason", String.class)).contains("not valid JSON");
    }

    @Test
    void aTickerWithAControlCharacterIsAnsweredAndDeadLetteredWithTheReason() {
        String request = "{\"ticker\":\"AAPL\\u0000\"}";

        JsonNode answer = app.submit(request);

        String reason = "ticker contains a control character (U+0000 at position 5): send it as plain text";
        assertThat(answer.path("error").asText()).isEqualTo(reason);
        assertThat(answer.has("jobId")).isFalse();
        Exchange dead = app.app().camel().createConsumerTemplate().receive("jms:queue:ingest.dead-letter", 10_000);
        assertThat(dead).isNotNull();
        assertThat(dead.getMessage().getBody(String.class)).isEqualTo(request);
        assertThat(dead.getMessage().getHeader("deadLetterReason", String.class)).isEqualTo(reason);
    }

    @Test
    void aCallersBatchIdIsAnsweredAndDeadLetteredWithTheReason() {
        JsonNode answer = app.submit("{\"ticker\":\"AAPL\",\"batchId\":\"a-completed-run\"}");

        assertThat(answer.path("error").asText())
                .startsWith("batchId is set by the nightly batch refresh on its own jobs: leave it out");
        assertThat(app.count("SELECT COUNT(*) FROM ingest_job WHERE batch_id = 'a-completed-run'")).isZero();
        Exchange dead = app.app().camel().createConsumerTemplate().receive("jms:queue:ingest.dead-letter", 10_000);
        assertThat(dead).isNotNull();
        assertThat(dead.getMessage().getHeader("deadLetterReason", String.class)).startsWith("batchId is set by");
    }

    @Test
    void theAnswerToAnEmptyRequestKeepsTheQuotesOfItsExample() {
        JsonNode answer = app.submit("");

        assertThat(answer.path("error").asText())
                .isEqualTo("empty job message: send JSON such as {\"ticker\":\"MSFT\"}");
        // Taken off the dead-letter queue, which another test reads.
        assertThat(app.app().camel().createConsumerTemplate().receive("jms:queue:ingest.dead-letter", 10_000))
                .isNotNull();
    }

    @Test
    void requestsCarryTheConfiguredUserAgentAndAskForGzip() {
        app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(app.mirror().requests()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.userAgent()).isEqualTo("BenchmarkOS ingest admin@example.com");
            assertThat(r.acceptEncoding()).isEqualTo("gzip");
        });
    }

    @Test
    void theCompaniesCommandPrintsATableOfWhatIsLoaded() {
        app.awaitFinished(app.submitTicker("AAPL"));
        CliRun companies = CliRun.of("companies", "--api-url", app.apiUrl());

        String output = companies.output();
        assertThat(companies.exitCode()).as(output).isZero();
        assertThat(output.lines().findFirst()).get().asString().startsWith("ticker").contains("latest FY");
        assertThat(output.lines()).anySatisfy(line -> assertThat(line).startsWith("AAPL").contains("320193")
                .contains("Apple Inc.").containsPattern("  \\d+  2025 ").doesNotContain("{"));
    }

    /** A nightly run of thousands of companies must not create an HTTP endpoint (and client) per document. */
    @Test
    void httpCallsOfAnotherCompanyReuseTheSameEndpoints() {
        app.awaitFinished(app.submitTicker("AAPL"));
        Set<String> afterApple = httpEndpoints();

        app.awaitFinished(app.submitTicker("NVDA"));

        assertThat(afterApple).isNotEmpty();
        assertThat(httpEndpoints()).isEqualTo(afterApple);
    }

    @Test
    void aGzipServedAsSuchIsKeptByteForByte() throws Exception {
        Map<String, Object> job = app.awaitFinished(app.submitTicker("NVDA"));

        assertThat(job).containsEntry("status", "succeeded");
        Path facts = secDir.resolve(Fixtures.companyFacts(Fixtures.NVIDIA));
        try (Connection c = app.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT size_bytes, content_gzip FROM raw_document"
                     + " WHERE cik = ? AND kind = 'companyfacts' ORDER BY id DESC")) {
            s.setLong(1, Fixtures.NVIDIA);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(Files.size(facts));
                byte[] stored = rs.getBytes(2);
                assertThat(stored).isEqualTo(Files.readAllBytes(Path.of(facts + ".gz")));
                try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(stored))) {
                    assertThat(gz.readAllBytes()).isEqualTo(Files.readAllBytes(facts));
                }
            }
        }
    }

    private Set<String> httpEndpoints() {
        Set<String> uris = new TreeSet<>();
        app.app().camel().getEndpoints().stream().map(e -> e.getEndpointUri())
                .filter(uri -> uri.startsWith("http")).forEach(uris::add);
        return uris;
    }

    /** Submits the request and returns its job's completion event from topic ingest.events. */
    private Message completionEvent(String request) throws Exception {
        ConsumerTemplate events = app.app().camel().createConsumerTemplate();
        events.start();
        CompletableFuture<String> jobId = new CompletableFuture<>();
        try {
            CompletableFuture<Message> event = CompletableFuture.supplyAsync(() -> {
                Exchange e;
                while ((e = events.receive("jms:topic:ingest.events", 30_000)) != null) {
                    if (jobId.join().equals(e.getMessage().getHeader("jobId", String.class))) {
                        return e.getMessage();
                    }
                }
                throw new AssertionError("no completion event for " + request);
            });
            // The topic keeps no event for a subscriber that comes after it.
            Thread.sleep(500);
            jobId.complete(app.submit(request).get("jobId").asText());
            return event.get(40, TimeUnit.SECONDS);
        } finally {
            // A submission that failed leaves the listener waiting for its id: this ends the wait.
            jobId.cancel(false);
            events.stop();
        }
    }

    /** Other tests load the same document; without this the job would find it stored already and not read it. */
    private void forgetLoadedDocument(long cik) throws Exception {
        try (Connection c = app.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE company SET facts_sha256 = NULL WHERE cik = ?")) {
            s.setLong(1, cik);
            s.executeUpdate();
        }
    }
}
