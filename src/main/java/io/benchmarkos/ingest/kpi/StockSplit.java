package io.benchmarkos.ingest.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A stock split: {@code ratio} new shares per old share (2 for two-for-one; below 1 for a reverse split), taking
 * effect on {@code effective}. Facts filed before that date are on the old basis.
 */
public record StockSplit(LocalDate effective, BigDecimal ratio, Provenance source) {
}
