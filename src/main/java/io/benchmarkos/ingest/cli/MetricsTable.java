package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Renders an ask answer's metrics as a fixed-width table: value, period, and the filing behind it. */
final class MetricsTable {

    private MetricsTable() {
    }

    static String render(JsonNode metrics) {
        StringBuilder out = new StringBuilder(String.format("%-26s %-7s %22s %-11s %s%n", "metric", "period", "value",
                "unit", "source"));
        for (JsonNode m : metrics) {
            out.append(String.format("%-26s %-7s %22s %-11s %s%n", m.path("name").asText(), m.path("period").asText(),
                    value(m), m.path("unit").asText(""), source(m)));
        }
        return out.toString();
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
