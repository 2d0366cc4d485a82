package io.benchmarkos.ingest.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One value a filing reported for a line item's period, kept as history next to the chosen value.
 *
 * @param asFiled  the number exactly as SEC gives it
 * @param adjusted the number on today's basis (splits after the filing; a thousands-scale share count ×1000);
 *                 equal to {@code asFiled} for money
 * @param note     why {@code adjusted} differs from {@code asFiled}, or null
 */
public record ReportedValue(BigDecimal asFiled, BigDecimal adjusted, String unit, LocalDate start, LocalDate end,
                            Provenance source, String note) {

    public ReportedValue withAdjusted(BigDecimal newAdjusted, String newNote) {
        return new ReportedValue(asFiled, newAdjusted, unit, start, end, source, newNote);
    }
}
