package io.benchmarkos.ingest.kpi;

import java.util.Optional;

/**
 * Where market prices come from. Nothing in this project fetches prices yet: {@link #NONE} answers nothing and every
 * market KPI is then reported unavailable with the reason (no stand-in price is ever used).
 */
@FunctionalInterface
public interface QuoteSource {

    QuoteSource NONE = cik -> Optional.empty();

    Optional<Quote> quoteFor(long cik);
}
