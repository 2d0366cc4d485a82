package io.benchmarkos.ingest.kpi;

import java.math.BigDecimal;
import java.util.List;

/**
 * One KPI for one period, with the line item values it was computed from (each carrying its own provenance).
 *
 * @param unit   a currency for money KPIs (ebitda, free_cash_flow, market_cap…), "pure" for ratios
 * @param reason why it is unavailable or not meaningful; for an available value, a note on an assumption, or null
 */
public record KpiValue(String kpi, PeriodKey period, KpiStatus status, BigDecimal value, String unit, String reason,
                       List<LineItemValue> inputs) {

    public KpiValue {
        inputs = List.copyOf(inputs);
    }

    static KpiValue available(String kpi, PeriodKey period, BigDecimal value, String unit, List<LineItemValue> inputs) {
        return new KpiValue(kpi, period, KpiStatus.AVAILABLE, value, unit, null, inputs);
    }

    static KpiValue unavailable(String kpi, PeriodKey period, String reason) {
        return new KpiValue(kpi, period, KpiStatus.UNAVAILABLE, null, null, reason, List.of());
    }

    static KpiValue notMeaningful(String kpi, PeriodKey period, String reason, List<LineItemValue> inputs) {
        return new KpiValue(kpi, period, KpiStatus.NOT_MEANINGFUL, null, null, reason, inputs);
    }

    KpiValue withNote(String note) {
        return new KpiValue(kpi, period, status, value, unit, note, inputs);
    }

    public boolean isAvailable() {
        return status == KpiStatus.AVAILABLE;
    }

    /** Every reported fact behind this KPI. */
    public List<Provenance> provenance() {
        return inputs.stream().flatMap(input -> input.provenance().stream()).distinct().toList();
    }
}
