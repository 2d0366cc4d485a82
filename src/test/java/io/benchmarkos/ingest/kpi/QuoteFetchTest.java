package io.benchmarkos.ingest.kpi;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The market price through the real quote routes (routes/metrics.yaml) against a stub chart source on 127.0.0.1,
 * with SEC served by the fixture mirror: a plain answer, a gzip answer nobody asked for, and a source that wants
 * its cookie and crumb first. A job that got its price has an available market cap.
 */
class QuoteFetchTest {

    private static final String CHART = "/v8/finance/chart/AAPL";
    private static final String CHART_JSON = "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\","
            + "\"regularMarketPrice\":190.5,\"regularMarketTime\":1764806400},"
            + "\"indicators\":{\"quote\":[{\"close\":[150.25,151.0]}]}}]}}";
    private static final String MARKET_CAP = "SELECT COUNT(*) FROM kpi_value WHERE cik = ? AND kpi = 'market_cap'"
            + " AND status = 'available'";
    private static final String AVAILABLE_WITH_VALUE = "SELECT COUNT(*) FROM kpi_value WHERE cik = ? AND kpi = ?"
            + " AND status = 'available' AND ABS(metric_value - ?) < 0.000000001";

    private WireMockServer quotes;
    private TestApp app;

    @BeforeEach
    void startQuotes() {
        quotes = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true));
        quotes.start();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        quotes.stop();
    }

    @Test
    void aPlainAnswerGivesThePrice() throws Exception {
        quotes.stubFor(get(urlPathEqualTo(CHART)).willReturn(chart(CHART_JSON.getBytes(StandardCharsets.UTF_8))));

        assertPriced(ingestApple());
    }

    @Test
    void aGzipAnswerNobodyAskedForIsDecodedWhole() throws Exception {
        byte[] gzip = Fixtures.gzip(CHART_JSON.getBytes(StandardCharsets.UTF_8), Deflater.DEFAULT_COMPRESSION);
        quotes.stubFor(get(urlPathEqualTo(CHART)).willReturn(chart(gzip).withHeader("Content-Encoding", "gzip")
                .withHeader("Content-Length", Integer.toString(gzip.length))));

        assertPriced(ingestApple());
    }

    @Test
    void aSourceThatRefusesWithoutASessionGetsItsCookieAndCrumbFirst() throws Exception {
        quotes.stubFor(get(urlPathEqualTo(CHART)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"finance\":{\"error\":\"Unauthorized\"}}")));
        quotes.stubFor(get(urlPathEqualTo(CHART)).withQueryParam("crumb", equalTo("abc123"))
                .willReturn(chart(CHART_JSON.getBytes(StandardCharsets.UTF_8))));
        quotes.stubFor(get(urlPathEqualTo("/cookie")).willReturn(aResponse().withStatus(404)
                .withHeader("Set-Cookie", "A3=session; Path=/")));
        quotes.stubFor(get(urlPathEqualTo("/crumb")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody("abc123")));

        assertPriced(ingestApple());
        quotes.verify(getRequestedFor(urlPathEqualTo("/crumb")).withHeader("Cookie", equalTo("A3=session")));
    }

    @Test
    void theDividendsBetweenTheTwoPricesCountInTheTsr() throws Exception {
        // Closes from 2024-12-04 and 2024-12-05 (the first is null); ex-dates 2025-02-10 and 2025-05-12.
        String withDividends = "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\","
                + "\"regularMarketPrice\":190.5,\"regularMarketTime\":1764806400},"
                + "\"timestamp\":[1733322600,1733409000],\"indicators\":{\"quote\":[{\"close\":[null,150.25]}]},"
                + "\"events\":{\"dividends\":{\"1739197800\":{\"amount\":0.25,\"date\":1739197800},"
                + "\"1747056600\":{\"amount\":0.26,\"date\":1747056600}}}}]}}";
        quotes.stubFor(get(urlPathEqualTo(CHART)).willReturn(chart(withDividends.getBytes(StandardCharsets.UTF_8))));

        assertThat(ingestApple()).containsEntry("status", "succeeded");

        quotes.verify(getRequestedFor(urlPathEqualTo(CHART)).withQueryParam("events", equalTo("div")));
        double tsr = (190.5 - 150.25 + 0.51) / 150.25;
        assertThat(app.count(AVAILABLE_WITH_VALUE, Fixtures.APPLE, "tsr", BigDecimal.valueOf(tsr))).isEqualTo(1);
    }

    @Test
    void aTruncatedAnswerLeavesMarketKpisUnavailableWithAReasonAPersonCanRead() throws Exception {
        byte[] truncated = CHART_JSON.substring(0, 60).getBytes(StandardCharsets.UTF_8);
        quotes.stubFor(get(urlPathEqualTo(CHART)).willReturn(chart(truncated)));

        Map<String, Object> job = ingestApple();

        assertThat(job).containsEntry("status", "succeeded");
        // One item a warning: the older-filings-page warning of the fixture mirror is another.
        assertThat((List<?>) job.get("warnings")).hasSizeGreaterThan(1).anySatisfy(warning -> assertThat(warning)
                .asString().startsWith("market KPIs unavailable: quote source answered malformed JSON: Unexpected"
                        + " end-of-input").doesNotContain("Source:"));
        assertThat(app.count(MARKET_CAP, Fixtures.APPLE)).isZero();
    }

    private Map<String, Object> ingestApple() throws Exception {
        String base = "http://127.0.0.1:" + quotes.port();
        app = TestApp.serving(Fixtures.secRoot(), Map.of("quotes.enabled", "true", "quotes.base-url", base,
                "quotes.cookie-url", base + "/cookie", "quotes.crumb-url", base + "/crumb"));
        return app.awaitFinished(app.submitTicker("AAPL"));
    }

    private void assertPriced(Map<String, Object> job) {
        assertThat(job).containsEntry("status", "succeeded");
        assertThat(String.valueOf(job.get("warnings"))).doesNotContain("market KPIs unavailable");
        assertThat(app.count(MARKET_CAP, Fixtures.APPLE)).isEqualTo(1);
        // Current price 190.5 (quote of 2025-12-04) × 14,776,353,000 shares on the 10-K cover as of 2025-10-17.
        assertThat(app.count(AVAILABLE_WITH_VALUE, Fixtures.APPLE, "market_cap", new BigDecimal("2814895246500")))
                .isEqualTo(1);
        // The year-ago price is the range's first close, 150.25; TTM dividends 15,486 millions over the same shares.
        double tsr = (190.5 - 150.25 + 15486e6 / 14776353000.0) / 150.25;
        assertThat(app.count(AVAILABLE_WITH_VALUE, Fixtures.APPLE, "tsr", BigDecimal.valueOf(tsr))).isEqualTo(1);
    }

    private static ResponseDefinitionBuilder chart(byte[] body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
