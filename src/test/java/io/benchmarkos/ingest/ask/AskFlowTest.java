package io.benchmarkos.ingest.ask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.support.CliRun;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import io.benchmarkos.ingest.tools.SecMirror;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** "Fetching…" then "Ready": over JMS request/reply, over HTTP, and from the Python STOMP example client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AskFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SecMirror sec;
    private TestApp app;

    @BeforeAll
    void start() throws IOException {
        sec = new SecMirror(Fixtures.secRoot(), 0).start();
        app = TestApp.start(sec.baseUrl());
    }

    @AfterAll
    void stop() {
        app.close();
        sec.close();
    }

    private JsonNode ask(String question) {
        return app.ask(question);
    }

    @Test
    void unknownCompanyIsFetchedThenAnsweredWithProvenance() throws Exception {
        JsonNode first = ask("metrics for AAPL phase 1");
        assertThat(first.path("status").asText()).isEqualTo("fetching");
        assertThat(first.path("message").asText()).startsWith("Fetching AAPL");
        String jobId = first.path("jobId").asText();
        assertThat(app.awaitFinished(jobId)).containsEntry("status", "succeeded");

        JsonNode ready = ask("metrics for AAPL phase 1");

        assertThat(ready.path("status").asText()).isEqualTo("ready");
        assertThat(first.path("cik").asLong()).as("the ticker's CIK, from SEC's ticker map").isEqualTo(320193L);
        assertThat(ready.path("cik").asLong()).isEqualTo(320193L);
        assertThat(ready.path("fiscalYear").asInt()).isEqualTo(2025);
        JsonNode revenue = metric(ready, "revenue", "FY2025");
        assertThat(revenue.path("value").asText()).isEqualTo("416161000000");
        assertThat(revenue.path("unit").asText()).isEqualTo("USD");
        assertThat(revenue.path("source").path("concept").asText())
                .isEqualTo("us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax");
        assertThat(revenue.path("source").path("accession").asText()).isEqualTo("0000320193-25-000079");
        assertThat(revenue.path("source").path("form").asText()).isEqualTo("10-K");
        assertThat(revenue.path("source").path("filed").asText()).isEqualTo("2025-10-31");
        assertThat(revenue.path("source").path("derived").asBoolean()).isFalse();
        // A TTM is derived: the answer names the 10-Q and the 10-K it was computed from.
        JsonNode revenueTtm = metric(ready, "revenue", "TTM");
        assertThat(revenueTtm.path("source").path("derived").asBoolean()).isTrue();
        // It names its operands too: the last fiscal year's revenue with its 10-K, and the quarters' 10-Q.
        String lastFiscalYear = "revenue FY2025 2025-09-27=416161000000"
                + " (us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax 10-K 0000320193-25-000079"
                + " filed 2025-10-31)";
        assertThat(revenueTtm.path("source").path("derivedFrom").asText())
                .contains("(TTM = YTD + last FY − prior-year YTD: revenue Q1 FY2026 2025-12-27=")
                .contains("; " + lastFiscalYear + "; revenue Q1 FY2025 2024-12-28=").contains("10-Q ");
        List<String> names = ready.path("metrics").findValuesAsText("name");
        assertThat(names).contains("free_cash_flow", "ebitda_margin", "return_on_equity", "revenue_cagr_3y");
    }

    @Test
    void phaseTwoMarketKpisSayWhyTheyAreUnavailable() throws Exception {
        app.awaitFinished(app.submitTicker("NVDA"));

        JsonNode ready = ask("show me phase 2 for NVDA");

        assertThat(ready.path("status").asText()).isEqualTo("ready");
        JsonNode pe = metric(ready, "pe_ratio", "TTM");
        assertThat(pe.path("status").asText()).isEqualTo("unavailable");
        assertThat(pe.path("reason").asText()).startsWith("no price: quote source");
        assertThat(metric(ready, "gross_margin", "FY2026").path("status").asText()).isEqualTo("available");
    }

    @Test
    void aTickerSecDoesNotKnowIsRefusedAtOnceOnceTheMapIsCached() throws Exception {
        app.awaitFinished(app.submitTicker("NVDA"));

        JsonNode answer = ask("metrics for ZZZZQ phase 1");

        assertThat(answer.path("status").asText()).isEqualTo("error");
        assertThat(answer.path("message").asText()).contains("unknown ticker ZZZZQ");
        assertThat(app.count("SELECT COUNT(*) FROM ingest_job WHERE ticker = 'ZZZZQ'")).isZero();
    }

    /** A second company in small letters is told from a word by SEC's ticker map. */
    @Test
    void aSecondCompanyInSmallLettersIsRefusedWhenTheTickerMapKnowsIt() throws Exception {
        app.awaitFinished(app.submitTicker("NVDA"));
        long jobs = app.count("SELECT COUNT(*) FROM ingest_job");

        JsonNode answer = ask("metrics for AAPL and nvda please");

        assertThat(answer.path("status").asText()).isEqualTo("error");
        assertThat(answer.path("message").asText()).isEqualTo("the question names more than one company (AAPL and"
                + " nvda); ask about one company at a time");
        assertThat(app.count("SELECT COUNT(*) FROM ingest_job")).isEqualTo(jobs);
    }

    @Test
    void httpMetricsAnswer202WhileFetchingThen502WithTheReasonOfTheFailedJob() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(URI.create(app.apiUrl() + "/companies/IMNN/metrics?phase=1")).build();
        HttpResponse<String> fetching = http.send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(fetching.statusCode()).isEqualTo(202);
        String jobId = JSON.readTree(fetching.body()).path("jobId").asText();
        // Imunon's fixture has no companyfacts file: the job fails and says why.
        Map<String, Object> job = app.awaitFinished(jobId);
        assertThat(job).containsEntry("status", "failed");

        // A caller that polls gets that failure, not a new job that would fail the same way.
        HttpResponse<String> failed = http.send(get, HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(failed.body());
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(answer.path("status").asText()).isEqualTo("failed");
        assertThat(answer.path("jobId").asText()).isEqualTo(jobId);
        assertThat(answer.path("reason").asText()).isEqualTo(job.get("reason"));
        assertThat(answer.path("retryAfter").asText()).isNotEmpty();
        assertThat(app.count("SELECT COUNT(*) FROM ingest_job WHERE ticker = 'IMNN'")).isEqualTo(1);

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(app.apiUrl() + "/ask"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"metrics please\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("message").asText()).contains("no company in the question");

        // One word in small letters: a ticker when SEC's ticker map knows it, else no company.
        HttpResponse<String> word = http.send(HttpRequest.newBuilder(URI.create(app.apiUrl() + "/ask"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"hello\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(word.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(word.body()).path("message").asText()).contains("no company in the question");
        HttpResponse<String> smallLetters = http.send(HttpRequest.newBuilder(URI.create(app.apiUrl() + "/ask"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"nvda phase 2\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(smallLetters.statusCode()).as(smallLetters.body()).isIn(200, 202);
        assertThat(JSON.readTree(smallLetters.body()).path("ticker").asText()).isEqualTo("NVDA");
        assertThat(JSON.readTree(smallLetters.body()).path("phase").asInt()).isEqualTo(2);
    }

    @Test
    void pythonClientPrintsFetchingThenReady() throws Exception {
        assumeTrue(python() != null, "python3 is not installed; the Python client test needs it");
        Path script = Path.of("examples", "ask_client.py");

        String firstRun = runPython(script, "metrics for GOOGL phase 1");
        // Alphabet is in the ticker map but has no fixtures: the client must show the failure, not hang.
        assertThat(firstRun).contains("Fetching GOOGL").contains("Failed:");

        app.awaitFinished(app.submitTicker("NVDA"));
        String ready = runPython(script, "metrics for NVDA phase 1");
        assertThat(ready).startsWith("Ready: NVIDIA CORP phase 1").contains("revenue").contains("215938000000");
        // The latest balance sheet's assets carry its date, not "TTM".
        assertThat(ready).containsPattern("total_assets +at 20\\d\\d-\\d\\d-\\d\\d ")
                .doesNotContainPattern("total_assets +TTM");
    }

    @Test
    void pythonClientWaitsForAFetch() throws Exception {
        assumeTrue(python() != null, "python3 is not installed; the Python client test needs it");

        String output;
        // A second application with an empty database, so Apple is surely not loaded yet.
        try (TestApp fresh = TestApp.start(sec.baseUrl())) {
            output = runPython(fresh, Path.of("examples", "ask_client.py"), "metrics for cik 320193 phase 1");
        }

        int fetching = output.indexOf("Fetching");
        int ready = output.indexOf("Ready: Apple Inc.");
        assertThat(fetching).as(output).isGreaterThanOrEqualTo(0);
        assertThat(ready).as(output).isGreaterThan(fetching);
    }

    @Test
    void anyPhaseButOneOrTwoIsRefusedOverHttpWithTheSameAnswer() throws Exception {
        for (String phase : List.of("3", "abc")) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    app.apiUrl() + "/companies/AAPL/metrics?phase=" + phase)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(phase).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).path("status").asText()).as(phase).isEqualTo("error");
            assertThat(JSON.readTree(answer.body()).path("message").asText()).as(phase)
                    .isEqualTo("phase must be 1 or 2, not '" + phase + "'");
        }
    }

    @Test
    void aRefusedQuestionIsAnsweredToTheAskerWhoseIdItCarries() throws Exception {
        String phaseThree = app.producer().requestBody("jms:queue:ingest.ask?requestTimeout=30000",
                "{\"question\":\"metrics for AAPL phase 3\",\"correlationId\":\"c-1\"}", String.class);
        String malformed = app.producer().requestBodyAndHeader("jms:queue:ingest.ask?requestTimeout=30000",
                "{\"question\": ", "correlationId", "c-2", String.class);

        assertThat(JSON.readTree(phaseThree).path("correlationId").asText()).isEqualTo("c-1");
        assertThat(JSON.readTree(phaseThree).path("message").asText()).contains("phase must be 1 or 2");
        assertThat(JSON.readTree(malformed).path("correlationId").asText()).isEqualTo("c-2");
        assertThat(JSON.readTree(malformed).path("message").asText()).startsWith("question is not valid JSON");
    }

    /** The id in the header alone names the asker in every answer, not only in refusals. */
    @Test
    void aCorrelationIdSentOnlyAsAHeaderIsInReadyAnswersAsInErrors() throws Exception {
        app.awaitFinished(app.submitTicker("NVDA"));

        String ready = app.producer().requestBodyAndHeader("jms:queue:ingest.ask?requestTimeout=30000",
                "{\"question\":\"metrics for NVDA phase 1\"}", "correlationId", "c-3", String.class);
        String refused = app.producer().requestBodyAndHeader("jms:queue:ingest.ask?requestTimeout=30000",
                "{\"question\":\"metrics for NVDA phase 3\"}", "correlationId", "c-4", String.class);
        String named = app.producer().requestBodyAndHeader("jms:queue:ingest.ask?requestTimeout=30000",
                "{\"question\":\"metrics for NVDA phase 1\",\"correlationId\":\"c-body\"}", "correlationId",
                "c-5", String.class);

        assertThat(JSON.readTree(ready).path("status").asText()).isEqualTo("ready");
        assertThat(JSON.readTree(ready).path("correlationId").asText()).isEqualTo("c-3");
        assertThat(JSON.readTree(refused).path("status").asText()).isEqualTo("error");
        assertThat(JSON.readTree(refused).path("correlationId").asText()).isEqualTo("c-4");
        // The body's own id wins over the header.
        assertThat(JSON.readTree(named).path("correlationId").asText()).isEqualTo("c-body");

        // Refused whether the answer is ready or needs a job: the job request would refuse the id.
        String control = app.producer().requestBodyAndHeader("jms:queue:ingest.ask?requestTimeout=30000",
                "metrics for NVDA phase 1", "correlationId", "c\u00006", String.class);
        assertThat(JSON.readTree(control).path("status").asText()).isEqualTo("error");
        assertThat(JSON.readTree(control).path("message").asText())
                .startsWith("correlationId header contains a control character (U+0000 at position 2)");
    }

    /** Bytes 00 01 as a plain-text question, in a bytes or a text message: refused for them, as in JSON. */
    @Test
    void aPlainTextQuestionOfControlCharactersIsRefusedForThem() throws Exception {
        String reason = "question contains a control character (U+0000 at position 1): send it as plain text";
        for (Object body : List.of(new byte[] {0, 1}, "\u0000\u0001")) {
            String answer = app.producer().requestBodyAndHeader("jms:queue:ingest.ask?requestTimeout=30000", body,
                    "correlationId", "c-nul", String.class);

            assertThat(JSON.readTree(answer).path("status").asText()).isEqualTo("error");
            assertThat(JSON.readTree(answer).path("message").asText()).isEqualTo(reason);
            assertThat(JSON.readTree(answer).path("correlationId").asText()).isEqualTo("c-nul");
        }
    }

    /**
     * Bytes that are not UTF-8 were read as U+FFFD and the question answered as if whole (a job queued for MSFT):
     * refused saying which byte, over JMS and HTTP, as a job request is.
     */
    @Test
    void aQuestionThatIsNotUtf8IsRefusedSayingWhichByte() throws Exception {
        byte[] text = withByte("metrics for MSFT phase 1 ", 0xFF, "");
        String reply = app.producer().requestBodyAndHeader("jms:queue:ingest.ask?requestTimeout=30000", text,
                "correlationId", "c-ff", String.class);

        assertThat(JSON.readTree(reply).path("status").asText()).isEqualTo("error");
        assertThat(JSON.readTree(reply).path("message").asText())
                .isEqualTo("question cannot be read: byte FF at position 26 is not UTF-8; send it as UTF-8");
        assertThat(JSON.readTree(reply).path("correlationId").asText()).isEqualTo("c-ff");
        String utf16 = app.producer().requestBody("jms:queue:ingest.ask?requestTimeout=30000",
                "metrics for MSFT".getBytes(StandardCharsets.UTF_16LE), String.class);
        assertThat(JSON.readTree(utf16).path("message").asText()).isEqualTo("question cannot be read: it looks like"
                + " UTF-16 (NUL bytes among its first 4); send it as UTF-8");

        HttpResponse<String> http = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.apiUrl()
                        + "/ask")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(withByte("{\"question\":\"metrics for MSFT", 0xC3, "\"}")))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(http.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(http.body()).path("message").asText())
                .isEqualTo("question cannot be read: byte C3 at position 30 is not UTF-8; send it as UTF-8");
        assertThat(app.count("SELECT COUNT(*) FROM ingest_job WHERE ticker = 'MSFT'")).isZero();
    }

    /** Text decoded before it reached the app (a STOMP text frame, a terminal in Latin-1) carries U+FFFD. */
    @Test
    void aQuestionWithTheReplacementCharacterIsRefused() throws Exception {
        String reply = app.producer().requestBody("jms:queue:ingest.ask?requestTimeout=30000",
                "metrics for AAPL \uFFFD\uFFFD", String.class);

        assertThat(JSON.readTree(reply).path("status").asText()).isEqualTo("error");
        assertThat(JSON.readTree(reply).path("message").asText()).isEqualTo("question contains U+FFFD at position"
                + " 18, the replacement for bytes that were not valid text: send it as UTF-8");
    }

    /** JMS sets no size limit: a request far over the question's is refused by its size before it is decoded. */
    @Test
    void aRequestOfMoreBytesThanAnyQuestionIsRefusedByItsSize() throws Exception {
        byte[] huge = ("metrics for MSFT " + "x".repeat(1_000_000)).getBytes(StandardCharsets.UTF_8);

        String reply = app.producer().requestBody("jms:queue:ingest.ask?requestTimeout=30000", huge, String.class);

        assertThat(JSON.readTree(reply).path("status").asText()).isEqualTo("error");
        assertThat(JSON.readTree(reply).path("message").asText()).isEqualTo("request of 1000017 bytes is too long:"
                + " a question takes at most 500 characters, the whole request 2000 (6003 bytes)");
    }

    private static byte[] withByte(String before, int value, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(head, head.length + 1 + tail.length);
        all[head.length] = (byte) value;
        System.arraycopy(tail, 0, all, head.length + 1, tail.length);
        return all;
    }

    /** A question by CIK is answered with the company's ticker, in the message a chatbot shows too. */
    @Test
    void aQuestionByCikIsToldWhichTickerIsBeingFetched() throws Exception {
        app.awaitFinished(app.submitTicker("NVDA"));

        JsonNode answer = JSON.readTree(app.producer().requestBody("jms:queue:ingest.ask?requestTimeout=30000",
                "{\"cik\":\"310522\"}", String.class));

        assertThat(answer.path("status").asText()).isIn("fetching", "failed");
        assertThat(answer.path("message").asText()).contains("FNMA").doesNotContain("CIK 310522");
    }

    /** The job an ask queues carries the asker's id, so its completion event can be matched to the question. */
    @Test
    void theJobAnAskQueuesCarriesTheIdItsAskerSentAsAHeader() throws Exception {
        String fetching = app.producer().requestBodyAndHeader("jms:queue:ingest.ask?requestTimeout=30000",
                "metrics for TSLA phase 1", "correlationId", "c-tsla", String.class);

        assertThat(JSON.readTree(fetching).path("status").asText()).isEqualTo("fetching");
        String jobId = JSON.readTree(fetching).path("jobId").asText();
        assertThat(app.jobs().find(jobId).orElseThrow()).containsEntry("correlation_id", "c-tsla");
    }

    /** Asked by CIK, the answer still names the company's ticker: the app knows it. */
    @Test
    void aQuestionByCikIsAnsweredWithTheTicker() throws Exception {
        app.awaitFinished(app.submitTicker("NVDA"));

        JsonNode inWords = ask("metrics for CIK 1045810 phase 1");
        JsonNode asField = JSON.readTree(app.producer().requestBody("jms:queue:ingest.ask?requestTimeout=30000",
                "{\"cik\":1045810}", String.class));

        assertThat(inWords.path("status").asText()).isEqualTo("ready");
        assertThat(inWords.path("ticker").asText(null)).isEqualTo("NVDA");
        assertThat(asField.path("status").asText()).isEqualTo("ready");
        assertThat(asField.path("ticker").asText(null)).isEqualTo("NVDA");
        assertThat(asField.path("cik").asLong()).isEqualTo(1045810L);
    }

    @Test
    void pythonClientShowsARefusalInsteadOfWaitingForIt() throws Exception {
        assumeTrue(python() != null, "python3 is not installed; the Python client test needs it");

        String output = runPython(Path.of("examples", "ask_client.py"), "metrics for AAPL phase 3");

        assertThat(output).contains("phase must be 1 or 2").doesNotContain("no frame");
    }

    @Test
    void cliAskSaysItWaitsThenPrintsTheAnswer() throws Exception {
        CliRun ask;
        try (TestApp fresh = TestApp.start(sec.baseUrl())) {
            ask = CliRun.of("ask", "--broker-url", "tcp://127.0.0.1:" + fresh.brokerPort(), "--timeout", "60",
                    "metrics for cik 320193 phase 1");
        }

        String output = ask.output();
        assertThat(ask.exitCode()).as(output).isZero();
        assertThat(output).contains("Fetching CIK 320193… (job ").contains("); waiting up to 60 s")
                .doesNotContain("ask again");
        assertThat(output.indexOf("Ready: Apple Inc.")).as(output).isGreaterThan(output.indexOf("waiting up to"));
    }

    private String runPython(Path script, String question) throws Exception {
        return runPython(app, script, question);
    }

    private static String runPython(TestApp target, Path script, String question) throws Exception {
        Process process = new ProcessBuilder(python(), script.toString(), question, "--port",
                Integer.toString(target.stompPort()), "--timeout", "60").redirectErrorStream(true).start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String python() {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start();
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException | InterruptedException e) {
                // try the next one
            }
        }
        return null;
    }

    private static JsonNode metric(JsonNode answer, String name, String period) {
        for (JsonNode m : answer.path("metrics")) {
            if (name.equals(m.path("name").asText()) && period.equals(m.path("period").asText())) {
                return m;
            }
        }
        throw new AssertionError("no " + name + " " + period + " in " + answer);
    }
}
