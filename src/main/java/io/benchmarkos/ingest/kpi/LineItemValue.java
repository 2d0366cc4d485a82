package io.benchmarkos.ingest.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one value of a line item for one fiscal period, with where it came from.
 * <p>
 * A reported value has a {@code source} (the latest-filed periodic report, "as restated") and its {@code history}
 * (every filing that reported the same concept, unit and dates). A derived value (gross profit from revenue and cost,
 * a Q4 from FY − 9M, a TTM…) has no source; {@code derivation} says how and {@code derivedFrom} lists the inputs.
 *
 * @param value   on today's basis (split-adjusted for per-share values and share counts)
 * @param asFiled the value as the answering filing reported it (null when derived)
 */
public record LineItemValue(String item, PeriodKey period, LocalDate start, LocalDate end, BigDecimal value,
                            BigDecimal asFiled, String unit, Provenance source, String derivation,
                            List<LineItemValue> derivedFrom, List<ReportedValue> history) {

    private static final Comparator<ReportedValue> EARLIEST_FILED = Comparator
            .comparing((ReportedValue r) -> r.source().filed()).thenComparing(r -> r.source().accession());

    public LineItemValue {
        derivedFrom = List.copyOf(derivedFrom);
        history = List.copyOf(history);
    }

    static LineItemValue derived(String item, PeriodKey period, LocalDate start, LocalDate end, BigDecimal value,
                                 String unit, String derivation, List<LineItemValue> inputs) {
        return new LineItemValue(item, period, start, end, value, null, unit, null, derivation, inputs, List.of());
    }

    public boolean isDerived() {
        return source == null;
    }

    /** taxonomy:concept that answered, or "derived". */
    public String concept() {
        return isDerived() ? "derived" : source.qualifiedConcept();
    }

    /**
     * The value as first reported: the earliest-filed periodic report in the history (another form only when no
     * periodic report has it). Empty for derived values.
     */
    public Optional<ReportedValue> asFirstReported() {
        // A loop, not a comparator: the form is classified once per filing, not at every comparison.
        ReportedValue first = null;
        boolean firstIsPeriodic = false;
        for (ReportedValue candidate : history) {
            boolean periodic = Forms.isPeriodic(candidate.source().form());
            if (first == null || periodic && !firstIsPeriodic
                    || periodic == firstIsPeriodic && EARLIEST_FILED.compare(candidate, first) < 0) {
                first = candidate;
                firstIsPeriodic = periodic;
            }
        }
        return Optional.ofNullable(first);
    }

    /** Every input fact behind this value, following derivations down to reported values. */
    public List<Provenance> provenance() {
        if (!isDerived()) {
            return List.of(source);
        }
        return derivedFrom.stream().flatMap(input -> input.provenance().stream()).distinct().toList();
    }

    /** One-line description of the inputs, stored as derived_from. */
    public String describeInputs() {
        if (!isDerived()) {
            return null;
        }
        return derivation + ": " + derivedFrom.stream().map(LineItemValue::describeAsInput)
                .collect(Collectors.joining("; "));
    }

    /**
     * This value as the input of a derivation or a KPI: what it is, and the filing it came from or, when derived
     * itself, how and from which operands, each with its value and filing. An answer built on a TTM then shows the
     * YTD, FY and prior-year YTD it added up, so a reader can check the sum against the filings.
     */
    public String describeAsInput() {
        return item + ' ' + period.label() + ' ' + end + '=' + value.toPlainString() + " ("
                + (isDerived() ? describeInputs() : source.toString()) + ')';
    }
}
