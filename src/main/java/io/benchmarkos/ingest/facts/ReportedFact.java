package io.benchmarkos.ingest.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One entry of a companyfacts document: a value a filing reported for a concept, unit and period.
 * <p>
 * Identity is (taxonomy, concept, unit, start, end, accession); {@code fy}, {@code fp} and {@code frame}
 * describe the filing and are re-labelled by SEC over time, so they are attributes only.
 *
 * @param start null for instants (balances, share counts)
 */
public record ReportedFact(
        String taxonomy,
        String concept,
        String unit,
        LocalDate start,
        LocalDate end,
        BigDecimal value,
        String accession,
        Integer fiscalYear,
        String fiscalPeriod,
        String form,
        LocalDate filed,
        String frame) {

    public boolean isInstant() {
        return start == null;
    }
}
