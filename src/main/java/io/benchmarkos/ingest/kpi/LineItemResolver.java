package io.benchmarkos.ingest.kpi;

import io.benchmarkos.ingest.facts.ReportedFact;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Picks one reported value per (line item, fiscal period) from the facts.
 * <p>
 * Per period: the first concept of the chain that a periodic report (10-K, 10-Q, 20-F, 40-F, 6-K and /A) gives the
 * period wins; only when no periodic report has the item anywhere in the chain do other forms answer. Within that
 * concept the company's reporting currency is preferred (units are never mixed) and the latest filing wins
 * ("as restated"); the value cites the filing that first reported it, when later filings only repeated it. Every
 * filing of the same concept, unit and dates is kept as history.
 */
final class LineItemResolver {

    private static final Comparator<ReportedFact> LATEST_FILED = Comparator.comparing(ReportedFact::filed)
            .thenComparing(ReportedFact::accession);

    /** Built once: the line items' chains are constants. */
    private static final Map<String, Map<String, String>> WANTED = wantedConcepts();
    private static final Set<String> MONEY_CONCEPTS = moneyConcepts();

    private final FiscalCalendar calendar;
    private final SplitHistory splits;
    /** taxonomy:concept → period → facts. */
    private final Map<String, Map<PeriodKey, List<ReportedFact>>> byConcept = new HashMap<>();
    private final String reportingCurrency;

