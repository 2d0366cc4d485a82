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
 * Reads prices from a Yahoo-style chart endpoint ({@code /v8/finance/chart/TICKER?range=1y&interval=1d}):
 * the current price is {@code meta.regularMarketPrice}, the price a year ago the first close of the range.
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
                + "?range=1y&interval=1d";
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
        BigDecimal yearAgo = firstClose(result);
        LocalDate asOf = meta.path("regularMarketTime").isNumber()
                ? Instant.ofEpochSecond(meta.path("regularMarketTime").asLong()).atZone(ZoneOffset.UTC).toLocalDate()
                : LocalDate.now(ZoneOffset.UTC);
        return new Quote(price, yearAgo, asOf, meta.path("currency").asText("USD"));
    }

    private static BigDecimal firstClose(JsonNode result) {
        JsonNode closes = result.path("indicators").path("quote").path(0).path("close");
        for (JsonNode close : closes) {
            if (close.isNumber()) {
                return close.decimalValue();
            }
        }
        return null;
    }
}
