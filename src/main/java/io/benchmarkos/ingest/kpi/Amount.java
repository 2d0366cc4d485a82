package io.benchmarkos.ingest.kpi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** An intermediate KPI amount (EBITDA, FCF, an average balance…) with its unit and the line items behind it. */
record Amount(BigDecimal value, String unit, List<LineItemValue> inputs) {

    static Amount of(LineItemValue item) {
        return new Amount(item.value(), item.unit(), List.of(item));
    }

    Amount plus(Amount other) {
        return new Amount(value.add(other.value), unit, join(other));
    }

    Amount minus(Amount other) {
        return new Amount(value.subtract(other.value), unit, join(other));
    }

    boolean sameUnit(Amount other) {
        return unit.equals(other.unit);
    }

    List<LineItemValue> join(Amount other) {
        List<LineItemValue> all = new ArrayList<>(inputs);
        other.inputs.stream().filter(i -> !all.contains(i)).forEach(all::add);
        return all;
    }
}