    LineItemResolver(List<ReportedFact> facts, FiscalCalendar calendar, SplitHistory splits) {
        this.calendar = calendar;
        this.splits = splits;
        Map<String, Long> moneyFactsByUnit = new HashMap<>();
        for (ReportedFact fact : facts) {
            String concept = WANTED.getOrDefault(fact.taxonomy(), Map.of()).get(fact.concept());
            if (concept == null) {
                continue;
            }
            if (MONEY_CONCEPTS.contains(concept)) {
                moneyFactsByUnit.merge(fact.unit(), 1L, Long::sum);
            }
            calendar.classify(fact.start(), fact.end()).ifPresent(key -> byConcept
                    .computeIfAbsent(concept, c -> new HashMap<>())
                    .computeIfAbsent(key, k -> new ArrayList<>()).add(fact));
        }
        this.reportingCurrency = moneyFactsByUnit.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).orElse("USD");
    }

    /** The chains' concepts as taxonomy → concept → "taxonomy:concept", found without building a key per fact. */
    private static Map<String, Map<String, String>> wantedConcepts() {
        Map<String, Map<String, String>> wanted = new HashMap<>();
        for (LineItem item : LineItem.values()) {
            for (String concept : item.chain()) {
                int colon = concept.indexOf(':');
                wanted.computeIfAbsent(concept.substring(0, colon), t -> new HashMap<>())
                        .put(concept.substring(colon + 1), concept);
            }
        }
        return wanted;
    }

    private static Set<String> moneyConcepts() {
        Set<String> money = new HashSet<>();
        for (LineItem item : LineItem.values()) {
            if (item.measure() == LineItem.Measure.MONEY) {
                money.addAll(item.chain());
            }
        }
        return money;
    }

    /** The currency most money facts of the chains are in: preferred when a concept was reported in two. */
    String reportingCurrency() {
        return reportingCurrency;
    }

    Map<LineItem, Map<PeriodKey, LineItemValue>> resolveAll() {
        Map<LineItem, Map<PeriodKey, LineItemValue>> resolved = new EnumMap<>(LineItem.class);
        for (LineItem item : LineItem.values()) {
            Map<PeriodKey, LineItemValue> series = new TreeMap<>();
            for (PeriodKey key : periodsOf(item)) {
                resolve(item, key).ifPresent(value -> series.put(key, value));
            }
            resolved.put(item, series);
        }
        return resolved;
    }

    private Set<PeriodKey> periodsOf(LineItem item) {
        Set<PeriodKey> keys = new HashSet<>();
        for (String concept : item.chain()) {
            keys.addAll(byConcept.getOrDefault(concept, Map.of()).keySet());
        }
        return keys;
    }

    Optional<LineItemValue> resolve(LineItem item, PeriodKey key) {
        Optional<LineItemValue> periodic = resolve(item, key, fact -> Forms.isPeriodic(fact.form()));
        return periodic.isPresent() ? periodic : resolve(item, key, fact -> true);
    }

    /**
     * The value one concept of the item's chain gives the period in periodic reports, the latest filing winning,
     * whichever concept the chain chose for it.
     */
    Optional<LineItemValue> resolveAs(LineItem item, PeriodKey key, String concept) {
        List<ReportedFact> candidates = byConcept.getOrDefault(concept, Map.of()).getOrDefault(key, List.of())
                .stream().filter(fact -> Forms.isPeriodic(fact.form())).toList();
        if (candidates.isEmpty() || item.isSlice(concept.substring(concept.indexOf(':') + 1))) {
            return Optional.empty();
        }
        return Optional.of(toValue(item, key, pickWinner(item, candidates)));
    }

    private Optional<LineItemValue> resolve(LineItem item, PeriodKey key, Predicate<ReportedFact> formFilter) {
        for (String concept : item.chain()) {
            List<ReportedFact> candidates = byConcept.getOrDefault(concept, Map.of()).getOrDefault(key, List.of())
                    .stream().filter(formFilter).toList();
            if (!candidates.isEmpty()) {
                ReportedFact winner = pickWinner(item, candidates);
                LineItemValue value = toValue(item, key, winner);
                return Optional.of(item.isSlice(winner.concept()) ? addSlices(item, key, value, winner) : value);
            }
        }
        return Optional.empty();
    }

    private ReportedFact pickWinner(LineItem item, List<ReportedFact> candidates) {
        String preferredUnit = preferredUnit(item);
        List<ReportedFact> inPreferredUnit = candidates.stream().filter(f -> f.unit().equals(preferredUnit)).toList();
        List<ReportedFact> pool = inPreferredUnit.isEmpty() ? candidates : inPreferredUnit;
        // Units are never mixed: with no fact in the preferred unit, the latest filing's unit decides.
        List<ReportedFact> newestFirst = pool.stream().sorted(LATEST_FILED.reversed()).toList();
        ReportedFact latest = newestFirst.get(0);
        // The latest filing's value wins; its source is the filing that first reported that value since it last
        // changed. A 10-Q repeats the year-end balance sheet as its comparative column: the fiscal year's balance
        // then still cites the 10-K, and a restated value cites the filing that restated it.
        ReportedFact firstOfValue = latest;
        for (ReportedFact earlier : newestFirst.subList(1, newestFirst.size())) {
            if (!sameReport(latest, earlier, item)) {
                break;
            }
            firstOfValue = earlier;
        }
        return firstOfValue;
    }

    /** Same period, unit and value on today's basis (a split between the filings changes what was filed). */
    private boolean sameReport(ReportedFact latest, ReportedFact earlier, LineItem item) {
        return earlier.unit().equals(latest.unit()) && Objects.equals(earlier.start(), latest.start())
                && earlier.end().equals(latest.end()) && earlier.concept().equals(latest.concept())
                && earlier.value().compareTo(latest.value()) == 0
                && splits.adjust(earlier.value(), item.measure(), earlier.filed())
                        .compareTo(splits.adjust(latest.value(), item.measure(), latest.filed())) == 0;
    }

    private String preferredUnit(LineItem item) {
        return switch (item.measure()) {
            case MONEY -> reportingCurrency;
            case PER_SHARE -> reportingCurrency + "/shares";
            case SHARES -> "shares";
        };
    }

    LineItemValue toValue(LineItem item, PeriodKey key, ReportedFact winner) {
        List<ReportedValue> history = history(item, key, winner);
        ReportedValue chosen = history.stream()
                .filter(r -> r.source().accession().equals(winner.accession())).findFirst().orElseThrow();
        String note = chosen.note();
        return new LineItemValue(item.id(), key, winner.start(), winner.end(), chosen.adjusted(), winner.value(),
                winner.unit(), chosen.source(), note, List.of(), history);
    }

    private List<ReportedValue> history(LineItem item, PeriodKey key, ReportedFact winner) {
        String concept = winner.taxonomy() + ':' + winner.concept();
        List<ReportedValue> history = byConcept.get(concept).get(key).stream()
                .filter(f -> f.unit().equals(winner.unit()) && Objects.equals(f.start(), winner.start())
                        && f.end().equals(winner.end()))
                .sorted(LATEST_FILED)
                .map(f -> new ReportedValue(f.value(), splits.adjust(f.value(), item.measure(), f.filed()),
                        f.unit(), f.start(), f.end(), provenance(f), splits.describe(f.filed(), item.measure())))
                .toList();
        return item.measure() == LineItem.Measure.SHARES ? ShareScale.normalise(history) : history;
    }

    private LineItemValue addSlices(LineItem item, PeriodKey key, LineItemValue first, ReportedFact winner) {
        List<LineItemValue> parts = new ArrayList<>();
        for (String slice : item.sliceConcepts()) {
            byConcept.getOrDefault(winner.taxonomy() + ':' + slice, Map.of()).getOrDefault(key, List.of()).stream()
                    .filter(f -> f.accession().equals(winner.accession()) && f.unit().equals(winner.unit())
                            && Objects.equals(f.start(), winner.start()) && f.end().equals(winner.end()))
                    .findFirst()
                    .ifPresent(f -> parts.add(toValue(item, key, f)));
        }
        if (parts.size() < 2) {
            return first;
        }
        BigDecimal sum = parts.stream().map(LineItemValue::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        return LineItemValue.derived(item.id(), key, first.start(), first.end(), sum, first.unit(),
                "sum of slices " + parts.stream().map(LineItemValue::concept).collect(Collectors.joining(" + ")),
                parts);
    }

    static Provenance provenance(ReportedFact fact) {
        return new Provenance(fact.taxonomy(), fact.concept(), fact.accession(), fact.form(), fact.filed());
    }

    FiscalCalendar calendar() {
        return calendar;
    }
}
