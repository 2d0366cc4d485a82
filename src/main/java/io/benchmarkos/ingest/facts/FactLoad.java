package io.benchmarkos.ingest.facts;

import io.benchmarkos.ingest.db.PostgresCopy;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One companyfacts document being written: a single JDBC transaction that either stores every entry of the
 * document or none.
 * <p>
 * Entries arrive concept by concept and unit by unit, as the document lists them. Each series (concept, unit) is
 * merged with what is stored for it ({@link FactSeries}) once the document moves on to the next one, and only the
 * rows that changed are written: a value once per period, with the filings that reported it.
 */
public final class FactLoad implements AutoCloseable {

    /** Width of {@code company.name}. */
    private static final int MAX_NAME = 300;

    private final long cik;
    private final Clock clock;
    private final Connection connection;
    private final CompanyFactsReader reader;
    private final ConceptIds conceptIds;
    private final LocalDate keepFrom;
    /** Stored rows of the company by series ({@link #seriesKey}); a series is removed once merged. */
    private final Map<String, List<FactValue>> stored;
    /** {@code taxonomy:concept}s whose merged entries {@link #keptFacts} hands on; null keeps none. */
    private final Set<String> keptConcepts;
    private final Map<String, List<ReportedFact>> keptBySeries = new HashMap<>();
    private final PreparedStatement insert;
    private final boolean copy;
    private final StringBuilder copyRows = new StringBuilder();
    private final PreparedStatement update;
    private final PreparedStatement delete;
    private final Set<String> merged = new HashSet<>();
    /** The latest filing date of the stored facts, null for a company without any. */
    private final LocalDate storedLatestFiled;
    /** The latest filing date of the document's entries read so far. */
    private LocalDate latestFiled;
    private FactSeries series;
    private String lastTaxonomy;
    private String lastConcept;
    private long lastConceptId;
    private String seriesKey;
    private String seriesTaxonomy;
    private String seriesConcept;
    private long read;
    private long inserted;
    private long updated;
    private long unchanged;
    private long skippedByYears;
    private long rowsWritten;
    private boolean committed;

    FactLoad(long cik, InputStream document, Connection connection, ConceptIds conceptIds, LocalDate keepFrom,
             Map<String, List<FactValue>> stored, Set<String> keptConcepts, Clock clock) throws SQLException {
        this.cik = cik;
        this.clock = clock;
        this.connection = connection;
        this.conceptIds = conceptIds;
        this.keepFrom = keepFrom;
        this.stored = stored;
        this.storedLatestFiled = latestFiled(stored);
        this.keptConcepts = keptConcepts;
        this.reader = new CompanyFactsReader(document);
        this.insert = connection.prepareStatement(FactRows.INSERT);
        // PostgreSQL takes new rows by COPY: in the bench about 2.4 times its batch INSERT for the same rows.
        this.copy = PostgresCopy.supportedBy(connection);
        this.update = connection.prepareStatement(FactRows.UPDATE);
        this.delete = connection.prepareStatement(FactRows.DELETE);
    }

    private static LocalDate latestFiled(Map<String, List<FactValue>> rows) {
        LocalDate latest = null;
        for (List<FactValue> series : rows.values()) {
            for (FactValue row : series) {
                if (latest == null || row.lastFiled().isAfter(latest)) {
                    latest = row.lastFiled();
                }
            }
        }
        return latest;
    }

    static String seriesKey(long conceptId, String unit) {
        return conceptId + "|" + unit;
    }

    public CompanyFactsReader reader() {
        return reader;
    }

    /** Takes one batch of entries; each series the batch completes is written (executed, not committed). */
    public void write(Iterable<ReportedFact> facts) throws SQLException {
        try {
            writeEach(facts);
        } catch (SQLException e) {
            throw ConcurrentLoadException.conflictOr(cik, e);
        }
    }

