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
     * Total debt = long-term debt (noncurrent + current portion; else the long-term debt total, which includes its
     * current portion; else the current portion alone) + short-term borrowings + commercial paper, those tagged for
     * the period. A component tagged as zero does not stand for the others: Apple's FY2013 balance sheet tags
     * commercial paper 0 and its $17 bn of notes only as LongTermDebt. Always marked derived.
     * Limitation: finance-lease liabilities and convertible notes tagged on their own are not added.
     */
    private void totalDebt(PeriodKey key) {
        if (store.has(LineItem.TOTAL_DEBT, key)) {
            return;
        }
        List<LineItemValue> parts = present(key, LineItem.LONG_TERM_DEBT_NONCURRENT, LineItem.LONG_TERM_DEBT_CURRENT);
        String how = "long-term debt noncurrent + current";
        if (!store.has(LineItem.LONG_TERM_DEBT_NONCURRENT, key) && store.has(LineItem.LONG_TERM_DEBT, key)) {
            parts = present(key, LineItem.LONG_TERM_DEBT);
            how = "long_term_debt (with its current portion)";
        }
        parts.addAll(present(key, LineItem.SHORT_TERM_BORROWINGS, LineItem.COMMERCIAL_PAPER));
        sum(LineItem.TOTAL_DEBT, key, parts, how + " + short-term borrowings + commercial paper, those tagged");
    }

    /**
     * D&A falls back to depreciation + amortization of intangibles, marked derived. Depreciation must be among them:
     * amortization of intangibles alone is a small slice of D&A, and an EBITDA built on it would be understated.
     */
    private void depreciationAmortization(PeriodKey key) {
        if (store.has(LineItem.DEPRECIATION_AMORTIZATION, key)) {
            return;
        }
        if (!store.has(LineItem.DEPRECIATION, key)) {
            if (store.has(LineItem.AMORTIZATION, key)) {
                String slice = "only amortization of intangibles is tagged: a slice of D&A, not D&A";
                store.gap(LineItem.DEPRECIATION_AMORTIZATION, key, store.gapReason(LineItem.DEPRECIATION_AMORTIZATION,
                        key).map(reason -> reason + "; " + slice).orElse(slice));
            }
            return;
        }
        List<LineItemValue> parts = present(key, LineItem.DEPRECIATION, LineItem.AMORTIZATION);
        sum(LineItem.DEPRECIATION_AMORTIZATION, key, parts, "depreciation + amortization of intangibles (if tagged)");
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
