package io.benchmarkos.ingest.facts;

import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Flyway V41: moves the one-row-per-entry facts of {@code fact_entry_v1} (renamed by V40) into the one-row-per-value
 * table, grouping them exactly as a load does ({@link FactSeries}), then drops the old table.
 */
public final class FactPerValueMigration extends SchemaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(FactPerValueMigration.class);
    private static final int BATCH = 2000;

    public FactPerValueMigration() {
        super("41", "move facts to one row per value");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        LOG.info("Moving stored facts to one row per value (schema version 41); this reads every stored entry once"
                + " and the application starts when it is done");
        long entries = 0;
        long rows = 0;
        try (PreparedStatement read = c.prepareStatement("SELECT cik, concept_id, unit, period_start, period_end,"
                     + " accession, val, fy, fp, form, filed, frame FROM fact_entry_v1 ORDER BY cik, concept_id, unit");
             PreparedStatement insert = c.prepareStatement(FactRows.INSERT)) {
            read.setFetchSize(5000);
            try (ResultSet rs = read.executeQuery()) {
                FactSeries series = null;
                long cik = 0;
                while (rs.next()) {
                    long rowCik = rs.getLong(1);
                    long conceptId = rs.getLong(2);
                    String unit = rs.getString(3);
                    if (series == null || rowCik != cik || !series.isOf(conceptId, unit)) {
                        rows += insertRows(insert, cik, series);
                        cik = rowCik;
                        series = new FactSeries(conceptId, unit, List.of());
                    }
                    Date start = rs.getDate(4);
                    series.add(new ReportedFact(null, null, unit, start == null ? null : start.toLocalDate(),
                            rs.getDate(5).toLocalDate(), rs.getBigDecimal(7), rs.getString(6),
                            (Integer) rs.getObject(8), rs.getString(9), rs.getString(10),
                            rs.getDate(11).toLocalDate(), rs.getString(12)));
                    entries++;
                }
                rows += insertRows(insert, cik, series);
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE fact_entry_v1");
        }
        LOG.info("Moved {} stored fact entries into {} rows of one value each", entries, rows);
    }

    private static int insertRows(PreparedStatement insert, long cik, FactSeries series) throws SQLException {
        if (series == null) {
            return 0;
        }
        int pending = 0;
        int rows = 0;
        for (FactValue row : series.rows()) {
            FactRows.bindKey(insert, 1, cik, row);
            FactRows.bindReports(insert, 7, row);
            insert.addBatch();
            rows++;
            if (++pending == BATCH) {
                insert.executeBatch();
                pending = 0;
            }
        }
        insert.executeBatch();
        return rows;
    }
}
