package io.benchmarkos.ingest.facts;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One companyfacts document being written: a single JDBC transaction that either stores every entry of the
 * document or none. Entries already stored are compared by their attributes and only changed ones updated.
 */
public final class FactLoad implements AutoCloseable {

    /** Scale of the {@code fact.value} column; values are compared at this scale. */
    static final int VALUE_SCALE = 12;

    private final long cik;
    private final Connection connection;
    private final CompanyFactsReader reader;
    private final ConceptIds conceptIds;
    private final LocalDate keepFrom;
    private final Map<String, Integer> stored;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private long read;
    private long inserted;
    private long updated;
    private long unchanged;
    private long skippedByYears;
    private boolean committed;

    FactLoad(long cik, InputStream document, Connection connection, ConceptIds conceptIds, LocalDate keepFrom,
             Map<String, Integer> stored) throws SQLException {
        this.cik = cik;
        this.connection = connection;
        this.conceptIds = conceptIds;
        this.keepFrom = keepFrom;
        this.stored = stored;
        this.reader = new CompanyFactsReader(document);
        this.insert = connection.prepareStatement("INSERT INTO fact (cik, concept_id, unit, period_start, period_end,"
                + " accession, val, fy, fp, form, filed, frame) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.update = connection.prepareStatement("UPDATE fact SET val = ?, fy = ?, fp = ?, form = ?, filed = ?,"
                + " frame = ? WHERE cik = ? AND concept_id = ? AND unit = ? AND period_end = ?"
                + " AND period_start IS NOT DISTINCT FROM ? AND accession = ?");
    }

    public CompanyFactsReader reader() {
        return reader;
    }

    /** Writes one batch of entries (executed, not committed). */
    public void write(Iterable<ReportedFact> facts) throws SQLException {
        int inserts = 0;
        int updates = 0;
        for (ReportedFact fact : facts) {
            read++;
            if (keepFrom != null && fact.end().isBefore(keepFrom)) {
                skippedByYears++;
                continue;
            }
            Integer before = stored.put(fact.identity(), attributesHash(fact));
            if (before == null) {
                bind(insert, fact, 1);
                insert.addBatch();
                inserts++;
            } else if (before != attributesHash(fact)) {
                bindUpdate(fact);
                update.addBatch();
                updates++;
            } else {
                unchanged++;
            }
        }
        if (inserts > 0) {
            insert.executeBatch();
            inserted += inserts;
        }
        if (updates > 0) {
            update.executeBatch();
            updated += updates;
        }
    }

    /** Commits the whole document after checking it really is the company asked for. */
    public void commit() throws SQLException {
        if (reader.cik() != null && reader.cik() != cik) {
            throw new MalformedDocumentException("companyfacts document is for CIK " + reader.cik()
                    + ", not the requested CIK " + cik);
        }
        connection.commit();
        committed = true;
    }

    public long read() {
        return read;
    }

    public long inserted() {
        return inserted;
    }

    public long updated() {
        return updated;
    }

    public long unchanged() {
        return unchanged;
    }

    public long skippedByYears() {
        return skippedByYears;
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
            connection.setAutoCommit(true);
            connection.close();
        }
    }

    private void bind(PreparedStatement s, ReportedFact fact, int first) throws SQLException {
        s.setLong(first, cik);
        s.setLong(first + 1, conceptIds.idOf(fact.taxonomy(), fact.concept(), label(fact)));
        s.setString(first + 2, fact.unit());
        setDate(s, first + 3, fact.start());
        s.setDate(first + 4, Date.valueOf(fact.end()));
        s.setString(first + 5, fact.accession());
        s.setBigDecimal(first + 6, fact.value());
        bindAttributes(s, first + 7, fact);
    }

    private void bindUpdate(ReportedFact fact) throws SQLException {
        update.setBigDecimal(1, fact.value());
        update.setObject(2, fact.fiscalYear(), Types.INTEGER);
        update.setString(3, fact.fiscalPeriod());
        update.setString(4, fact.form());
        update.setDate(5, Date.valueOf(fact.filed()));
        update.setString(6, fact.frame());
        update.setLong(7, cik);
        update.setLong(8, conceptIds.idOf(fact.taxonomy(), fact.concept(), label(fact)));
        update.setString(9, fact.unit());
        update.setDate(10, Date.valueOf(fact.end()));
        setDate(update, 11, fact.start());
        update.setString(12, fact.accession());
    }

    private static void bindAttributes(PreparedStatement s, int first, ReportedFact fact) throws SQLException {
        s.setObject(first, fact.fiscalYear(), Types.INTEGER);
        s.setString(first + 1, fact.fiscalPeriod());
        s.setString(first + 2, fact.form());
        s.setDate(first + 3, Date.valueOf(fact.filed()));
        s.setString(first + 4, fact.frame());
    }

    private String label(ReportedFact fact) {
        ConceptInfo info = reader.concepts().get(fact.taxonomy() + ':' + fact.concept());
        return info == null ? null : info.label();
    }

    private static void setDate(PreparedStatement s, int index, LocalDate date) throws SQLException {
        if (date == null) {
            s.setNull(index, Types.DATE);
        } else {
            s.setDate(index, Date.valueOf(date));
        }
    }

    /** Hash of everything about an entry that is not its identity, as the database stores it. */
    static int attributesHash(BigDecimal value, Integer fy, String fp, String form, LocalDate filed, String frame) {
        BigDecimal normalized = value.setScale(VALUE_SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        return Objects.hash(normalized.unscaledValue(), normalized.scale(), fy, fp, form, filed, frame);
    }

    static int attributesHash(ReportedFact f) {
        return attributesHash(f.value(), f.fiscalYear(), f.fiscalPeriod(), f.form(), f.filed(), f.frame());
    }
}
