package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Renders an ask answer's metrics as a fixed-width table: value, period, and the filing behind it. */
final class MetricsTable {

    private static final String ROW = "%-26s %-13s %22s %-11s %s%n";

    private MetricsTable() {
    }

    static String render(JsonNode metrics) {
        StringBuilder out = new StringBuilder(String.format(ROW, "metric", "period", "value", "unit", "source"));
        for (JsonNode m : metrics) {
            out.append(String.format(ROW, m.path("name").asText(), period(m), value(m), m.path("unit").asText(""),
                    source(m)));
        }
        return out.toString();
    }

    /**
     * A balance (assets, equity…) has no start date: in the TTM row it is the latest balance sheet's, not a sum
     * over twelve months, so the table shows its date instead of "TTM".
     */
    private static String period(JsonNode m) {
        String period = m.path("period").asText();
        boolean pointInTime = m.path("periodStart").isNull() || m.path("periodStart").isMissingNode();
        return "TTM".equals(period) && pointInTime && m.hasNonNull("periodEnd")
                ? "at " + m.path("periodEnd").asText() : period;
    }

    private static String value(JsonNode m) {
        if (!"available".equals(m.path("status").asText())) {
            return m.path("status").asText();
        }
        BigDecimal v = new BigDecimal(m.path("value").asText());
        return v.abs().compareTo(new BigDecimal(1000)) >= 0 ? String.format("%,d", v.setScale(0, RoundingMode.HALF_UP)
                .toBigInteger()) : v.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String source(JsonNode m) {
        if (!"available".equals(m.path("status").asText())) {
            return m.path("reason").asText("");
        }
        JsonNode s = m.path("source");
        if (!s.path("accession").isNull() && !s.path("accession").asText().isEmpty()) {
            return s.path("concept").asText() + " " + s.path("form").asText() + " " + s.path("accession").asText()
                    + " filed " + s.path("filed").asText();
        }
        return "derived from " + s.path("derivedFrom").asText("?");
    }
}
