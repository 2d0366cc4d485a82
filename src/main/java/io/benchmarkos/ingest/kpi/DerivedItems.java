package io.benchmarkos.ingest.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Line items that KPIS.md derives when no concept answers: gross profit, total liabilities, total debt (always a sum)
 * and D&A. Applied per period, so they work for reported, discrete-quarter and TTM periods alike. Operands must share
 * one unit; a missing operand leaves the item missing (never zero).
 */
final class DerivedItems {

    private final ItemStore store;

    DerivedItems(ItemStore store) {
        this.store = store;
    }

    void applyTo(Iterable<PeriodKey> periods) {
        for (PeriodKey key : periods) {
            grossProfit(key);
            totalLiabilities(key);
            totalDebt(key);
            depreciationAmortization(key);
        }
    }

    private void grossProfit(PeriodKey key) {
        if (store.has(LineItem.GROSS_PROFIT, key)) {
            return;
        }
        difference(LineItem.GROSS_PROFIT, key, LineItem.REVENUE, LineItem.COST_OF_REVENUE,
                "revenue − cost_of_revenue");
    }

    /**
     * Liabilities = liabilities and equity − total equity. Total equity includes non-controlling interests (they are
     * equity, not liabilities) and falls back to stockholders' equity when the company has none tagged.
     * Limitation: temporary (mezzanine) equity ends up in liabilities.
     */
    private void totalLiabilities(PeriodKey key) {
        if (store.has(LineItem.TOTAL_LIABILITIES, key)) {
            return;
        }
        difference(LineItem.TOTAL_LIABILITIES, key, LineItem.LIABILITIES_AND_EQUITY, LineItem.TOTAL_EQUITY,
                "liabilities_and_equity − total_equity");
    }

    /**
     * Total debt = long-term debt noncurrent + current + short-term borrowings + commercial paper, those present
     * (each resolved for the period); when none is present, the long-term debt total. Always marked derived.
     * Limitation: finance-lease liabilities are not added; a filer that tags only some components is understated.
     */
    private void totalDebt(PeriodKey key) {
        if (store.has(LineItem.TOTAL_DEBT, key)) {
            return;
        }
        List<LineItemValue> parts = present(key, LineItem.LONG_TERM_DEBT_NONCURRENT, LineItem.LONG_TERM_DEBT_CURRENT,
                LineItem.SHORT_TERM_BORROWINGS, LineItem.COMMERCIAL_PAPER);
        String how = "sum of debt components present";
        if (parts.isEmpty()) {
            parts = present(key, LineItem.LONG_TERM_DEBT);
            how = "long_term_debt (no current/noncurrent components tagged)";
        }
        sum(LineItem.TOTAL_DEBT, key, parts, how);
    }

    /** D&A falls back to depreciation + amortization of intangibles, those tagged, marked derived. */
    private void depreciationAmortization(PeriodKey key) {
        if (store.has(LineItem.DEPRECIATION_AMORTIZATION, key)) {
            return;
        }
        List<LineItemValue> parts = present(key, LineItem.DEPRECIATION, LineItem.AMORTIZATION);
        sum(LineItem.DEPRECIATION_AMORTIZATION, key, parts, "depreciation + amortization (those tagged)");
    }

    private List<LineItemValue> present(PeriodKey key, LineItem... items) {
        List<LineItemValue> parts = new ArrayList<>();
        for (LineItem item : items) {
            store.get(item, key).ifPresent(parts::add);
        }
        return parts;
    }

    private void sum(LineItem target, PeriodKey key, List<LineItemValue> parts, String how) {
        if (parts.isEmpty()) {
            return;
        }
        String unit = parts.get(0).unit();
        if (parts.stream().anyMatch(p -> !p.unit().equals(unit))) {
            store.gap(target, key, "components in different units: " + how);
            return;
        }
        BigDecimal total = parts.stream().map(LineItemValue::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        LineItemValue first = parts.get(0);
        store.put(LineItemValue.derived(target.id(), key, first.start(), latestEnd(parts), total, unit, how, parts));
    }

    private void difference(LineItem target, PeriodKey key, LineItem minuend, LineItem subtrahend, String how) {
        Optional<LineItemValue> left = store.get(minuend, key);
        Optional<LineItemValue> right = store.get(subtrahend, key);
        if (left.isEmpty() || right.isEmpty()) {
            return;
        }
        if (!left.get().unit().equals(right.get().unit())) {
            store.gap(target, key, "operands in different units: " + how);
            return;
        }
        store.put(LineItemValue.derived(target.id(), key, left.get().start(), left.get().end(),
                left.get().value().subtract(right.get().value()), left.get().unit(), how,
                List.of(left.get(), right.get())));
    }

    private static LocalDate latestEnd(List<LineItemValue> parts) {
        return parts.stream().map(LineItemValue::end).max(LocalDate::compareTo).orElseThrow();
    }
}
