package io.benchmarkos.ingest.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.JsonProblems;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Reads prices from a Yahoo-style chart endpoint ({@code /v8/finance/chart/TICKER?range=1y&interval=1d&events=div}):
 * the current price is {@code meta.regularMarketPrice}, the price a year ago the first close of the range, and the
 * dividends since then the {@code events.dividends} whose ex-date follows that close's day.
 */
public class ChartQuotes {

    private final ObjectMapper mapper;
    private final String baseUrl;

    public ChartQuotes(ObjectMapper mapper, String baseUrl) {
        this.mapper = mapper;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String chartUrl(String ticker, String crumb) {
        String url = baseUrl + "/v8/finance/chart/" + URLEncoder.encode(ticker, StandardCharsets.UTF_8)
                + "?range=1y&interval=1d&events=div";
        return crumb == null || crumb.isBlank() ? url : url + "&crumb=" + URLEncoder.encode(crumb.trim(),
                StandardCharsets.UTF_8);
    }

    /** True when the source refused without a session (it wants its cookie and crumb first). */
    public boolean wantsCrumb(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        return status == 401 || status == 403;
    }

    public Quote parse(Exchange exchange) throws IOException {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status != 200) {
            throw new QuoteUnavailableException("quote source refused: HTTP " + status);
        }
        String contentType = String.valueOf(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, ""));
        if (!contentType.contains("json")) {
            throw new QuoteUnavailableException("quote source answered " + contentType + " instead of JSON");
        }
        JsonNode result;
        try {
            result = mapper.readTree(exchange.getMessage().getBody(byte[].class)).path("chart").path("result").path(0);
        } catch (JsonProcessingException e) {
            throw new QuoteUnavailableException("quote source answered malformed JSON: " + JsonProblems.describe(e));
        }
        JsonNode meta = result.path("meta");
        if (!meta.path("regularMarketPrice").isNumber()) {
            throw new QuoteUnavailableException("quote source has no current price for this ticker");
        }
        BigDecimal price = meta.path("regularMarketPrice").decimalValue();
        LocalDate asOf = meta.path("regularMarketTime").isNumber()
                ? day(meta.path("regularMarketTime").asLong()) : LocalDate.now(ZoneOffset.UTC);
        int first = firstCloseIndex(result);
        BigDecimal yearAgo = first < 0 ? null : closes(result).get(first).decimalValue();
        JsonNode firstTime = first < 0 ? null : result.path("timestamp").get(first);
        LocalDate yearAgoDate = firstTime != null && firstTime.isNumber() ? day(firstTime.asLong()) : null;
        BigDecimal dividends = yearAgoDate == null ? null : dividendsAfter(result, yearAgoDate, asOf);
        return new Quote(price, yearAgo, yearAgoDate, asOf, meta.path("currency").asText("USD"), dividends);
    }

    private static JsonNode closes(JsonNode result) {
        return result.path("indicators").path("quote").path(0).path("close");
    }

    private static int firstCloseIndex(JsonNode result) {
        JsonNode closes = closes(result);
        for (int i = 0; i < closes.size(); i++) {
            if (closes.get(i).isNumber()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The dividends a holder since {@code yearAgoDate}'s close received: ex-date after that day, up to {@code asOf}.
     * Null when the answer has no dividend events, or one the reader cannot read: the source then said nothing about
     * dividends, which is not the same as none. (Yahoo leaves {@code events} out for a range without dividends.)
     */
    private static BigDecimal dividendsAfter(JsonNode result, LocalDate yearAgoDate, LocalDate asOf) {
        JsonNode events = result.path("events").path("dividends");
        if (!events.isObject()) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode dividend : events) {
            JsonNode amount = dividend.path("amount");
            JsonNode date = dividend.path("date");
            if (!amount.isNumber() || !date.isNumber() || amount.decimalValue().signum() < 0) {
                return null;
            }
            LocalDate exDate = day(date.asLong());
            if (exDate.isAfter(yearAgoDate) && !exDate.isAfter(asOf)) {
                total = total.add(amount.decimalValue());
            }
        }
        return total;
    }

    private static LocalDate day(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC).toLocalDate();
    }
}
