package io.benchmarkos.ingest.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A share price on today's split basis.
 *
 * @param priceYearAgo      the price one year before {@code asOf} on the same basis, or null (then TSR is unavailable)
 * @param yearAgoDate       the trading day of {@code priceYearAgo}, or null when the source did not date it
 * @param currency          ISO code; must match the currency the filings report in
 * @param dividendsPerShare cash dividends per share with an ex-date after {@code yearAgoDate} up to {@code asOf}, on
 *                          the same basis; null when the source reported no dividend events (unknown, not zero)
 */
public record Quote(BigDecimal price, BigDecimal priceYearAgo, LocalDate yearAgoDate, LocalDate asOf, String currency,
                    BigDecimal dividendsPerShare) {

    public Quote {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(currency, "currency");
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive: " + price);
        }
        if (dividendsPerShare != null && dividendsPerShare.signum() < 0) {
            throw new IllegalArgumentException("dividends per share must not be negative: " + dividendsPerShare);
        }
        if (dividendsPerShare != null && yearAgoDate == null) {
            throw new IllegalArgumentException("dividends since a year ago need the year-ago date");
        }
    }

    /** A quote whose source said nothing about dividends or the year-ago date. */
    public Quote(BigDecimal price, BigDecimal priceYearAgo, LocalDate asOf, String currency) {
        this(price, priceYearAgo, null, asOf, currency, null);
    }
}
