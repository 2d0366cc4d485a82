package io.benchmarkos.ingest.facts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The entries of one concept in one unit for a company, as stored rows: entries keyed by what was reported (start,
 * end, accession) are grouped by (start, end, value) into {@link FactValue}s.
 * <p>
 * A document is merged into what is stored entry by entry: a new entry is added, a re-labelled one (SEC changes
 * fy, fp, frame and even an old value between downloads) replaces the stored one, and an entry the document no
 * longer has stays, as it did with one row per entry. {@link #diff} then lists the rows to insert, update and
 * delete.
 */
final class FactSeries {

    private record EntryKey(LocalDate start, LocalDate end, String accession) {
    }

    private record ValueKey(LocalDate start, LocalDate end, BigDecimal value) {
    }

    private record Entry(BigDecimal value, FactValue.Report report) {
    }

    /** Rows to write for one series. */
    record Diff(List<FactValue> inserts, List<FactValue> updates, List<FactValue> deletes) {
    }

    private final long conceptId;
    private final String unit;
    private final Map<ValueKey, FactValue> stored;
    private final Map<EntryKey, Entry> entries = new LinkedHashMap<>();
    private List<FactValue> rows;
    private long added;
    private long changed;
    private long unchanged;

    FactSeries(long conceptId, String unit, Collection<FactValue> stored) {
        this.conceptId = conceptId;
        this.unit = unit;
        this.stored = new HashMap<>(stored.size() * 2);
        for (FactValue row : stored) {
            this.stored.put(new ValueKey(row.start(), row.end(), row.value()), row);
            for (FactValue.Report r : row.reports()) {
                entries.put(new EntryKey(row.start(), row.end(), r.accession()), new Entry(row.value(), r));
            }
        }
    }

    /** Takes one entry of the document; a later entry with the same key replaces an earlier one. */
    void add(ReportedFact fact) {
        rows = null;
        Entry entry = new Entry(FactValue.normalize(fact.value()), FactValue.Report.of(fact));
        Entry before = entries.put(new EntryKey(fact.start(), fact.end(), fact.accession()), entry);
        if (before == null) {
            added++;
        } else if (before.equals(entry)) {
            unchanged++;
        } else {
            changed++;
        }
    }

    boolean isOf(long otherConceptId, String otherUnit) {
        return conceptId == otherConceptId && unit.equals(otherUnit);
    }

    long added() {
        return added;
    }

    long changed() {
        return changed;
    }

    long unchanged() {
        return unchanged;
    }

    /** The rows of the merged entries. */
    List<FactValue> rows() {
        if (rows == null) {
            rows = group();
        }
        return rows;
    }

    private List<FactValue> group() {
        Map<ValueKey, List<FactValue.Report>> grouped = new LinkedHashMap<>();
        entries.forEach((key, entry) -> grouped
                .computeIfAbsent(new ValueKey(key.start(), key.end(), entry.value()), k -> new ArrayList<>(2))
                .add(entry.report()));
        List<FactValue> rows = new ArrayList<>(grouped.size());
        grouped.forEach((key, reports) -> {
            reports.sort(FactValue.FILING_ORDER);
            rows.add(new FactValue(conceptId, unit, key.start(), key.end(), key.value(), List.copyOf(reports)));
        });
        return rows;
    }

    /** What to write so the stored rows become {@link #rows()}; nothing when the document changed nothing. */
    Diff diff() {
        if (added == 0 && changed == 0) {
            return new Diff(List.of(), List.of(), List.of());
        }
        List<FactValue> inserts = new ArrayList<>();
        List<FactValue> updates = new ArrayList<>();
        Map<ValueKey, FactValue> gone = new HashMap<>(stored);
        for (FactValue row : rows()) {
            FactValue before = gone.remove(new ValueKey(row.start(), row.end(), row.value()));
            if (before == null) {
                inserts.add(row);
            } else if (!Objects.equals(before.reports(), row.reports())) {
                updates.add(row);
            }
        }
        return new Diff(inserts, updates, List.copyOf(gone.values()));
    }
}
