package io.benchmarkos.ingest.kpi;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Line item values by item and period while the engine fills them in, with the reason for each known gap. */
final class ItemStore {

    private final Map<LineItem, NavigableMap<PeriodKey, LineItemValue>> values = new EnumMap<>(LineItem.class);
    private final Map<LineItem, Map<PeriodKey, String>> gaps = new EnumMap<>(LineItem.class);

    ItemStore(Map<LineItem, Map<PeriodKey, LineItemValue>> resolved) {
        for (LineItem item : LineItem.values()) {
            values.put(item, new TreeMap<>(resolved.getOrDefault(item, Map.of())));
            gaps.put(item, new HashMap<>());
        }
    }

    Optional<LineItemValue> get(LineItem item, PeriodKey key) {
        return Optional.ofNullable(values.get(item).get(key));
    }

    boolean has(LineItem item, PeriodKey key) {
        return values.get(item).containsKey(key);
    }

    void put(LineItemValue value) {
        LineItem item = LineItem.byId(value.item());
        values.get(item).put(value.period(), value);
        gaps.get(item).remove(value.period());
    }

    void gap(LineItem item, PeriodKey key, String reason) {
        if (!has(item, key)) {
            gaps.get(item).put(key, reason);
        }
    }

    Optional<String> gapReason(LineItem item, PeriodKey key) {
        return Optional.ofNullable(gaps.get(item).get(key));
    }

    NavigableMap<PeriodKey, LineItemValue> series(LineItem item) {
        return values.get(item);
    }

    /** Every period any item has a value for. */
    Set<PeriodKey> allPeriods() {
        Set<PeriodKey> keys = new TreeSet<>();
        values.values().forEach(series -> keys.addAll(series.keySet()));
        return keys;
    }

    Map<LineItem, NavigableMap<PeriodKey, LineItemValue>> values() {
        return values;
    }

    Map<LineItem, Map<PeriodKey, String>> gaps() {
        return gaps;
    }
}
