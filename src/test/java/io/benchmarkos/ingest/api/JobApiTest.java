package io.benchmarkos.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.LoggedLines;
import io.benchmarkos.ingest.support.TestApp;
import io.benchmarkos.ingest.tools.SecMirror;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP API of the running app. Two apps cannot run at once in one JVM (each embeds a broker on vm://0), so the
 * open app serves every test but the last, which closes it and starts one that requires a token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REVENUE = "RevenueFromContractWithCustomerExcludingAssessedTax";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SecMirror sec;
    private TestApp app;

    @BeforeAll
    void start() throws IOException {
        sec = new SecMirror(Fixtures.secRoot(), 0).start();
        app = TestApp.start(sec.baseUrl());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        sec.close();
    }

    @Test
    @Order(1)
    void postedJobIsAcceptedAndRunsToSuccess() throws Exception {
        HttpResponse<String> posted = send(post("/jobs", "{\"ticker\":\"AAPL\",\"correlationId\":\"api-1\"}"));

        assertThat(posted.statusCode()).isEqualTo(202);
        String jobId = JSON.readTree(posted.body()).path("jobId").asText();
        assertThat(jobId).matches("[0-9a-f-]{36}");
        assertThat(posted.headers().firstValue("Location")).contains("/api/jobs/" + jobId);
        assertThat(posted.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));

        JsonNode job = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> JSON.readTree(send(get("/jobs/" + jobId)).body()),
                        j -> "succeeded".equals(j.path("status").asText()));
        assertThat(job.path("id").asText()).isEqualTo(jobId);
        assertThat(job.path("cik").asLong()).isEqualTo(Fixtures.APPLE);
        assertThat(job.path("correlation_id").asText()).isEqualTo("api-1");
        assertThat(job.path("facts_read").asLong())
                .isEqualTo(Fixtures.entryCount(Fixtures.secRoot().resolve(Fixtures.companyFacts(Fixtures.APPLE))));
    }

    @Test
    @Order(2)
    void factsOfAConceptCarryTheirFiling() throws Exception {
        app.awaitFinished(app.submitTicker("AAPL"));

        HttpResponse<String> response = send(get("/companies/AAPL/facts?concept=" + REVENUE));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode rows = JSON.readTree(response.body());
        assertThat(rows.isArray()).isTrue();
        long filings = 0;
        List<String> fiscal2023 = new ArrayList<>();
        for (JsonNode row : rows) {
            assertThat(row.path("concept").asText()).isEqualTo(REVENUE);
            assertThat(row.path("accession").asText()).matches("\\d{10}-\\d{2}-\\d{6}");
            assertThat(row.path("form").asText()).isNotBlank();
            assertThat(row.path("filed").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(row.path("repeated_in").size()).isEqualTo(row.path("filings").asInt() - 1);
            filings += row.path("filings").asLong();
            if ("2022-09-25".equals(row.path("period_start").asText())
                    && "2023-09-30".equals(row.path("period_end").asText())) {
                StringBuilder line = new StringBuilder(row.path("accession").asText() + " " + row.path("form").asText()
                        + " " + row.path("filed").asText() + " " + row.path("val").asText());
                for (JsonNode later : row.path("repeated_in")) {
                    line.append(", then ").append(later.path("accession").asText()).append(' ')
                            .append(later.path("form").asText()).append(' ').append(later.path("filed").asText());
                }
                fiscal2023.add(line.toString());
            }
        }
        assertThat(filings).as("every entry, each value once").isEqualTo(revenueEntriesInFixture());
        assertThat((long) rows.size()).isLessThan(filings);
        assertThat(fiscal2023).containsExactly("0000320193-23-000106 10-K 2023-11-03 383285000000"
                + ", then 0000320193-24-000123 10-K 2024-11-01, then 0000320193-25-000079 10-K 2025-10-31");
    }

    @Test
    @Order(2)
    void pagesOfFactsJoinUpToTheWholeListWithoutRepeats() throws Exception {
        app.awaitFinished(app.submitTicker("AAPL"));
        JsonNode whole = JSON.readTree(send(get("/companies/AAPL/facts?limit=5000")).body());
        assertThat(whole.size()).as("the fixture has more than three pages of 700").isBetween(2101, 4999);

        List<JsonNode> paged = new ArrayList<>();
        for (int offset = 0; offset < 5000; offset += 700) {
            JsonNode page = JSON.readTree(send(get("/companies/AAPL/facts?limit=700&offset=" + offset)).body());
            page.forEach(paged::add);
            if (page.size() < 700) {
                break;
            }
        }

        List<JsonNode> expected = new ArrayList<>();
        whole.forEach(expected::add);
        assertThat(paged).isEqualTo(expected);
    }

    @Test
    @Order(3)
    void invalidJsonIsABadRequestWithTheReason() throws Exception {
        HttpResponse<String> response = send(post("/jobs", "{\"ticker\":"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains("not valid JSON");
    }

    @Test
    @Order(4)
    void theOpenApiDocumentListsTheApiWhenAsked() throws Exception {
        HttpResponse<String> response = send(get("/openapi.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(response.body());
        assertThat(document.path("paths").has("/companies/{company}/facts")).isTrue();
        JsonNode factParameters = document.path("paths").path("/companies/{company}/facts").path("get")
                .path("parameters");
        assertThat(factParameters.findValuesAsText("name")).contains("limit", "offset");
        for (JsonNode parameter : factParameters) {
            assertThat(parameter.path("required").asBoolean()).as(parameter.path("name").asText())
                    .isEqualTo("path".equals(parameter.path("in").asText()));
        }
        // Every paged list names its paging parameters.
        assertThat(document.path("paths").path("/companies").path("get").path("parameters").findValuesAsText("name"))
                .containsExactly("limit", "offset");
        assertThat(document.path("paths").path("/batches").path("get").path("parameters").findValuesAsText("name"))
                .containsExactly("limit");
    }

    @Test
    @Order(4)
    void anEmptyBodyIsABadRequest() throws Exception {
        HttpResponse<String> response = send(post("/jobs", ""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText()).startsWith("empty job message");
    }

    @Test
    @Order(4)
    void aRequestWithoutCompanyIsABadRequest() throws Exception {
        HttpResponse<String> response = send(post("/jobs", "{\"years\":5}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText())
                .isEqualTo("job message needs \"ticker\" or \"cik\"");
    }

    @Test
    @Order(4)
    void aTickerWithAControlCharacterIsABadRequestThatNamesIt() throws Exception {
        HttpResponse<String> response = send(post("/jobs", "{\"ticker\":\"AAPL\\u0000\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText())
                .isEqualTo("ticker contains a control character (U+0000 at position 5): send it as plain text");
    }

    @Test
    @Order(4)
    void aCallersBatchIdIsABadRequestAndNoJobIsStored() throws Exception {
        long jobs = app.count("SELECT COUNT(*) FROM ingest_job");

        HttpResponse<String> response = send(post("/jobs", "{\"ticker\":\"NVDA\",\"batchId\":\"a-completed-run\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText())
                .startsWith("batchId is set by the nightly batch refresh on its own jobs: leave it out");
        assertThat(app.count("SELECT COUNT(*) FROM ingest_job")).isEqualTo(jobs);
    }

    /**
     * JSON over HTTP is UTF-8 (RFC 8259): a body in UTF-16 was decoded as such, and its refusal quoted the UTF-8
     * bytes read as UTF-16 ('≻'). Whatever charset the request names, the body is read as UTF-8 or refused.
     */
    @Test
    @Order(4)
    void aBodyThatIsNotUtf8IsABadRequestSayingSo() throws Exception {
        byte[] utf16 = ("\uFEFF{\"ticker\":\"AAPL\"}").getBytes(StandardCharsets.UTF_16LE);
        for (String type : new String[] {"application/json", "application/json; charset=UTF-16"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(app.apiUrl() + "/jobs"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(utf16)));

            assertThat(response.statusCode()).as(type).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("error").asText()).as(type)
                    .isEqualTo("job message is not valid JSON: it starts with a UTF-16 byte order mark (FF FE); send"
                            + " JSON as UTF-8");
        }
    }

    @Test
    @Order(4)
    void theBodysMediaTypeMatchesWhateverItsCase() throws Exception {
        // RFC 9110: type and subtype are case-insensitive, so this body reaches the job route (which refuses it).
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(app.apiUrl() + "/jobs"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "Application/JSON; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"years\":5}")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText())
                .isEqualTo("job message needs \"ticker\" or \"cik\"");
    }

    @Test
    @Order(5)
    void anUnknownJobIsNotFound() throws Exception {
        HttpResponse<String> response = send(get("/jobs/00000000-0000-0000-0000-000000000000"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").asText())
                .isEqualTo("no job 00000000-0000-0000-0000-000000000000");
    }

    @Test
    @Order(5)
    void aFactsLimitOutOfRangeAndAnUnknownCompanyAreRefusedWithTheReason() throws Exception {
        for (String limit : new String[] {"0", "-1", "5001", "ten"}) {
            HttpResponse<String> response = send(get("/companies/AAPL/facts?limit=" + limit));
            assertThat(response.statusCode()).as("limit=%s", limit).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("error").asText())
                    .isEqualTo("limit must be a whole number from 1 to 5000");
        }
        for (String offset : new String[] {"-1", "ten"}) {
            HttpResponse<String> response = send(get("/companies/AAPL/facts?offset=" + offset));
            assertThat(response.statusCode()).as("offset=%s", offset).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("error").asText())
                    .isEqualTo("offset must be a whole number from 0");
        }
        HttpResponse<String> unknown = send(get("/companies/NOSUCH/facts"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).isEqualTo("no company loaded for NOSUCH");
        // In SEC's ticker map but never loaded: not found either (was 200 with no facts). The map's BRK-B is typed
        // BRK.B as often.
        for (String ticker : new String[] {"BRK-B", "brk.b"}) {
            HttpResponse<String> neverLoaded = send(get("/companies/" + ticker + "/facts"));
            assertThat(neverLoaded.statusCode()).as(ticker).isEqualTo(404);
            assertThat(JSON.readTree(neverLoaded.body()).path("error").asText()).as(ticker)
                    .isEqualTo("no company loaded for BRK-B (CIK 1067983); submit a job for it");
        }
        // A CIK with no company stored was answered 200 with no facts, as if the company had none.
        HttpResponse<String> unknownCik = send(get("/companies/999999999/facts"));
        assertThat(unknownCik.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknownCik.body()).path("error").asText())
                .isEqualTo("no company loaded for CIK 999999999");
        // A NUL after the ticker was trimmed away, and AAPL's facts answered.
        HttpResponse<String> withNul = send(get("/companies/AAPL%00/facts"));
        assertThat(withNul.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(withNul.body()).path("error").asText()).isEqualTo("the ticker or CIK contains a"
                + " control character (U+0000 at position 5): send it as plain text");
    }

    @Test
    @Order(6)
    void aBodyOverTheJobLimitIsABadRequest() throws Exception {
        String body = "{\"ticker\":\"AAPL\"}" + " ".repeat(10_000);

        HttpResponse<String> response = send(post("/jobs", body, "Bearer not-to-be-echoed")
                .header("X-Request-Note", "not to be echoed either"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains("exceeds jobs.max-request-bytes");
        assertThat(response.headers().map()).as("request headers are not sent back")
                .doesNotContainKeys("authorization", "x-request-note");
    }

    @Test
    @Order(7)
    void aBodyOverTheServerLimitIsRefused() throws Exception {
        String body = "{\"ticker\":\"AAPL\",\"requestedBy\":\"" + "x".repeat(1100 * 1024) + "\"}";

        HttpResponse<String> response = send(post("/jobs", body));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(response.body()).path("error").asText())
                .isEqualTo("request body over 1048576 bytes (camel.server.max-body-size)");
        assertThat(app.count("SELECT COUNT(*) FROM ingest_job WHERE requested_by LIKE 'xxx%'")).isZero();
    }

    @Test
    @Order(7)
    void aBatchListTheSizeOfSecsUniverseIsReadNotRefusedForItsSize() throws Exception {
        // 9,610 lines (as many as the CIKs of SEC's ticker map), 125 KB: over the old 64 KB limit. Only comments, so
        // no run starts.
        String list = "# 0000320193\n".repeat(9610);

        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(app.apiUrl() + "/batches"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(list)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains("names no company");
    }

    /** A client that sends a body far over the limit and hangs up once refused is not an application error. */
    @Test
    @Order(7)
    void aClientThatHangsUpAfterBeingRefusedLeavesNoErrorInTheLog() throws Exception {
        URI api = URI.create(app.apiUrl());
        byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try (LoggedLines errors = LoggedLines.errors()) {
            String statusLine;
            try (Socket socket = new Socket("127.0.0.1", api.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                try {
                    for (int i = 0; i < 160; i++) {
                        out.write(chunk);
                    }
                } catch (IOException refusedMidUpload) {
                    // The server may close its side while the upload is still being written.
                }
                statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
            }
            assertThat(statusLine).startsWith("HTTP/1.1 413");
            // The server notices the closed connection a moment later; a job read afterwards proves it is still up.
            Thread.sleep(500);
            assertThat(send(get("/jobs/no-such-job")).statusCode()).isEqualTo(404);
            assertThat(errors.lines()).isEmpty();
        }
    }

    @Test
    @Order(8)
    void requestsNoEndpointTakesGetAJsonAnswerThatSaysWhatToChange() throws Exception {
        HttpResponse<String> noEndpoint = send(get("/no-such-thing"));
        assertThat(noEndpoint.statusCode()).isEqualTo(404);
        assertThat(noEndpoint.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(noEndpoint.body()).path("error").asText())
                .isEqualTo("no API endpoint at GET /api/no-such-thing; the endpoints are listed in /api/openapi.json");

        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(URI.create(app.apiUrl() + "/jobs"))
                .timeout(Duration.ofSeconds(30)).DELETE());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(wrongMethod.body()).path("error").asText())
                .startsWith("DELETE /api/jobs is not allowed: this path takes POST;");
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<String> deleteBatch = send(HttpRequest.newBuilder(URI.create(app.apiUrl() + "/batches"))
                .timeout(Duration.ofSeconds(30)).DELETE());
        assertThat(deleteBatch.statusCode()).isEqualTo(405);
        assertThat(deleteBatch.headers().firstValue("Allow")).hasValue("GET, POST");
        HttpResponse<String> postToAJob = send(HttpRequest.newBuilder(URI.create(app.apiUrl() + "/jobs/some-id"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(postToAJob.statusCode()).isEqualTo(405);
        assertThat(postToAJob.headers().firstValue("Allow")).hasValue("GET");

        HttpResponse<String> notJson = send(HttpRequest.newBuilder(URI.create(app.apiUrl() + "/jobs"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("AAPL")));
        assertThat(notJson.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(notJson.body()).path("error").asText())
                .isEqualTo("Content-Type text/plain is not accepted by POST /api/jobs:"
                        + " send the body as application/json");

        // A malformed escape no HTTP client library would send: written on a socket.
        try (Socket socket = new Socket("127.0.0.1", URI.create(app.apiUrl()).getPort())) {
            socket.getOutputStream().write(("GET /api/status?x=%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/json")
                    .contains("\"error\":\"bad request: GET /api/status")
                    .contains("the path or query cannot be read: check its percent-encoding, % is written %25");
        }

        HttpResponse<String> wantsXml = send(get("/jobs/abc").header("Accept", "application/xml"));
        assertThat(wantsXml.statusCode()).isEqualTo(406);
        assertThat(JSON.readTree(wantsXml.body()).path("error").asText())
                .isEqualTo("Accept application/xml cannot be served by GET /api/jobs/abc:"
                        + " the API answers application/json");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void withATokenConfiguredOnlyBearersGetIn() throws Exception {
        app.close();
        app = TestApp.start(sec.baseUrl(), Map.of("api.token", "secret"));

        HttpResponse<String> anonymous = send(post("/jobs", "{\"ticker\":\"NVDA\"}"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).path("error").asText())
                .isEqualTo("no API token: send 'Authorization: Bearer <api.token>'");
        HttpResponse<String> wrong = send(post("/jobs", "{\"ticker\":\"NVDA\"}", "Bearer wrong"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).path("error").asText()).startsWith("wrong API token");
        HttpResponse<String> notBearer = send(post("/jobs", "{\"ticker\":\"NVDA\"}", "secret"));
        assertThat(notBearer.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(notBearer.body()).path("error").asText()).contains("not a bearer token");
        assertThat(send(withToken(get("/companies"), "bearer secret")).statusCode())
                .as("the scheme name is case-insensitive").isEqualTo(200);
        assertThat(send(get("/companies")).statusCode()).isEqualTo(401);
        assertThat(app.count("SELECT COUNT(*) FROM ingest_job")).as("refused requests create no job").isZero();

        HttpResponse<String> bearer = send(post("/jobs", "{\"ticker\":\"NVDA\"}", "Bearer secret"));
        assertThat(bearer.statusCode()).isEqualTo(202);
        String jobId = JSON.readTree(bearer.body()).path("jobId").asText();
        assertThat(send(get("/jobs/" + jobId)).statusCode()).isEqualTo(401);
        assertThat(send(withToken(get("/jobs/" + jobId), "Bearer secret")).statusCode()).isEqualTo(200);
        assertThat(send(withToken(get("/companies"), "Bearer secret")).statusCode()).isEqualTo(200);

        // A method the path does not take: without the token, 401 before 405 (and no Allow header to learn from).
        HttpResponse<String> anonymousDelete = send(HttpRequest.newBuilder(URI.create(app.apiUrl() + "/jobs"))
                .timeout(Duration.ofSeconds(30)).DELETE());
        assertThat(anonymousDelete.statusCode()).isEqualTo(401);
        assertThat(anonymousDelete.headers().firstValue("Allow")).isEmpty();
        assertThat(JSON.readTree(anonymousDelete.body()).path("error").asText()).startsWith("no API token");
        assertThat(send(withToken(HttpRequest.newBuilder(URI.create(app.apiUrl() + "/jobs"))
                .timeout(Duration.ofSeconds(30)).DELETE(), "Bearer secret")).statusCode()).isEqualTo(405);
    }

    @Test
    @Order(2)
    void ofAPeriodsRestatedValuesTheOneReportedLastComesFirst() throws Exception {
        app.awaitFinished(app.submitTicker("AAPL"));

        // Apple's diluted EPS was restated for its splits: 25 periods of the fixture carry two or more values.
        JsonNode rows = JSON.readTree(send(get("/companies/AAPL/facts?concept=EarningsPerShareDiluted")).body());
        int restatedPeriods = 0;
        for (int i = 1; i < rows.size(); i++) {
            JsonNode before = rows.get(i - 1);
            JsonNode row = rows.get(i);
            if (samePeriodAndUnit(before, row)) {
                restatedPeriods++;
                assertThat(before.path("last_filed").asText()).as("the current value of a period comes first")
                        .isGreaterThanOrEqualTo(row.path("last_filed").asText());
            }
        }
        assertThat(restatedPeriods).isPositive();
    }

    private static boolean samePeriodAndUnit(JsonNode a, JsonNode b) {
        return a.path("period_start").asText().equals(b.path("period_start").asText())
                && a.path("period_end").asText().equals(b.path("period_end").asText())
                && a.path("unit").asText().equals(b.path("unit").asText());
    }

    private long revenueEntriesInFixture() throws IOException {
        JsonNode units = JSON.readTree(Fixtures.read(Fixtures.companyFacts(Fixtures.APPLE)))
                .path("facts").path("us-gaap").path(REVENUE).path("units");
        long count = 0;
        for (JsonNode unit : units) {
            count += unit.size();
        }
        return count;
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(app.apiUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder post(String path, String json, String authorization) {
        return withToken(post(path, json), authorization);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(app.apiUrl() + path)).timeout(Duration.ofSeconds(30)).GET();
    }

    private static HttpRequest.Builder withToken(HttpRequest.Builder request, String authorization) {
        return request.header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
