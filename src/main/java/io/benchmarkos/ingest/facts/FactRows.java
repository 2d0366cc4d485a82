package io.benchmarkos.ingest.facts;

import io.benchmarkos.ingest.db.PostgresCopy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Rows of the fact table as {@link FactValue}s: the one place that knows the row layout. */
public final class FactRows {

    private static final String KEY = "cik = ? AND concept_id = ? AND unit = ? AND period_end = ?"
            + " AND period_start IS NOT DISTINCT FROM ? AND val = ?";
    /** Key from parameter 1, reports from 7 ({@link #bindKey}, {@link #bindReports}). */
    public static final String INSERT = "INSERT INTO fact (cik, concept_id, unit, period_end, period_start, val,"
            + " accession, fy, fp, form, filed, frame, filings, last_filed, repeated_in)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Reports from parameter 1, key from {@link #UPDATE_KEY}. */
    static final String UPDATE = "UPDATE fact SET accession = ?, fy = ?, fp = ?, form = ?, filed = ?, frame = ?,"
            + " filings = ?, last_filed = ?, repeated_in = ? WHERE " + KEY;
    static final int UPDATE_KEY = 10;
    /** Key from parameter 1. */
    static final String DELETE = "DELETE FROM fact WHERE " + KEY;
    /** PostgreSQL's COPY of rows as {@link #appendCsv} writes them. */
    public static final String COPY = "COPY fact (cik, concept_id, unit, period_start, period_end, val, accession, fy,"
            + " fp, form, filed, frame, filings, last_filed, repeated_in) FROM STDIN (FORMAT csv)";

    /** Receives each row with its concept's taxonomy and name. */
    interface Visitor {
        void row(String taxonomy, String concept, FactValue row) throws SQLException;
    }

    private FactRows() {
    }

    /**
     * Streams a company's rows over an open connection.
     *
     * @param conceptIds only these concepts, or all when null
     * @param unit       only this unit, or all when null
     * @param withNames  join the concept table for each row's taxonomy and name; without, the visitor gets nulls
     */
    static void read(Connection c, long cik, List<Long> conceptIds, String unit, boolean withNames, Visitor visitor)
            throws SQLException {
        StringBuilder sql = new StringBuilder(withNames ? "SELECT k.taxonomy, k.name," : "SELECT NULL, NULL,")
                .append(" f.concept_id, f.unit, f.period_start, f.period_end, f.val, f.accession, f.fy, f.fp,")
                .append(" f.form, f.filed, f.frame, f.repeated_in FROM fact f")
                .append(withNames ? " JOIN concept k ON k.id = f.concept_id" : "").append(" WHERE f.cik = ?");
        if (conceptIds != null) {
            sql.append(" AND f.concept_id IN (").append(String.join(",", Collections.nCopies(conceptIds.size(), "?")))
                    .append(')');
        }
        if (unit != null) {
            sql.append(" AND f.unit = ?");
        }
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int index = 1;
            s.setLong(index++, cik);
            if (conceptIds != null) {
                for (Long id : conceptIds) {
                    s.setLong(index++, id);
                }
            }
            if (unit != null) {
                s.setString(index, unit);
            }
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    visitor.row(rs.getString(1), rs.getString(2), row(rs));
                }
            }
        }
    }

    // Dates go to the driver as LocalDate (JDBC 4.2): java.sql.Date.valueOf and the driver's conversion back through
    // the default time zone were a tenth of a worker's CPU in a profile of the bench's end-to-end run.

    /** Binds a row's key (cik, concept, unit, period end, period start, value) from parameter {@code first}. */
    public static void bindKey(PreparedStatement s, int first, long cik, FactValue row) throws SQLException {
        s.setLong(first, cik);
        s.setLong(first + 1, row.conceptId());
        s.setString(first + 2, row.unit());
        s.setObject(first + 3, row.end());
        if (row.start() == null) {
            s.setNull(first + 4, Types.DATE);
        } else {
            s.setObject(first + 4, row.start());
        }
        s.setBigDecimal(first + 5, row.value());
    }

    /** Binds the first filing's attributes, the number of filings and the later ones from {@code first}. */
    public static void bindReports(PreparedStatement s, int first, FactValue row) throws SQLException {
        FactValue.Report origin = row.first();
        s.setString(first, origin.accession());
        s.setObject(first + 1, origin.fiscalYear(), Types.INTEGER);
        s.setString(first + 2, origin.fiscalPeriod());
        s.setString(first + 3, origin.form());
        s.setObject(first + 4, origin.filed());
        s.setString(first + 5, origin.frame());
        s.setInt(first + 6, row.reports().size());
        s.setObject(first + 7, row.lastFiled());
        s.setString(first + 8, row.repeatedIn());
    }

    private static FactValue row(ResultSet rs) throws SQLException {
        List<FactValue.Report> reports = new ArrayList<>();
        reports.add(new FactValue.Report(rs.getString(8), (Integer) rs.getObject(9), rs.getString(10),
                rs.getString(11), rs.getObject(12, LocalDate.class), rs.getString(13)));
        reports.addAll(ReportList.decode(rs.getString(14)));
        return new FactValue(rs.getLong(3), rs.getString(4), rs.getObject(5, LocalDate.class),
                rs.getObject(6, LocalDate.class), FactValue.normalize(rs.getBigDecimal(7)), List.copyOf(reports));
    }

    /** One row as a line of {@link #COPY}'s CSV. */
    public static void appendCsv(StringBuilder csv, long cik, FactValue row) {
        FactValue.Report first = row.first();
        PostgresCopy.appendRow(csv, cik, row.conceptId(), row.unit(), row.start(), row.end(), row.value(),
                first.accession(), first.fiscalYear(), first.fiscalPeriod(), first.form(), first.filed(),
                first.frame(), row.reports().size(), row.lastFiled(), row.repeatedIn());
    }
}
