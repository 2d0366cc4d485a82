package io.benchmarkos.ingest.kpi;

import java.util.Comparator;

/**
 * A fiscal period label: fiscal year (the year in which the period ends) plus kind and quarter.
 * <p>
 * {@code quarter} is 4 for {@link PeriodKind#FY}; 1..4 for {@link PeriodKind#QUARTER} and {@link PeriodKind#TTM}
 * (the quarter the window ends with); 2 or 3 for {@link PeriodKind#YTD}.
 */
public record PeriodKey(int fiscalYear, PeriodKind kind, int quarter) implements Comparable<PeriodKey> {

    private static final Comparator<PeriodKey> ORDER = Comparator.comparingInt(PeriodKey::fiscalYear)
            .thenComparingInt(PeriodKey::quarter)
            .thenComparing(PeriodKey::kind);

    public PeriodKey {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("quarter must be 1..4: " + quarter);
        }
    }

    public static PeriodKey fy(int fiscalYear) {
        return new PeriodKey(fiscalYear, PeriodKind.FY, 4);
    }

    public static PeriodKey quarter(int fiscalYear, int quarter) {
        return new PeriodKey(fiscalYear, PeriodKind.QUARTER, quarter);
    }

    public static PeriodKey ytd(int fiscalYear, int quarter) {
        if (quarter == 1) {
            return quarter(fiscalYear, 1);
        }
        return quarter == 4 ? fy(fiscalYear) : new PeriodKey(fiscalYear, PeriodKind.YTD, quarter);
    }

    public static PeriodKey ttm(int fiscalYear, int quarter) {
        return new PeriodKey(fiscalYear, PeriodKind.TTM, quarter);
    }

    /** The key under which the balance at this period's end is stored (a year end balance is keyed FY). */
    public PeriodKey closingBalance() {
        return quarter == 4 ? fy(fiscalYear) : quarter(fiscalYear, quarter);
    }

    /** The same kind of period one fiscal year earlier. */
    public PeriodKey yearsBefore(int years) {
        return new PeriodKey(fiscalYear - years, kind, quarter);
    }

    /** Short code stored in the database: FY, Q1..Q4, YTD6, YTD9, TTM. */
    public String code() {
        return switch (kind) {
            case FY -> "FY";
            case QUARTER -> "Q" + quarter;
            case YTD -> "YTD" + (quarter * 3);
            case TTM -> "TTM";
        };
    }

    /** The period as a reader names it, with its fiscal year: "FY2025", "Q1 FY2026", "YTD6 FY2026", "TTM". */
    public String label() {
        return switch (kind) {
            case FY -> "FY" + fiscalYear;
            case TTM -> "TTM";
            default -> code() + " FY" + fiscalYear;
        };
    }

    @Override
    public int compareTo(PeriodKey other) {
        return ORDER.compare(this, other);
    }

    /** The period as notes name it: "FY2025", "Q1 FY2026", "YTD6 FY2026", "TTM through Q1 FY2026". */
    @Override
    public String toString() {
        return switch (kind) {
            // The code is the year's own name: not "FY FY2025".
            case FY -> "FY" + fiscalYear;
            case TTM -> "TTM through Q" + quarter + " FY" + fiscalYear;
            default -> code() + " FY" + fiscalYear;
        };
    }
}
