package io.benchmarkos.ingest.kpi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Share counts that a filing reported in thousands (546,639 next to 546,639,000 for the same period, as NVIDIA's
 * 2009–2011 filings and an Apple 2013 filing did). Such a value is exactly 1/1000 of what another filing reported for
 * the same concept and dates after split adjustment; it is put on the full scale and the as-filed value is kept.
 * <p>
 * Limitation: a thousands-scale share count that no other filing repeats for the same period is not detected.
 */
final class ShareScale {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private ShareScale() {
    }

    static List<ReportedValue> normalise(List<ReportedValue> history) {
        List<ReportedValue> result = new ArrayList<>(history.size());
        for (ReportedValue candidate : history) {
            BigDecimal scaledUp = candidate.adjusted().multiply(THOUSAND);
            boolean thousands = history.stream().anyMatch(other -> other.adjusted().compareTo(scaledUp) == 0);
            result.add(thousands ? candidate.withAdjusted(scaledUp, "reported in thousands: ×1000 (not a split)")
                    : candidate);
        }
        return result;
    }
}
