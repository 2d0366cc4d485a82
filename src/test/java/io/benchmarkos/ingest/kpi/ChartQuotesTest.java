package io.benchmarkos.ingest.kpi;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** What the chart reader takes from an answer: the two prices, their days and the dividends between them. */
class ChartQuotesTest {

    private static final CamelContext CAMEL = new DefaultCamelContext();
    // 2024-12-04 14:30 UTC, 2024-12-05 14:30 UTC; the current price's time is 2025-12-04 21:00 UTC.
    private static final String PRICES = "\"meta\":{\"currency\":\"USD\",\"regularMarketPrice\":190.5,"
            + "\"regularMarketTime\":1764882000},\"timestamp\":[1733322600,1733409000],"
            + "\"indicators\":{\"quote\":[{\"close\":[null,150.25]}]}";

    private final ChartQuotes reader = new ChartQuotes(new ObjectMapper(), "http://127.0.0.1:9/");

    @Test
    void asksForTheYearOfDailyClosesWithDividends() {
        assertThat(reader.chartUrl("BRK.B", null))
                .isEqualTo("http://127.0.0.1:9/v8/finance/chart/BRK.B?range=1y&interval=1d&events=div");
    }

    @Test
    void theYearAgoPriceIsTheFirstCloseAndItsDay() throws Exception {
        Quote quote = parse("{" + PRICES + "}");

        assertThat(quote.price()).isEqualByComparingTo("190.5");
        assertThat(quote.priceYearAgo()).isEqualByComparingTo("150.25");
        // The first close is the second timestamp's: the first day has no close.
        assertThat(quote.yearAgoDate()).isEqualTo(LocalDate.parse("2024-12-05"));
        assertThat(quote.asOf()).isEqualTo(LocalDate.parse("2025-12-04"));
        assertThat(quote.dividendsPerShare()).as("no dividend events: unknown, not zero").isNull();
    }

    @Test
    void dividendsCountFromTheDayAfterTheYearAgoCloseThroughTheQuoteDay() throws Exception {
        // Ex-dates: 2024-12-05 (the year-ago day itself: the buyer at that close did not get it), 2025-02-10,
        // 2025-12-04 (the quote day) and 2025-12-05 (after the quote).
        String events = ",\"events\":{\"dividends\":{"
                + "\"1733409000\":{\"amount\":0.24,\"date\":1733409000},"
                + "\"1739197800\":{\"amount\":0.25,\"date\":1739197800},"
                + "\"1764858600\":{\"amount\":0.26,\"date\":1764858600},"
                + "\"1764945000\":{\"amount\":0.27,\"date\":1764945000}}}";

        assertThat(parse("{" + PRICES + events + "}").dividendsPerShare()).isEqualByComparingTo("0.51");
    }

    @Test
    void anEmptyDividendListIsNoDividends() throws Exception {
        assertThat(parse("{" + PRICES + ",\"events\":{\"dividends\":{}}}").dividendsPerShare()).isZero();
    }

    @Test
    void anUnreadableDividendLeavesTheDividendsUnknown() throws Exception {
        String events = ",\"events\":{\"dividends\":{\"1739197800\":{\"amount\":\"0.25\",\"date\":1739197800}}}";

        assertThat(parse("{" + PRICES + events + "}").dividendsPerShare()).isNull();
    }

    @Test
    void withoutTimestampsNeitherTheYearAgoDayNorTheDividendsAreKnown() throws Exception {
        String undated = "{\"meta\":{\"currency\":\"USD\",\"regularMarketPrice\":190.5,"
                + "\"regularMarketTime\":1764882000},"
                + "\"indicators\":{\"quote\":[{\"close\":[150.25]}]},"
                + "\"events\":{\"dividends\":{\"1739197800\":{\"amount\":0.25,\"date\":1739197800}}}}";

        Quote quote = parse(undated);

        assertThat(quote.priceYearAgo()).isEqualByComparingTo("150.25");
        assertThat(quote.yearAgoDate()).isNull();
        assertThat(quote.dividendsPerShare()).isNull();
    }

    private Quote parse(String result) throws Exception {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(("{\"chart\":{\"result\":[" + result + "]}}").getBytes(StandardCharsets.UTF_8));
        return reader.parse(exchange);
    }
}
