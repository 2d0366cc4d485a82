package io.benchmarkos.ingest.kpi;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Places a fact's own start/end dates on the company's fiscal calendar (never SEC's fy/fp, which describe the filing).
 * <p>
 * Anchored on the submissions {@code fiscalYearEnd} ("MMDD"). 52/53-week years end up to about a week either side of
 * the nominal date, so every match allows {@link #TOLERANCE_DAYS}.
 * <p>
 * One instance serves one computation, on one thread: it remembers the periods it placed.
 * <p>
 * Limitation: one fiscal year end per company (today's). Periods from before a change of fiscal year end, and
 * transition periods, do not line up and are left out rather than mislabelled.
 */
public final class FiscalCalendar {

    /** "About a week" of slack on period ends, plus a day or two for anchors that are themselves off by a few days. */
    static final int TOLERANCE_DAYS = 9;
    private static final double QUARTER_DAYS = 365.2425 / 4;
    /** A year end in the first week of January (e.g. "0103") closes the previous calendar year's December. */
    private static final int EARLY_JANUARY_LAST_DAY = 7;

    private final int anchorMonth;
    private final int anchorDay;
    /** Periods already placed: a company reports the same few hundred periods again, filing after filing. */
    private final Map<Period, Optional<PeriodKey>> classified = new HashMap<>();

    /** A fact's own dates; {@code start} is null for an instant. */
    private record Period(LocalDate start, LocalDate end) {
    }

    public FiscalCalendar(String fiscalYearEnd) {
        if (fiscalYearEnd == null || !fiscalYearEnd.matches("\\d{4}")) {
            throw new IllegalArgumentException("fiscal year end must be MMDD: " + fiscalYearEnd);
        }
        MonthDay monthDay = MonthDay.of(Integer.parseInt(fiscalYearEnd.substring(0, 2)),
                Integer.parseInt(fiscalYearEnd.substring(2)));
        boolean earlyJanuary = monthDay.getMonthValue() == 1 && monthDay.getDayOfMonth() <= EARLY_JANUARY_LAST_DAY;
        this.anchorMonth = earlyJanuary ? 12 : monthDay.getMonthValue();
        this.anchorDay = earlyJanuary ? 31 : monthDay.getDayOfMonth();
    }

    /** The nominal last day of a fiscal year (the real one of a 52/53-week year is within the tolerance). */
    public LocalDate nominalYearEnd(int fiscalYear) {
        LocalDate firstOfMonth = LocalDate.of(fiscalYear, anchorMonth, 1);
        return firstOfMonth.withDayOfMonth(Math.min(anchorDay, firstOfMonth.lengthOfMonth()));
    }

    /** The fiscal year in which a period ending on {@code end} ends. */
    public int fiscalYearOf(LocalDate end) {
        int year = end.getYear() - 1;
        while (end.isAfter(nominalYearEnd(year).plusDays(TOLERANCE_DAYS))) {
            year++;
        }
        return year;
    }

    /** Quarter (1..4) of the fiscal year that ends on {@code end}, if {@code end} is close to a quarter end. */
    public Optional<Integer> quarterEndingOn(LocalDate end) {
        long elapsed = ChronoUnit.DAYS.between(nominalYearEnd(fiscalYearOf(end) - 1), end);
        long quarter = Math.round(elapsed / QUARTER_DAYS);
        if (quarter < 1 || quarter > 4 || Math.abs(elapsed - quarter * QUARTER_DAYS) > TOLERANCE_DAYS) {
            return Optional.empty();
        }
        return Optional.of((int) quarter);
    }

    /**
     * Classifies a period by its own length and end: annual 350–380 days, quarter 84–98, 6-month YTD 168–196 ending at
     * quarter 2, 9-month YTD 252–287 ending at quarter 3; instants ({@code start == null}) that fall on a quarter or
     * year end. Anything else (monthly, stub or transition periods, cover-page dates) is empty.
     */
    public Optional<PeriodKey> classify(LocalDate start, LocalDate end) {
        return classified.computeIfAbsent(new Period(start, end), period -> place(period.start(), period.end()));
    }

    private Optional<PeriodKey> place(LocalDate start, LocalDate end) {
        Optional<Integer> quarter = quarterEndingOn(end);
        if (quarter.isEmpty()) {
            return Optional.empty();
        }
        int fiscalYear = fiscalYearOf(end);
        int q = quarter.get();
        if (start == null) {
            return Optional.of(PeriodKey.quarter(fiscalYear, q).closingBalance());
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days >= 84 && days <= 98) {
            return Optional.of(PeriodKey.quarter(fiscalYear, q));
        }
        if (!startsFiscalYear(start, fiscalYear)) {
            return Optional.empty();
        }
        if (days >= 350 && days <= 380 && q == 4) {
            return Optional.of(PeriodKey.fy(fiscalYear));
        }
        if (days >= 168 && days <= 196 && q == 2 || days >= 252 && days <= 287 && q == 3) {
            return Optional.of(PeriodKey.ytd(fiscalYear, q));
        }
        return Optional.empty();
    }

    private boolean startsFiscalYear(LocalDate start, int fiscalYear) {
        LocalDate expected = nominalYearEnd(fiscalYear - 1).plusDays(1);
        return Math.abs(ChronoUnit.DAYS.between(expected, start)) <= TOLERANCE_DAYS;
    }
}