    private void writeEach(Iterable<ReportedFact> facts) throws SQLException {
        for (ReportedFact fact : facts) {
            read++;
            if (latestFiled == null || fact.filed().isAfter(latestFiled)) {
                latestFiled = fact.filed();
            }
            if (keepFrom != null && fact.end().isBefore(keepFrom)) {
                skippedByYears++;
                continue;
            }
            long conceptId = conceptId(fact);
            if (series == null || !series.isOf(conceptId, fact.unit())) {
                writeSeries();
                seriesTaxonomy = fact.taxonomy();
                seriesConcept = fact.concept();
                seriesKey = seriesKey(conceptId, fact.unit());
                series = new FactSeries(conceptId, fact.unit(), storedRows(conceptId, fact.unit(), seriesKey));
            }
            series.add(fact);
        }
        executeBatches();
    }

    /**
     * Writes the last series, checks the document really is the company asked for, marks the company's facts loaded
     * and commits all of it as one transaction, so the mark never describes other facts than the stored ones.
     *
     * @param documentSha256 sha256 of the document's bytes, or null. It is kept ({@code company.facts_sha256}) only
     *                       when no entry was skipped for the job's years: only a document stored whole lets the
     *                       same bytes skip a later load ({@link FactLoader#storedAlready}).
     * @throws OlderDocumentException when the document's latest filing is older than the stored facts' latest
     *                                (nothing of it is stored, the company row included)
     */
    public void commit(String documentSha256) throws SQLException {
        if (reader.hasFailed()) {
            // A reading error is thrown where it happens; this guards against a caller that swallowed it.
            throw new MalformedDocumentException("companyfacts document could not be read to its end ("
                    + reader.entriesRead() + " entries read); nothing of it is stored");
        }
        if (reader.cik() != null && reader.cik() != cik) {
            throw new MalformedDocumentException("companyfacts document is for CIK " + reader.cik()
                    + ", not the requested CIK " + cik);
        }
        // A company's document gains filings over time: one whose latest is older than the stored facts' latest is a
        // stale copy (an earlier archive). Equal dates cannot be told apart (SEC also re-labels between filings), so
        // such a document is merged.
        if (latestFiled != null && storedLatestFiled != null && latestFiled.isBefore(storedLatestFiled)) {
            throw new OlderDocumentException(cik, reader.entityName(), latestFiled, storedLatestFiled);
        }
        try {
            writeSeries();
            executeBatches();
            markLoaded(clock.instant(), skippedByYears == 0 ? documentSha256 : null);
            connection.commit();
        } catch (SQLException e) {
            throw ConcurrentLoadException.conflictOr(cik, e);
        }
        committed = true;
    }

    public long read() {
        return read;
    }

    /** Entries not stored before. */
    public long inserted() {
        return inserted;
    }

    /** Entries stored before with another value or other labels. */
    public long updated() {
        return updated;
    }

    public long unchanged() {
        return unchanged;
    }

    public long skippedByYears() {
        return skippedByYears;
    }

    /**
     * After {@link #commit}: every stored entry of the kept concepts, as the next step would read them back, or empty
     * when this load cannot tell (the company has stored series this document does not list, or none were asked for).
     */
    public Optional<List<ReportedFact>> keptFacts() {
        if (!committed || keptConcepts == null || !stored.isEmpty()) {
            return Optional.empty();
        }
        List<ReportedFact> kept = new ArrayList<>();
        keptBySeries.values().forEach(kept::addAll);
        return Optional.of(kept);
    }

    /** Rows of the fact table inserted, updated or deleted. */
    public long rowsWritten() {
        return rowsWritten;
    }

    /** Rolls back anything not committed and releases the connection. */
    @Override
    public void close() throws SQLException {
        try {
            if (!committed) {
                connection.rollback();
            }
        } finally {
            reader.close();
            insert.close();
            update.close();
            delete.close();
            connection.setAutoCommit(true);
            connection.close();
        }
    }

