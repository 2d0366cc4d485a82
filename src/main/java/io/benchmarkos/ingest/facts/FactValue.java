package io.benchmarkos.ingest.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One stored row of the fact table: a value reported for a concept, unit and period, with every filing that
 * reported it. About half of SEC's entries repeat a value an earlier filing already gave for the same period
 * (last year's column of this year's 10-K), so storing the value once and listing its filings halves the rows
 * without losing any entry: {@link #entries} gives them all back.
 *
 * @param value   normalized to the column's scale (see {@link #normalize})
 * @param reports at least one, ordered by filing date then accession: the first is the filing that reported the
 *                value first, the others repeated it
 */
public record FactValue(long conceptId, String unit, LocalDate start, LocalDate end, BigDecimal value,
                        List<Report> reports) {

    /** Scale of the {@code fact.val} column; values are compared at this scale. */
    public static final int VALUE_SCALE = 12;
    /** Digits before the decimal point the {@code fact.val} column (NUMERIC(38, 12)) holds. */
    public static final int MAX_INTEGER_DIGITS = 38 - VALUE_SCALE;

    /** Filings in the order they reported a value. */
    public static final Comparator<Report> FILING_ORDER = Comparator.comparing(Report::filed)
            .thenComparing(Report::accession);

    /** One filing's report of a value: the attributes SEC gives each entry beside its value and period. */
    public record Report(String accession, Integer fiscalYear, String fiscalPeriod, String form, LocalDate filed,
                         String frame) {

        static Report of(ReportedFact fact) {
            return new Report(fact.accession(), fact.fiscalYear(), fact.fiscalPeriod(), fact.form(), fact.filed(),
                    fact.frame());
        }
    }

    public Report first() {
        return reports.get(0);
    }

    /** When the latest filing that reported the value was filed: the value of a period filed last is current. */
    public LocalDate lastFiled() {
        return reports.get(reports.size() - 1).filed();
    }

    /** The filings after the first, in filing order. */
    public List<Report> repeats() {
        return reports.subList(1, reports.size());
    }

    /** The later filings as {@code fact.repeated_in} holds them; null when no filing repeated the value. */
    public String repeatedIn() {
        return ReportList.encode(repeats());
    }

    /**
     * Groups entries of one company into rows, as a first load of them stores them. Entries are taken in document
     * order: concept by concept and unit by unit.
     */
    public static List<FactValue> group(List<ReportedFact> entries, ToLongFunction<ReportedFact> conceptIds) {
        List<FactValue> rows = new ArrayList<>();
        FactSeries series = null;
        for (ReportedFact entry : entries) {
            long conceptId = conceptIds.applyAsLong(entry);
            if (series == null || !series.isOf(conceptId, entry.unit())) {
                if (series != null) {
                    rows.addAll(series.rows());
                }
                series = new FactSeries(conceptId, entry.unit(), List.of());
            }
            series.add(entry);
        }
        if (series != null) {
            rows.addAll(series.rows());
        }
        return rows;
    }

    /** The filings of a {@code fact.repeated_in} text, in filing order (none for null). */
    public static List<Report> repeatingFilings(String repeatedIn) {
        return ReportList.decode(repeatedIn);
    }

    /**
     * A value read back from the column has twelve decimals; a large one no longer fits a long, and stripping its
     * zeros one division at a time is what made reading slow. Most are whole amounts: one division tells.
     */
    private static BigDecimal wholeIfIntegral(BigDecimal value) {
        if (value.scale() <= 0 || value.precision() <= 18) {
            return value;
        }
        BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
        return whole.compareTo(value) == 0 ? whole : value;
    }

    /** Every entry this row stands for, as the companyfacts document reported them. */
    public List<ReportedFact> entries(String taxonomy, String concept) {
        List<ReportedFact> entries = new ArrayList<>(reports.size());
        for (Report r : reports) {
            entries.add(new ReportedFact(taxonomy, concept, unit, start, end, value, r.accession(), r.fiscalYear(),
                    r.fiscalPeriod(), r.form(), r.filed(), r.frame()));
        }
        return entries;
    }

    /** A value as the database keeps it, so values read back and values parsed compare equal. */
    public static BigDecimal normalize(BigDecimal value) {
        // Strip first: on SEC's values (mostly whole numbers that fit a long) that is cheap, while widening to the
        // column's scale first makes a BigInteger that stripping then divides by ten a dozen times.
        BigDecimal stripped = wholeIfIntegral(value).stripTrailingZeros();
        return stripped.scale() <= VALUE_SCALE ? stripped
                : stripped.setScale(VALUE_SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
