package io.benchmarkos.ingest.kpi;

import io.benchmarkos.ingest.db.PostgresCopy;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Stores a company's computed line items and KPIs (tables of V10__kpi.sql) with plain JDBC: the old rows of the CIK
 * are deleted and the new ones batch-inserted in one transaction, so readers see either the previous or the new set.
 */
public final class KpiRepository {

    private static final int SCALE = 12;
    private static final int MAX_TEXT = 8000;
    private static final int BATCH = 500;

    private static final String ITEM_COLUMNS = "cik, item, fiscal_year, period_kind, period_start, period_end,"
            + " metric_value, as_filed_value, unit, derived, derivation, taxonomy, concept, accession, form, filed,"
            + " first_value, first_accession, first_filed, derived_from, computed_at";
    private static final String KPI_COLUMNS = "cik, kpi, fiscal_year, period_kind, period_start, period_end,"
            + " metric_value, unit, status, reason, taxonomy, concept, accession, form, filed, derived_from,"
            + " computed_at";
    private static final String INSERT_ITEM = "INSERT INTO line_item_value (" + ITEM_COLUMNS + ") VALUES ("
            + placeholders(21) + ")";
    private static final String INSERT_KPI = "INSERT INTO kpi_value (" + KPI_COLUMNS + ") VALUES ("
            + placeholders(17) + ")";
    private static final String COPY_ITEM = "COPY line_item_value (" + ITEM_COLUMNS + ") FROM STDIN (FORMAT csv)";
    private static final String COPY_KPI = "COPY kpi_value (" + KPI_COLUMNS + ") FROM STDIN (FORMAT csv)";

    private final DataSource dataSource;

    public KpiRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Replaces every stored line item and KPI of {@code cik}; returns the number of rows written. */
    public int replaceAll(long cik, CompanyMetrics metrics, Instant computedAt) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                deleteAll(connection, cik);
                List<List<Object>> items = metrics.allLineItems().stream()
                        .map(item -> itemColumns(cik, item, computedAt)).toList();
                List<List<Object>> kpis = metrics.allKpis().stream()
                        .map(kpi -> kpiColumns(cik, kpi, computedAt)).toList();
                write(connection, INSERT_ITEM, COPY_ITEM, items);
                write(connection, INSERT_KPI, COPY_KPI, kpis);
                int rows = items.size() + kpis.size();
                connection.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static void deleteAll(Connection connection, long cik) throws SQLException {
        for (String table : List.of("line_item_value", "kpi_value")) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE cik = ?")) {
                delete.setLong(1, cik);
                delete.executeUpdate();
            }
        }
    }

    /**
     * Writes rows of one table: by COPY on PostgreSQL (the bench measures its batch INSERT at under a third of
     * COPY's rate, and a job writes about 2,900 of these rows), by batch INSERT elsewhere.
     */
    private static void write(Connection connection, String insertSql, String copySql, List<List<Object>> rows)
            throws SQLException {
        if (PostgresCopy.supportedBy(connection)) {
            StringBuilder csv = new StringBuilder(rows.size() * 256);
            rows.forEach(row -> PostgresCopy.appendRow(csv, row.toArray()));
            PostgresCopy.copyIn(connection, copySql, csv);
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
            int pending = 0;
            for (List<Object> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    bind(insert, i + 1, row.get(i));
                }
                insert.addBatch();
                if (++pending % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /** Values in the column order of {@link #ITEM_COLUMNS}. */
    private static List<Object> itemColumns(long cik, LineItemValue item, Instant computedAt) {
        Optional<ReportedValue> first = item.asFirstReported();
        Provenance source = item.source();
        return Arrays.asList(cik, item.item(), item.period().fiscalYear(), item.period().code(), item.start(),
                item.end(), scaled(item.value()), scaled(item.asFiled()), item.unit(), item.isDerived(),
                truncate(item.derivation(), 1000),
                source == null ? null : source.taxonomy(),
                source == null ? null : source.concept(),
                source == null ? null : source.accession(),
                source == null ? null : source.form(),
                source == null ? null : source.filed(),
                first.map(r -> scaled(r.asFiled())).orElse(null),
                first.map(r -> r.source().accession()).orElse(null),
                first.map(r -> r.source().filed()).orElse(null),
                truncate(item.describeInputs(), MAX_TEXT), computedAt);
    }

    /** Values in the column order of {@link #KPI_COLUMNS}. */
    private static List<Object> kpiColumns(long cik, KpiValue kpi, Instant computedAt) {
        // A KPI that is one line item keeps that item's provenance in the columns; others list their inputs.
        Provenance single = kpi.inputs().size() == 1 && !kpi.inputs().get(0).isDerived()
                ? kpi.inputs().get(0).source() : null;
        return Arrays.asList(cik, kpi.kpi(), kpi.period().fiscalYear(), kpi.period().code(),
                kpi.inputs().stream().map(LineItemValue::start).filter(d -> d != null)
                        .min(Comparator.naturalOrder()).orElse(null),
                kpi.inputs().stream().map(LineItemValue::end).max(Comparator.naturalOrder()).orElse(null),
                scaled(kpi.value()), kpi.unit(), kpi.status().code(), truncate(kpi.reason(), 2000),
                single == null ? null : single.taxonomy(),
                single == null ? null : single.concept(),
                single == null ? null : single.accession(),
                single == null ? null : single.form(),
                single == null ? null : single.filed(),
                truncate(describeInputs(kpi), MAX_TEXT), computedAt);
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Instant instant) {
            statement.setTimestamp(index, Timestamp.from(instant));
        } else if (value == null) {
            statement.setNull(index, Types.NULL);
        } else {
            statement.setObject(index, value);
        }
    }

    private static String describeInputs(KpiValue kpi) {
        if (kpi.inputs().isEmpty()) {
            return null;
        }
        return kpi.inputs().stream()
                .map(i -> i.item() + ' ' + i.period().code() + ' ' + i.end() + '=' + i.value().toPlainString() + " ("
                        + (i.isDerived() ? i.derivation() : i.source().toString()) + ')')
                .collect(Collectors.joining("; "));
    }

    private static BigDecimal scaled(BigDecimal value) {
        return value == null ? null : value.setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + '…';
    }
}
