package io.benchmarkos.ingest.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A share price on today's split basis.
 *
 * @param priceYearAgo the price one year before {@code asOf} on the same basis, or null (then TSR is unavailable)
 * @param currency     ISO code; must match the currency the filings report in
 */
public record Quote(BigDecimal price, BigDecimal priceYearAgo, LocalDate asOf, String currency) {

    public Quote {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(currency, "currency");
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive: " + price);
        }
    }
}
