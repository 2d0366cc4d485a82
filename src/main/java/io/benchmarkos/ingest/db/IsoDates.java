package io.benchmarkos.ingest.db;

import java.time.LocalDate;

/** ISO dates ({@code 2025-09-27}) written into text being built, without a string per date. */
public final class IsoDates {

    private IsoDates() {
    }

    /** Appends {@code date} as {@link LocalDate#toString()} writes it. */
    public static StringBuilder append(StringBuilder text, LocalDate date) {
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            // Signed or five-digit years: rare enough for the general formatter.
            return text.append(date);
        }
        text.append(year).append('-');
        twoDigits(text, date.getMonthValue()).append('-');
        return twoDigits(text, date.getDayOfMonth());
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
