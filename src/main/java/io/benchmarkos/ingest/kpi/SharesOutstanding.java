package io.benchmarkos.ingest.kpi;

import io.benchmarkos.ingest.facts.ReportedFact;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Shares outstanding from the cover page: {@code dei:EntityCommonStockSharesOutstanding} summed over the share classes
 * one filing reports for one as-of date. A filing's cover count is filed under the fiscal period of the latest
 * balance sheet the same filing reports; the balance-sheet {@code CommonStockSharesOutstanding} is the fallback.
 */
final class SharesOutstanding {

    private static final String DEI = "dei";
    private static final String CONCEPT = "EntityCommonStockSharesOutstanding";
    static final String COVER_CONCEPT = DEI + ':' + CONCEPT;

    private final List<LineItemValue> coverCounts;

    private SharesOutstanding(List<LineItemValue> coverCounts) {
        this.coverCounts = coverCounts;
    }

    static SharesOutstanding from(List<ReportedFact> facts, FiscalCalendar calendar, SplitHistory splits) {
        Map<String, LocalDate> balanceDateByFiling = latestBalanceDateByFiling(facts, calendar);
        Map<String, List<ReportedFact>> byFilingAndDate = facts.stream()
                .filter(f -> DEI.equals(f.taxonomy()) && CONCEPT.equals(f.concept()) && "shares".equals(f.unit()))
                .collect(Collectors.groupingBy(f -> f.accession() + '|' + f.end()));
        List<LineItemValue> counts = new ArrayList<>();
        for (List<ReportedFact> classes : byFilingAndDate.values()) {
            LocalDate balanceDate = balanceDateByFiling.get(classes.get(0).accession());
            Optional<PeriodKey> period = balanceDate == null ? Optional.empty() : calendar.classify(null, balanceDate);
            period.ifPresent(key -> counts.add(sumOfClasses(classes, key, splits)));
        }
        counts.sort(Comparator.comparing(LineItemValue::end)
                .thenComparing(v -> v.provenance().get(0).filed()));
        return new SharesOutstanding(counts);
    }

    private static LineItemValue sumOfClasses(List<ReportedFact> classes, PeriodKey key, SplitHistory splits) {
        List<LineItemValue> parts = new ArrayList<>();
        for (ReportedFact fact : classes) {
            Provenance source = LineItemResolver.provenance(fact);
            BigDecimal adjusted = splits.adjust(fact.value(), LineItem.Measure.SHARES, fact.filed());
            ReportedValue reported = new ReportedValue(fact.value(), adjusted, fact.unit(), null, fact.end(), source,
                    splits.describe(fact.filed(), LineItem.Measure.SHARES));
            parts.add(new LineItemValue(LineItem.SHARES_OUTSTANDING.id(), key, null, fact.end(), adjusted,
                    fact.value(), fact.unit(), source, reported.note(), List.of(), List.of(reported)));
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        BigDecimal total = parts.stream().map(LineItemValue::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        return LineItemValue.derived(LineItem.SHARES_OUTSTANDING.id(), key, null, parts.get(0).end(), total, "shares",
                "sum over " + parts.size() + " share classes of one filing", parts);
    }

    /** The latest balance-sheet date each filing reports (a cover count belongs to that period). */
    private static Map<String, LocalDate> latestBalanceDateByFiling(List<ReportedFact> facts, FiscalCalendar calendar) {
        Map<String, LocalDate> latest = new HashMap<>();
        for (ReportedFact fact : facts) {
            if (fact.isInstant() && !DEI.equals(fact.taxonomy()) && !fact.end().isAfter(fact.filed())
                    && calendar.classify(null, fact.end()).isPresent()) {
                latest.merge(fact.accession(), fact.end(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return latest;
    }

    /** Puts each period's cover count (latest periodic filing) in place of the balance-sheet fallback. */
    void applyTo(ItemStore store) {
        Map<PeriodKey, LineItemValue> best = new HashMap<>();
        for (LineItemValue count : coverCounts) {
            if (Forms.isPeriodic(count.provenance().get(0).form())) {
                best.merge(count.period(), count, (a, b) -> filed(b).isAfter(filed(a)) ? b : a);
            }
        }
        best.values().forEach(store::put);
    }

    /** The latest cover count as of a date: all classes of one filing, one as-of date. */
    Optional<LineItemValue> latestAsOf(LocalDate date) {
        return coverCounts.stream().filter(c -> !c.end().isAfter(date) && !filed(c).isAfter(date))
                .max(Comparator.comparing(LineItemValue::end).thenComparing(SharesOutstanding::filed));
    }

    private static LocalDate filed(LineItemValue value) {
        return value.provenance().get(0).filed();
    }
}
