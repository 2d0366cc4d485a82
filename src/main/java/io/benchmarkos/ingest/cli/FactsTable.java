package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/**
 * Renders the facts API's rows as a fixed-width table: what was reported for which period, the filing that reported
 * it first, and how many later filings repeated it (--json names them).
 */
final class FactsTable {

    /** The concept last and whole: it is what --concept takes, and some are over a hundred characters long. */
    private static final String ROW = "%-22s %22s  %-11s %-7s %-20s %-10s %5s  %s%n";

    private FactsTable() {
    }

    /** {@code rows} is one page of {@code limit} rows starting at {@code offset}; a full page says how to go on. */
    static String render(JsonNode rows, int limit, long offset) {
        if (rows.isEmpty()) {
            return offset == 0 ? "no stored facts match\n" : "no more facts (offset " + offset + ")\n";
        }
        StringBuilder out = new StringBuilder(String.format(ROW, "period", "value", "unit", "form", "accession",
                "filed", "later", "concept"));
        for (JsonNode row : rows) {
            out.append(String.format(ROW, period(row), value(row.path("val").asText()), row.path("unit").asText(),
                    row.path("form").asText(), row.path("accession").asText(), row.path("filed").asText(),
                    row.path("repeated_in").size(),
                    row.path("taxonomy").asText() + ":" + row.path("concept").asText()));
        }
        if (rows.size() == limit) {
            out.append("more: --offset ").append(offset + limit).append('\n');
        }
        return out.toString();
    }

    /** A duration as start..end; an instant (a balance, a share count) as its date. */
    private static String period(JsonNode row) {
        String end = row.path("period_end").asText();
        return row.hasNonNull("period_start") ? row.path("period_start").asText() + ".." + end : "at " + end;
    }

    /** Whole amounts grouped by thousands, as the metrics table prints them; other values as stored. */
    private static String value(String text) {
        BigDecimal value = new BigDecimal(text).stripTrailingZeros();
        return value.scale() <= 0 ? String.format("%,d", value.toBigIntegerExact()) : value.toPlainString();
    }
}
