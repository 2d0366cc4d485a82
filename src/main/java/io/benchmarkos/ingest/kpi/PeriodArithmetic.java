package io.benchmarkos.ingest.kpi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Discrete quarters and trailing twelve months for money flows.
 * <p>
 * Q2 = 6M − Q1, Q3 = 9M − 6M, Q4 = FY − 9M, only when both operands exist with the same start date, the same concept
 * and the same unit (where the chain chose different concepts for the two periods, the pair one concept reports for
 * both); otherwise the quarter is "not derivable" and the reason is recorded. A quarter a filing reported
 * on its own wins over a derived one. TTM = FY; else current YTD + last FY − prior-year YTD (the last two with the same
 * concept and start, since they are differenced); else the sum of four discrete quarters. Balances, EPS and share
 * counts are never differenced; TTM EPS exists only as the FY value or as four reported quarters added up.
 */
final class PeriodArithmetic {

    /** The value a given concept reported for a period, when the chain chose another concept for it. */
    @FunctionalInterface
    interface SameConcept {
        Optional<LineItemValue> find(LineItem item, PeriodKey key, String concept);
    }

    private final ItemStore store;
    private final SameConcept sameConcept;

    PeriodArithmetic(ItemStore store, SameConcept sameConcept) {
        this.store = store;
        this.sameConcept = sameConcept;
    }

    /** Derives the missing discrete quarters of every money flow; returns the quarter keys that were derived. */
    Set<PeriodKey> deriveQuarters() {
        Set<PeriodKey> derived = new TreeSet<>();
        for (LineItem item : LineItem.values()) {
            if (item.nature() != LineItem.Nature.FLOW) {
                continue;
            }
            for (int year : fiscalYears(item)) {
                for (int quarter = 2; quarter <= 4; quarter++) {
                    deriveQuarter(item, year, quarter).ifPresent(value -> derived.add(value.period()));
                }
            }
        }
        return derived;
    }

    private Optional<LineItemValue> deriveQuarter(LineItem item, int year, int quarter) {
        PeriodKey key = PeriodKey.quarter(year, quarter);
        if (store.has(item, key)) {
            return Optional.empty();
        }
        if (!item.isDifferenceable()) {
            store.gap(item, key, "not derivable: per-share values and share counts are never differenced");
            return Optional.empty();
        }
        Optional<LineItemValue> toDate = store.get(item, PeriodKey.ytd(year, quarter));
        Optional<LineItemValue> before = store.get(item, PeriodKey.ytd(year, quarter - 1));
        String label = "Q" + quarter + " = " + ytdLabel(quarter) + " − " + ytdLabel(quarter - 1);
        if (toDate.isPresent() && before.isPresent() && !toDate.get().isDerived() && !before.get().isDerived()
                && !toDate.get().concept().equals(before.get().concept())) {
            // The chain chose different tags for the two periods (NVIDIA's FY2020 D&A comes from a later 10-K's
            // DepreciationDepletionAndAmortization, its 9M from DepreciationAndAmortization): difference the pair
            // one tag gives both periods, the first operand's tag first.
            Optional<LineItemValue> earlierAsLater = sameConcept.find(item, before.get().period(),
                    toDate.get().concept());
            Optional<LineItemValue> laterAsEarlier = sameConcept.find(item, toDate.get().period(),
                    before.get().concept());
            if (earlierAsLater.isPresent()) {
                before = earlierAsLater;
            } else if (laterAsEarlier.isPresent()) {
                toDate = laterAsEarlier;
            }
        }
        Optional<String> problem = differenceProblem(toDate, before, label);
        if (problem.isPresent()) {
            store.gap(item, key, problem.get());
            return Optional.empty();
        }
        LineItemValue value = LineItemValue.derived(item.id(), key, before.get().end().plusDays(1), toDate.get().end(),
                toDate.get().value().subtract(before.get().value()), toDate.get().unit(), label,
                List.of(toDate.get(), before.get()));
        store.put(value);
        return Optional.of(value);
    }

    private static String ytdLabel(int quarter) {
        return switch (quarter) {
            case 1 -> "Q1";
            case 4 -> "FY";
            default -> (quarter * 3) + "M YTD";
        };
    }

    private static Optional<String> differenceProblem(Optional<LineItemValue> minuend,
                                                      Optional<LineItemValue> subtrahend, String label) {
        if (minuend.isEmpty() || subtrahend.isEmpty()) {
            return Optional.of("not derivable (" + label + "): " + (minuend.isEmpty() ? "first" : "second")
                    + " operand missing");
        }
        LineItemValue a = minuend.get();
        LineItemValue b = subtrahend.get();
        if (!Objects.equals(a.start(), b.start())) {
            return Optional.of("not derivable (" + label + "): operands start on different dates " + a.start()
                    + " and " + b.start());
        }
        if (!identity(a).equals(identity(b))) {
            return Optional.of("not derivable (" + label + "): different concepts " + identity(a) + " and "
                    + identity(b));
        }
        if (!a.unit().equals(b.unit())) {
            return Optional.of("not derivable (" + label + "): different units " + a.unit() + " and " + b.unit());
        }
        return Optional.empty();
    }

