package io.benchmarkos.ingest.jobs;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a job asks for: a ticker or a CIK, normalized so that {@code BRK.B}, {@code brk-b} and {@code BRK-B}
 * are one company and {@code 0000320193} is CIK 320193.
 */
public record CompanyRef(String ticker, Long cik) {

    private static final Pattern TICKER = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,14}");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,10}");
    /** Any run of digits: too many of them is a CIK too long, never a ticker. */
    private static final Pattern ALL_DIGITS = Pattern.compile("\\d+");

    public CompanyRef {
        if ((ticker == null) == (cik == null)) {
            throw new IllegalArgumentException("exactly one of ticker and cik is required");
        }
    }

    /** Parses user input: all digits is a CIK, anything else a ticker. */
    public static CompanyRef parse(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidJobException("a ticker or CIK is required");
        }
        // Blank space around a ticker (a tab, a line end) is trimmed; any other control character is refused before
        // the trim, which would drop a NUL at either end without a word (a path's AAPL%00 read as AAPL).
        JobRequestParser.refuseControlCharacters("the ticker or CIK", input, true);
        String trimmed = input.trim();
        if (trimmed.regionMatches(true, 0, "CIK", 0, 3) && ALL_DIGITS.matcher(trimmed.substring(3)).matches()) {
            trimmed = trimmed.substring(3);
        }
        return ALL_DIGITS.matcher(trimmed).matches() ? ofCik(trimmed) : ofTicker(trimmed);
    }

    public static CompanyRef ofCik(String digits) {
        String trimmed = digits.trim();
        if (!DIGITS.matcher(trimmed).matches() || Long.parseLong(trimmed) == 0) {
            throw new InvalidJobException("CIK must be 1 to 10 digits and not zero: '" + printable(digits) + "'");
        }
        return new CompanyRef(null, Long.parseLong(trimmed));
    }

    public static CompanyRef ofTicker(String raw) {
        String normalized = normalizeTicker(raw);
        if (!TICKER.matcher(normalized).matches()) {
            throw new InvalidJobException("not a ticker: '" + printable(raw) + "' (letters, digits, '.' or '-', "
                    + "at most 15 characters)");
        }
        return new CompanyRef(normalized, null);
    }

    /** SEC's ticker map writes share classes with a dash (BRK-B); users write BRK.B, brk/b or brk-b. */
    public static String normalizeTicker(String raw) {
        return raw.trim().toUpperCase(Locale.ROOT).replace('.', '-').replace('/', '-');
    }

    /** Two spellings of one ticker (BRK.B and brk-b): what compares tickers as typed compares them this way. */
    public static boolean sameTicker(String one, String other) {
        return normalizeTicker(one).equals(normalizeTicker(other));
    }

    /** Key under which at most one job for this company may be pending or running. */
    public String key() {
        return cik != null ? "CIK:" + cik : "TICKER:" + ticker;
    }

    public String display() {
        return cik != null ? "CIK " + cik : ticker;
    }

    private static String printable(String raw) {
        String cut = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
