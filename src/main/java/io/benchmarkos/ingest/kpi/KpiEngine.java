package io.benchmarkos.ingest.kpi;

import io.benchmarkos.ingest.facts.ReportedFact;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Entry point: SEC companyfacts entries in, line items and KPIs per fiscal year and TTM out. Pure and stateless.
 * <p>
 * Steps: classify each fact's own dates on the fiscal calendar; resolve each line item's chain per period; swap in
 * cover-page share counts; derive fallback items; derive discrete quarters and TTM; compute KPIs.
 * <p>
 * Limitation: market KPIs are computed for the current TTM row only (the quote is today's price); a split that took
 * effect after the latest filing is unknown, so the quote must be on the basis of the latest filing.
 * Limitation: a company that reports money in two currencies in different periods gets KPIs only where the inputs
 * share one currency (never converted).
 */
public final class KpiEngine {

    /** Flows whose latest period defines the current TTM window. */
    private static final List<LineItem> TTM_ANCHORS = List.of(LineItem.REVENUE, LineItem.NET_INCOME,
            LineItem.OPERATING_CASH_FLOW);

    private KpiEngine() {
    }

    /**
     * Every {@code taxonomy:concept} the engine reads: the line-item chains, the cover-page share count and the split
     * ratio. Facts of other concepts never change a result, so callers may load only these.
     */
    public static Set<String> conceptsUsed() {
        Set<String> concepts = new java.util.HashSet<>();
        for (LineItem item : LineItem.values()) {
            concepts.addAll(item.chain());
        }
        concepts.add(SharesOutstanding.COVER_CONCEPT);
        concepts.add(LineItem.US_GAAP + ':' + SplitHistory.RATIO_CONCEPT);
        return concepts;
    }

    /**
     * @param fiscalYearEnd submissions {@code fiscalYearEnd}, "MMDD"
     * @param quote         current price for the market KPIs; empty makes them unavailable with the reason
     */
    public static CompanyMetrics compute(List<ReportedFact> facts, String fiscalYearEnd, Optional<Quote> quote) {
        return compute(facts, fiscalYearEnd, quote, "no quote source answered");
    }

    /**
     * @param noQuoteReason why there is no quote (e.g. "quote source refused: HTTP 401"), shown on market KPIs
     */
    public static CompanyMetrics compute(List<ReportedFact> facts, String fiscalYearEnd, Optional<Quote> quote,
                                         String noQuoteReason) {
        FiscalCalendar calendar = new FiscalCalendar(fiscalYearEnd);
        SplitHistory splits = SplitHistory.from(facts);
        LineItemResolver resolver = new LineItemResolver(facts, calendar, splits);
        ItemStore store = new ItemStore(resolver.resolveAll());
        SharesOutstanding shares = SharesOutstanding.from(facts, calendar, splits);
        shares.applyTo(store);

        DerivedItems derived = new DerivedItems(store);
        PeriodArithmetic arithmetic = new PeriodArithmetic(store, resolver::resolveAs);
        // Quarters differenced from the items' own concepts first: a total beats a slice, so NVIDIA's Q2 D&A is
        // D&A 6M − Q1, not the intangibles amortization that is all it tags for three months.
        arithmetic.deriveQuarters();
        derived.applyTo(store.allPeriods());
        // Fallback items filled in above can now be differenced and rolled into TTM windows too.
        arithmetic.deriveQuarters();
        Set<PeriodKey> ttmKeys = arithmetic.deriveTtm();
        derived.applyTo(ttmKeys);

        Optional<PeriodKey> currentTtm = currentTtm(store);
        KpiCalculator calculator = new KpiCalculator(store, shares, quote, currentTtm, noQuoteReason);
        NavigableMap<PeriodKey, Map<String, KpiValue>> kpis = new TreeMap<>();
        for (PeriodKey year : fiscalYears(store)) {
            kpis.put(year, calculator.compute(year));
        }
        currentTtm.ifPresent(key -> kpis.put(key, calculator.compute(key)));
        return new CompanyMetrics(resolver.reportingCurrency(), store, kpis, currentTtm, splits.splits());
    }

    /** Same as {@link #compute(List, String, Optional)} with the price from a quote source. */
    public static CompanyMetrics compute(List<ReportedFact> facts, String fiscalYearEnd, long cik, QuoteSource quotes) {
        return compute(facts, fiscalYearEnd, quotes.quoteFor(cik));
    }

    private static Set<PeriodKey> fiscalYears(ItemStore store) {
        Set<PeriodKey> years = new TreeSet<>();
        for (LineItem item : LineItem.values()) {
            if (!item.isComponent()) {
                store.series(item).keySet().stream().filter(k -> k.kind() == PeriodKind.FY).forEach(years::add);
            }
        }
        return years;
    }

    /** TTM through the latest quarter end the income statement or cash-flow statement reaches. */
    private static Optional<PeriodKey> currentTtm(ItemStore store) {
        return TTM_ANCHORS.stream()
                .flatMap(item -> store.series(item).keySet().stream())
                .filter(k -> k.kind() != PeriodKind.TTM)
                .max(Comparator.comparingInt(PeriodKey::fiscalYear).thenComparingInt(PeriodKey::quarter))
                .map(k -> PeriodKey.ttm(k.fiscalYear(), k.quarter()));
    }
}
