package io.benchmarkos.ingest.kpi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything computed for one company: line items per fiscal period (FY, discrete quarters, YTD, TTM) and KPIs per
 * fiscal year plus the current TTM window. Immutable once built.
 */
public final class CompanyMetrics {

    private final String reportingCurrency;
    private final Map<LineItem, NavigableMap<PeriodKey, LineItemValue>> items;
    private final Map<LineItem, Map<PeriodKey, String>> gaps;
    private final NavigableMap<PeriodKey, Map<String, KpiValue>> kpis;
    private final Optional<PeriodKey> ttm;
    private final List<StockSplit> splits;

    CompanyMetrics(String reportingCurrency, ItemStore store, NavigableMap<PeriodKey, Map<String, KpiValue>> kpis,
                   Optional<PeriodKey> ttm, List<StockSplit> splits) {
        this.reportingCurrency = reportingCurrency;
        this.items = new EnumMap<>(LineItem.class);
        this.gaps = new EnumMap<>(LineItem.class);
        store.values().forEach((item, series) -> items.put(item, Collections.unmodifiableNavigableMap(
                new TreeMap<>(series))));
        store.gaps().forEach((item, reasons) -> gaps.put(item, Map.copyOf(reasons)));
        this.kpis = Collections.unmodifiableNavigableMap(kpis);
        this.ttm = ttm;
        this.splits = List.copyOf(splits);
    }

    /** The currency most of the company's money facts are in. */
    public String reportingCurrency() {
        return reportingCurrency;
    }

    /** Fiscal years with KPIs, oldest first. */
    public List<Integer> fiscalYears() {
        return kpis.keySet().stream().filter(k -> k.kind() == PeriodKind.FY).map(PeriodKey::fiscalYear).toList();
    }

    public Optional<Integer> latestFiscalYear() {
        List<Integer> years = fiscalYears();
        return years.isEmpty() ? Optional.empty() : Optional.of(years.get(years.size() - 1));
    }

    /** The current TTM window (through the latest quarter any income or cash-flow data reaches). */
    public Optional<PeriodKey> ttm() {
        return ttm;
    }

    /**
     * A line item for a period. Balances are looked up at the period's end, so a balance "for" a TTM or FY key is the
     * balance at that window's last day.
     */
    public Optional<LineItemValue> lineItem(String item, PeriodKey period) {
        LineItem lineItem = LineItem.byId(item);
        PeriodKey key = lineItem.nature() == LineItem.Nature.BALANCE ? period.closingBalance() : period;
        return Optional.ofNullable(items.get(lineItem).get(key));
    }

    public Optional<LineItemValue> annual(String item, int fiscalYear) {
        return lineItem(item, PeriodKey.fy(fiscalYear));
    }

    /** Why a line item has no value for a period ("not derivable …"), when the engine knows. */
    public Optional<String> missingReason(String item, PeriodKey period) {
        return Optional.ofNullable(gaps.get(LineItem.byId(item)).get(period));
    }

    /** Every value of a line item, by period. */
    public NavigableMap<PeriodKey, LineItemValue> series(String item) {
        return items.get(LineItem.byId(item));
    }

    /** A KPI for a fiscal year key or the TTM key; unavailable (with reason) when that period was not computed. */
    public KpiValue kpi(String kpi, PeriodKey period) {
        Map<String, KpiValue> row = kpis.get(period);
        if (row == null || !row.containsKey(kpi)) {
            return KpiValue.unavailable(kpi, period, row == null ? "no data for " + period : "unknown KPI " + kpi);
        }
        return row.get(kpi);
    }

    public Map<String, KpiValue> kpis(PeriodKey period) {
        return kpis.getOrDefault(period, Map.of());
    }

    /** Periods with KPIs: each fiscal year and the TTM window. */
    public List<PeriodKey> kpiPeriods() {
        return List.copyOf(kpis.keySet());
    }

    /** Phase-1 KPIs (KPIS.md) for the latest fiscal year, then for the TTM window. */
    public List<KpiValue> phase1() {
        return latestAndTtm(Kpis.PHASE_1);
    }

    /** Phase-2 KPIs (KPIS.md) for the latest fiscal year, then for the TTM window. */
    public List<KpiValue> phase2() {
        return latestAndTtm(Kpis.PHASE_2);
    }

    private List<KpiValue> latestAndTtm(List<String> names) {
        List<KpiValue> values = new ArrayList<>();
        latestFiscalYear().ifPresent(year -> names.forEach(n -> values.add(kpi(n, PeriodKey.fy(year)))));
        ttm.ifPresent(key -> names.forEach(n -> values.add(kpi(n, key))));
        return values;
    }

    public List<StockSplit> splits() {
        return splits;
    }

    /** Line items of KPIS.md (components excluded) for storage. */
    public List<LineItemValue> allLineItems() {
        List<LineItemValue> all = new ArrayList<>();
        items.forEach((item, series) -> {
            if (!item.isComponent()) {
                series.values().stream().filter(v -> v.period().kind() != PeriodKind.TTM
                        || ttm.map(v.period()::equals).orElse(false)).forEach(all::add);
            }
        });
        return all;
    }

    public List<KpiValue> allKpis() {
        return kpis.values().stream().flatMap(row -> row.values().stream()).toList();
    }
}