    /**
     * A company an archive import meets first has no row yet: a minimal one is made from the document's entity name
     * (name, tickers and fiscal year end come with the company's first job).
     */
    private void markLoaded(Instant loadedAt, String documentSha256) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE company SET facts_loaded_at = ?, facts_sha256 = ? WHERE cik = ?")) {
            update.setTimestamp(1, Timestamp.from(loadedAt));
            update.setString(2, documentSha256);
            update.setLong(3, cik);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO company (cik, name, facts_loaded_at, facts_sha256) VALUES (?, ?, ?, ?)")) {
            String name = reader.entityName();
            insert.setLong(1, cik);
            insert.setString(2, name == null || name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME));
            insert.setTimestamp(3, Timestamp.from(loadedAt));
            insert.setString(4, documentSha256);
            insert.executeUpdate();
        }
    }

    private void writeSeries() throws SQLException {
        if (series == null) {
            return;
        }
        inserted += series.added();
        updated += series.changed();
        unchanged += series.unchanged();
        FactSeries.Diff diff = series.diff();
        for (FactValue row : diff.inserts()) {
            if (copy) {
                FactRows.appendCsv(copyRows, cik, row);
            } else {
                FactRows.bindKey(insert, 1, cik, row);
                FactRows.bindReports(insert, 7, row);
                insert.addBatch();
            }
        }
        for (FactValue row : diff.updates()) {
            FactRows.bindReports(update, 1, row);
            FactRows.bindKey(update, FactRows.UPDATE_KEY, cik, row);
            update.addBatch();
        }
        for (FactValue row : diff.deletes()) {
            FactRows.bindKey(delete, 1, cik, row);
            delete.addBatch();
        }
        rowsWritten += diff.inserts().size() + diff.updates().size() + diff.deletes().size();
        if (keptConcepts != null && keptConcepts.contains(seriesTaxonomy + ':' + seriesConcept)) {
            // A series listed twice is merged twice; its second merge holds the first.
            List<ReportedFact> entries = new ArrayList<>();
            for (FactValue row : series.rows()) {
                entries.addAll(row.entries(seriesTaxonomy, seriesConcept));
            }
            keptBySeries.put(seriesKey, entries);
        }
        stored.remove(seriesKey);
        merged.add(seriesKey);
        series = null;
    }

    /**
     * The stored rows of a series. A series the document lists twice (JSON allows a repeated key) is read back
     * inside this transaction, so its second part merges with its first instead of colliding with it.
     */
    private List<FactValue> storedRows(long conceptId, String unit, String key) throws SQLException {
        if (!merged.contains(key)) {
            return stored.getOrDefault(key, List.of());
        }
        executeBatches();
        List<FactValue> rows = new ArrayList<>();
        FactRows.read(connection, cik, List.of(conceptId), unit, false, (taxonomy, concept, row) -> rows.add(row));
        return rows;
    }

    private void executeBatches() throws SQLException {
        if (!copyRows.isEmpty()) {
            PostgresCopy.copyIn(connection, FactRows.COPY, copyRows);
            copyRows.setLength(0);
        }
        insert.executeBatch();
        update.executeBatch();
        delete.executeBatch();
    }

    /** Entries come concept by concept, so the previous entry's id is usually the one. */
    private long conceptId(ReportedFact fact) throws SQLException {
        if (!fact.concept().equals(lastConcept) || !fact.taxonomy().equals(lastTaxonomy)) {
            lastConceptId = conceptIds.idOf(fact.taxonomy(), fact.concept(), label(fact));
            lastTaxonomy = fact.taxonomy();
            lastConcept = fact.concept();
        }
        return lastConceptId;
    }

    private String label(ReportedFact fact) {
        ConceptInfo info = reader.concepts().get(fact.taxonomy() + ':' + fact.concept());
        return info == null ? null : info.label();
    }
}
