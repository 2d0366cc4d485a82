package io.benchmarkos.ingest.sec;

import io.benchmarkos.ingest.jobs.CompanyRef;
import io.benchmarkos.ingest.jobs.JobContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;

import static io.benchmarkos.ingest.support.Fixtures.gzip;
import static io.benchmarkos.ingest.support.Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Status, Content-Type, size and encoding of SEC answers, on plain exchanges (no routes, no HTTP). */
class SecResponsesTest {

    private static final CamelContext CAMEL = new DefaultCamelContext();
    private static final String URL = "https://data.sec.gov/api/xbrl/companyfacts/CIK0000320193.json";
    private static final String JSON = "{\"cik\":320193}";
    private static final String RATE_PAGE = "<html><head><title>SEC.gov | Request Rate Threshold Exceeded</title>"
            + "</head><body>Your request rate has exceeded the threshold</body></html>";
    private static final long MAX_BODY = 1000;

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);
    private final SecGate gate = new SecGate(clock, Duration.ofMinutes(10));
    private final SecResponses responses = new SecResponses(gate, MAX_BODY, Duration.ofMinutes(5));

    @AfterAll
    static void closeCamel() throws Exception {
        CAMEL.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "APPLICATION/JSON",
        "application/vnd.sec+json"})
    void json200IsAcceptedAndTheBodyBecomesAStreamCache(String contentType) throws Exception {
        Exchange exchange = exchange(200, contentType, JSON);

        responses.check(exchange);

        assertThat(exchange.getMessage().getBody()).isInstanceOf(StreamCache.class);
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo(JSON);
        assertThat(gate.isPaused()).isFalse();
    }

    @Test
    void html200IsNotJson() {
        Exchange exchange = exchange(200, "text/html; charset=UTF-8", "<html><body>Maintenance</body></html>");

        assertThatThrownBy(() -> responses.check(exchange)).isInstanceOf(SecUnexpectedResponseException.class)
                .hasMessage("SEC answered text/html; charset=utf-8 instead of JSON for " + URL
                        + ": <html><body>Maintenance</body></html>");
        assertThat(gate.isPaused()).isFalse();
    }

    @Test
    void noContentTypeIsNotJson() {
        assertThatThrownBy(() -> responses.check(exchange(200, null, JSON)))
                .isInstanceOf(SecUnexpectedResponseException.class)
                .hasMessageStartingWith("SEC answered no Content-Type instead of JSON");
    }

    @Test
    void tooManyRequestsPausesAllTraffic() {
        assertThatThrownBy(() -> responses.check(exchange(429, "text/plain", "slow down")))
                .isInstanceOf(SecRateLimitedException.class).hasMessageContaining("HTTP 429");

        assertThat(gate.remainingPauseMillis()).isEqualTo(Duration.ofMinutes(10).toMillis());
        assertThat(gate.pauseReason()).isEqualTo("HTTP 429 from " + URL);
        assertThatThrownBy(gate::ensureOpen).isInstanceOf(SecRateLimitedException.class)
                .hasMessageContaining("SEC traffic is paused");
    }

    @Test
    void onlyTheJobWhoseRequestGotThe429IsToldSo() {
        Exchange refused = forJob(exchange(429, "text/plain", "slow down"), "job-msft");
        assertThatThrownBy(() -> responses.check(refused)).isInstanceOf(SecRateLimitedException.class);
        // A retry of the same job comes in a new exchange (after a broker redelivery, say).
        Exchange retry = forJob(exchange(200, "application/json", JSON), "job-msft");
        Exchange held = forJob(exchange(200, "application/json", JSON), "job-aapl");

        String until = "2026-01-05T10:10:00Z";
        assertThat(gate.pauseNotice(retry)).isEqualTo("SEC pause: all SEC requests held until " + until
                + " after HTTP 429 from " + URL);
        assertThat(gate.pauseNotice(held)).isEqualTo("SEC pause: held until " + until
                + " by a pause of all SEC traffic caused by another request (HTTP 429 from " + URL + ")");
        assertThat(gate.pauseNotice(exchange(200, "application/json", JSON))).as("no job")
                .contains("caused by another request");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 403})
    void theRateThresholdPageIsARateLimitWhateverItsStatus(int status) {
        assertThatThrownBy(() -> responses.check(exchange(status, "text/html", RATE_PAGE)))
                .isInstanceOf(SecRateLimitedException.class).hasMessageContaining("check sec.user-agent");

        assertThat(gate.isPaused()).isTrue();
    }

    @Test
    void forbiddenWithoutTheRatePageIsAccessDeniedAndNoPause() {
        assertThatThrownBy(() -> responses.check(exchange(403, "text/html", "<html>Access Denied</html>")))
                .isInstanceOf(SecAccessDeniedException.class)
                .hasMessageContaining("access denied (HTTP 403) for " + URL).hasMessageContaining("sec.user-agent");

        assertThat(gate.isPaused()).isFalse();
    }

    @Test
    void theRateMarkerInAJsonBodyIsNotThePage() {
        assertThatThrownBy(() -> responses.check(exchange(403, "application/json",
                "{\"message\":\"Request Rate Threshold Exceeded\"}"))).isInstanceOf(SecAccessDeniedException.class);
        assertThat(gate.isPaused()).isFalse();
    }

    @Test
    void notFoundNamesTheUrl() {
        assertThatThrownBy(() -> responses.check(exchange(404, "text/html", "<html>Not Found</html>")))
                .isInstanceOf(SecNotFoundException.class)
                .satisfies(e -> assertThat(((SecNotFoundException) e).url()).isEqualTo(URL));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 500, 502, 503, 504, 599})
    void timeoutsAndServerErrorsAreTransient(int status) {
        assertThatThrownBy(() -> responses.check(exchange(status, "text/html", "<html>busy</html>")))
                .isInstanceOf(SecTransientException.class).hasMessageContaining("HTTP " + status);
        assertThat(gate.isPaused()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 204, 301, 302, 400, 401, 410})
    void anyOtherStatusIsUnexpectedAndPermanent(int status) {
        assertThatThrownBy(() -> responses.check(exchange(status, "text/html", "<html>  odd\n answer </html>")))
                .isInstanceOf(SecUnexpectedResponseException.class)
                .hasMessage("SEC answered HTTP " + status + " for " + URL + ": <html> odd answer </html>");
    }

    @Test
    void aRedirectWithoutABodyNamesWhereItPoints() {
        Exchange redirect = exchange(302, null, "");
        redirect.getMessage().setHeader("Location", "https://example.invalid/elsewhere");

        assertThatThrownBy(() -> responses.check(redirect)).isInstanceOf(SecUnexpectedResponseException.class)
                .hasMessage("SEC answered HTTP 302 for " + URL + " (a redirect to https://example.invalid/elsewhere:"
                        + " check sec.www-base-url and sec.data-base-url)");
    }

    @Test
    void aBodyAtTheLimitIsReadAndOneByteMoreIsRefused() throws Exception {
        String atLimit = "[" + " ".repeat((int) MAX_BODY - 2) + "]";
        Exchange ok = exchange(200, "application/json", atLimit);
        responses.check(ok);
        assertThat(ok.getMessage().getBody(byte[].class)).hasSize((int) MAX_BODY);

        assertThatThrownBy(() -> responses.check(exchange(200, "application/json", atLimit + " ")))
                .isInstanceOf(SecUnexpectedResponseException.class)
                .hasMessage("SEC body for " + URL + " exceeds sec.max-body-bytes=" + MAX_BODY);
    }

    @Test
    void aBodyThatTricklesInPastTheDownloadLimitIsATimeout() {
        SecResponses patient = new SecResponses(gate, MAX_BODY, Duration.ofSeconds(1));
        Exchange exchange = exchange(200, "application/json", null);
        // A byte every 20 ms: each read is quick, so only a deadline on the whole body stops it.
        exchange.getMessage().setBody(new InputStream() {
            private int left = 200;

            @Override
            public int read() throws IOException {
                if (left-- == 0) {
                    return -1;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        });

        assertThatThrownBy(() -> patient.check(exchange)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("SEC body for " + URL + " was cut short: the body took longer than"
                        + " sec.max-download-seconds=1 (")
                .hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
    }

    @Test
    void anOversizedBodyIsRefusedWhateverTheStatus() {
        String huge = "x".repeat((int) MAX_BODY * 5);

        assertThatThrownBy(() -> responses.check(exchange(200, "text/html", huge)))
                .isInstanceOf(SecUnexpectedResponseException.class).hasMessageContaining("exceeds sec.max-body-bytes");
    }

    @Test
    void theErrorSnippetIsShort() {
        String page = "<html>" + "word ".repeat(1000) + "</html>";

        assertThatThrownBy(() -> responses.check(exchange(400, "text/html", page.substring(0, 990))))
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(URL.length() + 200));
    }

    @Test
    void noBodyIsAnEmptyBody() throws Exception {
        Exchange exchange = exchange(200, "application/json", null);

        responses.check(exchange);

        assertThat(exchange.getMessage().getBody(byte[].class)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "GZIP", " gzip ", "x-gzip"})
    void aGzipBodyIsInflatedAndItsCompressedBytesAreKeptBesideIt(String encoding) throws Exception {
        byte[] served = gzip(JSON.getBytes(StandardCharsets.UTF_8));
        Exchange exchange = exchange(200, "application/json", served, encoding);

        responses.check(exchange);

        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo(JSON);
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_ENCODING)).isNull();
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_LENGTH)).isNull();
        SecBody record = SecBody.of(exchange);
        assertThat(record).isNotNull();
        assertThat(record.body()).isSameAs(exchange.getMessage().getBody());
        assertThat(record.size()).isEqualTo(JSON.length());
        assertThat(record.sha256()).isEqualTo(sha256(JSON.getBytes(StandardCharsets.UTF_8)));
        record.gzip().reset();
        assertThat(((InputStream) record.gzip()).readAllBytes()).isEqualTo(served);
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", ""})
    void anIdentityBodyKeepsTodaysPathAndReplacesAnEarlierRecord(String encoding) throws Exception {
        Exchange exchange = exchange(200, "application/json", gzip(JSON.getBytes(StandardCharsets.UTF_8)), "gzip");
        responses.check(exchange);
        assertThat(SecBody.of(exchange)).isNotNull();

        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader(Exchange.CONTENT_ENCODING, encoding);
        exchange.getMessage().setBody(new ByteArrayInputStream("[1]".getBytes(StandardCharsets.UTF_8)));
        responses.check(exchange);

        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("[1]");
        assertThat(SecBody.of(exchange)).isNull();
        assertThat(exchange.getProperty(SecBody.PROPERTY)).isNull();
    }

    @Test
    void aRecordIsNotTakenForABodyThatReplacedItsOwn() throws Exception {
        Exchange exchange = exchange(200, "application/json", gzip(JSON.getBytes(StandardCharsets.UTF_8)), "gzip");
        responses.check(exchange);

        exchange.getMessage().setBody("{\"other\":true}");

        assertThat(SecBody.of(exchange)).isNull();
        assertThat(exchange.getProperty(SecBody.PROPERTY)).isNotNull();
    }

    @Test
    void theRateThresholdPageIsFoundInAGzipBody() {
        assertThatThrownBy(() -> responses.check(exchange(200, "text/html",
                gzip(RATE_PAGE.getBytes(StandardCharsets.UTF_8)), "gzip")))
                .isInstanceOf(SecRateLimitedException.class);
        assertThat(gate.isPaused()).isTrue();
    }

    @Test
    void theErrorSnippetOfAGzipBodyIsDecodedText() {
        assertThatThrownBy(() -> responses.check(exchange(400, "text/html",
                gzip("<html>bad request</html>".getBytes(StandardCharsets.UTF_8)), "gzip")))
                .isInstanceOf(SecUnexpectedResponseException.class)
                .hasMessage("SEC answered HTTP 400 for " + URL + ": <html>bad request</html>");
    }

    @Test
    void aGzipBodyInflatingToTheLimitIsReadAndOneByteMoreIsRefused() throws Exception {
        String atLimit = "[" + " ".repeat((int) MAX_BODY - 2) + "]";
        Exchange ok = exchange(200, "application/json", gzip(atLimit.getBytes(StandardCharsets.UTF_8)), "gzip");
        responses.check(ok);
        assertThat(ok.getMessage().getBody(byte[].class)).hasSize((int) MAX_BODY);
        assertThat(SecBody.of(ok).size()).isEqualTo(MAX_BODY);

        assertThatThrownBy(() -> responses.check(exchange(200, "application/json",
                gzip((atLimit + " ").getBytes(StandardCharsets.UTF_8)), "gzip")))
                .isInstanceOf(SecUnexpectedResponseException.class)
                .hasMessage("SEC body for " + URL + " exceeds sec.max-body-bytes=" + MAX_BODY + " once decompressed");
    }

    @Test
    void aCompressionBombIsRefusedLikeAnOversizedBody() {
        byte[] bomb = gzip(new byte[(int) MAX_BODY * 500]);
        assertThat(bomb.length).as("small on the wire").isLessThan((int) MAX_BODY);

        assertThatThrownBy(() -> responses.check(exchange(200, "application/json", bomb, "gzip")))
                .isInstanceOf(SecUnexpectedResponseException.class).hasMessageContaining("exceeds sec.max-body-bytes");
    }

    @Test
    void anOversizedGzipBodyIsRefusedBeforeItIsInflated() {
        byte[] incompressible = new byte[(int) MAX_BODY * 2];
        new Random(1).nextBytes(incompressible);

        assertThatThrownBy(() -> responses.check(exchange(200, "application/json", gzip(incompressible), "gzip")))
                .isInstanceOf(SecUnexpectedResponseException.class)
                .hasMessage("SEC body for " + URL + " exceeds sec.max-body-bytes=" + MAX_BODY);
    }

    @Test
    void aTruncatedOrCorruptGzipBodyIsAnIoFailureLikeACutDownload() {
        byte[] whole = gzip(JSON.repeat(20).getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(whole, whole.length - 12);
        byte[] corrupt = whole.clone();
        corrupt[whole.length / 2] ^= 0x55;
        byte[] notGzip = JSON.getBytes(StandardCharsets.UTF_8);

        for (byte[] body : new byte[][] {truncated, corrupt, notGzip}) {
            Exchange exchange = exchange(200, "application/json", body, "gzip");
            assertThatThrownBy(() -> responses.check(exchange)).isExactlyInstanceOf(IOException.class)
                    .hasMessageStartingWith("SEC body for " + URL + " is truncated or corrupt gzip");
            assertThat(SecBody.of(exchange)).isNull();
            assertThat(exchange.getMessage().getBody()).as("no spent stream left for a retry to read").isNull();
        }
    }

    @Test
    void anEmptyBodyMarkedGzipIsNoDocumentAndNoGzipToKeep() {
        Exchange exchange = exchange(200, "application/json", new byte[0], "gzip");

        assertThatThrownBy(() -> responses.check(exchange)).isExactlyInstanceOf(IOException.class)
                .hasMessageStartingWith("SEC body for " + URL + " is truncated or corrupt gzip");
        assertThat(SecBody.of(exchange)).isNull();
    }

    @Test
    void anUnreadableBodyDoesNotHideWhatTheStatusSays() {
        byte[] notGzip = "<html>Too Many Requests</html>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> responses.check(exchange(429, "text/html", notGzip, "gzip")))
                .isInstanceOf(SecRateLimitedException.class);
        assertThatThrownBy(() -> responses.check(exchange(503, "text/html", notGzip, "br")))
                .isInstanceOf(SecTransientException.class).hasMessageContaining("HTTP 503");
        assertThatThrownBy(() -> responses.check(exchange(404, "text/html", new byte[0], "gzip")))
                .isInstanceOf(SecNotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"br", "deflate", "gzip, br", "compress"})
    void anEncodingNotAskedForIsRefused(String encoding) {
        assertThatThrownBy(() -> responses.check(exchange(200, "application/json",
                JSON.getBytes(StandardCharsets.UTF_8), encoding)))
                .isInstanceOf(SecUnexpectedResponseException.class)
                .hasMessage("SEC answered Content-Encoding " + encoding + " for " + URL
                        + "; only gzip or identity is accepted");
    }

    @Test
    void attemptsAreCountedPerUrlWithinAnExchange() {
        Exchange exchange = exchange(200, "application/json", JSON);
        assertThat(SecResponses.attempts(exchange)).isZero();

        responses.countAttempt(exchange);
        responses.countAttempt(exchange);
        exchange.setProperty(SecUrls.URL_PROPERTY, URL + "?other");
        responses.countAttempt(exchange);

        assertThat(SecResponses.attempts(exchange)).isEqualTo(1);
        exchange.setProperty(SecUrls.URL_PROPERTY, URL);
        assertThat(SecResponses.attempts(exchange)).isEqualTo(2);
    }

    private static Exchange forJob(Exchange exchange, String jobId) {
        exchange.setProperty(JobContext.PROPERTY, new JobContext(jobId, CompanyRef.ofCik("320193"), null, null, null,
                1, Instant.EPOCH));
        return exchange;
    }

    private static Exchange exchange(int status, String contentType, String body) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.setProperty(SecUrls.URL_PROPERTY, URL);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (contentType != null) {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
        }
        exchange.getMessage().setBody(body == null ? null
                : new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        return exchange;
    }

    private static Exchange exchange(int status, String contentType, byte[] body, String contentEncoding) {
        Exchange exchange = exchange(status, contentType, null);
        exchange.getMessage().setBody(new ByteArrayInputStream(body));
        exchange.getMessage().setHeader(Exchange.CONTENT_ENCODING, contentEncoding);
        exchange.getMessage().setHeader(Exchange.CONTENT_LENGTH, body.length);
        return exchange;
    }
}