    /** What a value measures: the concept, or for a derived value its rule and the concepts it came from. */
    static String identity(LineItemValue value) {
        if (!value.isDerived()) {
            return value.concept();
        }
        return value.derivation() + value.derivedFrom().stream().map(PeriodArithmetic::identity)
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** TTM through every quarter end a flow item has data for; returns the TTM keys computed. */
    Set<PeriodKey> deriveTtm() {
        Set<PeriodKey> keys = new TreeSet<>();
        for (LineItem item : LineItem.values()) {
            if (item.nature() != LineItem.Nature.FLOW || item.measure() == LineItem.Measure.SHARES) {
                continue;
            }
            for (PeriodKey end : quarterEnds(item)) {
                PeriodKey key = PeriodKey.ttm(end.fiscalYear(), end.quarter());
                ttm(item, key).ifPresentOrElse(value -> {
                    store.put(value);
                    keys.add(key);
                }, () -> store.gap(item, key, ttmGapReason(item)));
            }
        }
        return keys;
    }

    private static String ttmGapReason(LineItem item) {
        return item.isDifferenceable()
                ? "TTM not derivable: no FY, no matching YTD pair and no four discrete quarters"
                : "TTM not derivable: EPS is never differenced and four reported quarters are not all available";
    }

    private Optional<LineItemValue> ttm(LineItem item, PeriodKey key) {
        int year = key.fiscalYear();
        int quarter = key.quarter();
        Optional<LineItemValue> annual = store.get(item, PeriodKey.fy(year));
        if (quarter == 4 && annual.isPresent()) {
            LineItemValue fy = annual.get();
            return Optional.of(LineItemValue.derived(item.id(), key, fy.start(), fy.end(), fy.value(), fy.unit(),
                    "TTM = FY", List.of(fy)));
        }
        Optional<LineItemValue> rolled = item.isDifferenceable() ? rollForward(item, key) : Optional.empty();
        return rolled.isPresent() ? rolled : sumOfQuarters(item, key);
    }

    private Optional<LineItemValue> rollForward(LineItem item, PeriodKey key) {
        if (key.quarter() == 4) {
            return Optional.empty();
        }
        Optional<LineItemValue> current = store.get(item, PeriodKey.ytd(key.fiscalYear(), key.quarter()));
        Optional<LineItemValue> lastYear = store.get(item, PeriodKey.fy(key.fiscalYear() - 1));
        Optional<LineItemValue> priorYtd = store.get(item, PeriodKey.ytd(key.fiscalYear() - 1, key.quarter()));
        if (current.isEmpty() || differenceProblem(lastYear, priorYtd, "FY − prior YTD").isPresent()
                || !current.get().unit().equals(lastYear.get().unit())) {
            return Optional.empty();
        }
        BigDecimal value = current.get().value().add(lastYear.get().value()).subtract(priorYtd.get().value());
        return Optional.of(LineItemValue.derived(item.id(), key, priorYtd.get().end().plusDays(1),
                current.get().end(), value, current.get().unit(), "TTM = YTD + last FY − prior-year YTD",
                List.of(current.get(), lastYear.get(), priorYtd.get())));
    }

    private Optional<LineItemValue> sumOfQuarters(LineItem item, PeriodKey key) {
        List<LineItemValue> quarters = new ArrayList<>();
        int year = key.fiscalYear();
        int quarter = key.quarter();
        for (int i = 0; i < 4; i++) {
            Optional<LineItemValue> q = store.get(item, PeriodKey.quarter(year, quarter));
            if (q.isEmpty() || (!item.isDifferenceable() && q.get().isDerived())) {
                return Optional.empty();
            }
            quarters.add(0, q.get());
            quarter--;
            if (quarter == 0) {
                quarter = 4;
                year--;
            }
        }
        String unit = quarters.get(0).unit();
        if (quarters.stream().anyMatch(q -> !q.unit().equals(unit))) {
            return Optional.empty();
        }
        BigDecimal sum = quarters.stream().map(LineItemValue::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Optional.of(LineItemValue.derived(item.id(), key, quarters.get(0).start(), quarters.get(3).end(), sum,
                unit, "TTM = sum of four discrete quarters", quarters));
    }

    private Set<Integer> fiscalYears(LineItem item) {
        return store.series(item).keySet().stream()
                .filter(k -> k.kind() == PeriodKind.FY || k.kind() == PeriodKind.YTD)
                .map(PeriodKey::fiscalYear).collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<PeriodKey> quarterEnds(LineItem item) {
        return store.series(item).keySet().stream()
                .filter(k -> k.kind() != PeriodKind.TTM)
                .map(k -> PeriodKey.quarter(k.fiscalYear(), k.quarter()))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
