package io.benchmarkos.ingest.kpi;

import io.benchmarkos.ingest.facts.ReportedFact;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stock splits from {@code us-gaap:StockholdersEquityNoteStockSplitConversionRatio1}, used to put per-share values and
 * share counts on today's basis.
 * <p>
 * Filers report one split several times with different dates (approval, record and effective dates, or as a
 * one-month duration): entries with the same ratio within {@link #SAME_SPLIT_DAYS} are one split, effective on the
 * latest of those dates. (Alphabet tags its 2022 20-for-1 split on 2022-02-01, the approval, and 2022-07-15, the
 * effective date; its 10-Q filed 2022-04-27 still reports pre-split EPS.)
 * <p>
 * Limitation: a split that is not tagged with this concept is not detected (no inference from jumps in EPS or share
 * counts, so a ×1000 jump of a thousands-scale filing can never be mistaken for a split); a filing made between a
 * split's approval and effective dates is assumed to be on the old basis; a reverse split tagged as a ratio above 1
 * is taken as a forward split.
 */
public final class SplitHistory {

    static final String RATIO_CONCEPT = "StockholdersEquityNoteStockSplitConversionRatio1";
    private static final long SAME_SPLIT_DAYS = 200;

    private final List<StockSplit> splits;

    SplitHistory(List<StockSplit> splits) {
        this.splits = List.copyOf(splits);
    }

    public static SplitHistory from(List<ReportedFact> facts) {
        List<ReportedFact> ratios = facts.stream()
                .filter(f -> LineItem.US_GAAP.equals(f.taxonomy()) && RATIO_CONCEPT.equals(f.concept()))
                .filter(f -> f.value().signum() > 0 && f.value().compareTo(BigDecimal.ONE) != 0)
                .sorted(Comparator.comparing(ReportedFact::end))
                .toList();
        List<StockSplit> splits = new ArrayList<>();
        for (ReportedFact ratio : ratios) {
            StockSplit last = splits.isEmpty() ? null : splits.get(splits.size() - 1);
            boolean sameSplit = last != null && last.ratio().compareTo(ratio.value()) == 0
                    && ChronoUnit.DAYS.between(last.effective(), ratio.end()) <= SAME_SPLIT_DAYS;
            if (sameSplit) {
                splits.set(splits.size() - 1, new StockSplit(ratio.end(), last.ratio(), last.source()));
            } else {
                splits.add(new StockSplit(ratio.end(), ratio.value(), new Provenance(ratio.taxonomy(),
                        ratio.concept(), ratio.accession(), ratio.form(), ratio.filed())));
            }
        }
        return new SplitHistory(splits);
    }

    public List<StockSplit> splits() {
        return splits;
    }

    /** Product of the ratios of splits that took effect after {@code filed}: 1 when the filing is on today's basis. */
    public BigDecimal factorAfter(LocalDate filed) {
        BigDecimal factor = BigDecimal.ONE;
        for (StockSplit split : splits) {
            if (split.effective().isAfter(filed)) {
                factor = factor.multiply(split.ratio());
            }
        }
        return factor;
    }

    /** A per-share value or share count on today's basis. */
    BigDecimal adjust(BigDecimal asFiled, LineItem.Measure measure, LocalDate filed) {
        BigDecimal factor = factorAfter(filed);
        if (factor.compareTo(BigDecimal.ONE) == 0 || measure == LineItem.Measure.MONEY) {
            return asFiled;
        }
        return measure == LineItem.Measure.SHARES ? asFiled.multiply(factor)
                : asFiled.divide(factor, MathContext.DECIMAL64);
    }

    /** How {@link #adjust} changed a value, or null when it did not (money is never adjusted). */
    String describe(LocalDate filed, LineItem.Measure measure) {
        BigDecimal factor = factorAfter(filed);
        return factor.compareTo(BigDecimal.ONE) == 0 || measure == LineItem.Measure.MONEY ? null
                : "split-adjusted ×" + factor.stripTrailingZeros().toPlainString() + " (splits after " + filed + ")";
    }
}
