package io.benchmarkos.ingest.kpi;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
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

    private static final String INSERT_ITEM = "INSERT INTO line_item_value (cik, item, fiscal_year, period_kind, "
            + "period_start, period_end, metric_value, as_filed_value, unit, derived, derivation, taxonomy, concept, "
            + "accession, form, filed, first_value, first_accession, first_filed, derived_from, computed_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_KPI = "INSERT INTO kpi_value (cik, kpi, fiscal_year, period_kind, "
            + "period_start, period_end, metric_value, unit, status, reason, taxonomy, concept, accession, form, "
            + "filed, derived_from, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

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
                int rows = insertItems(connection, cik, metrics.allLineItems(), computedAt)
                        + insertKpis(connection, cik, metrics.allKpis(), computedAt);
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

    private static int insertItems(Connection connection, long cik, List<LineItemValue> items, Instant computedAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ITEM)) {
            int pending = 0;
            for (LineItemValue item : items) {
                bindItem(insert, cik, item, computedAt);
                insert.addBatch();
                if (++pending % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            return items.size();
        }
    }

    private static void bindItem(PreparedStatement insert, long cik, LineItemValue item, Instant computedAt)
            throws SQLException {
        Optional<ReportedValue> first = item.asFirstReported();
        Provenance source = item.source();
        insert.setLong(1, cik);
        insert.setString(2, item.item());
        insert.setInt(3, item.period().fiscalYear());
        insert.setString(4, item.period().code());
        setDate(insert, 5, item.start());
        setDate(insert, 6, item.end());
        insert.setBigDecimal(7, scaled(item.value()));
        insert.setBigDecimal(8, scaled(item.asFiled()));
        insert.setString(9, item.unit());
        insert.setBoolean(10, item.isDerived());
        insert.setString(11, truncate(item.derivation(), 1000));
        insert.setString(12, source == null ? null : source.taxonomy());
        insert.setString(13, source == null ? null : source.concept());
        insert.setString(14, source == null ? null : source.accession());
        insert.setString(15, source == null ? null : source.form());
        setDate(insert, 16, source == null ? null : source.filed());
        insert.setBigDecimal(17, first.map(r -> scaled(r.asFiled())).orElse(null));
        insert.setString(18, first.map(r -> r.source().accession()).orElse(null));
        setDate(insert, 19, first.map(r -> r.source().filed()).orElse(null));
        insert.setString(20, truncate(item.describeInputs(), MAX_TEXT));
        insert.setTimestamp(21, Timestamp.from(computedAt));
    }

    private static int insertKpis(Connection connection, long cik, List<KpiValue> kpis, Instant computedAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_KPI)) {
            int pending = 0;
            for (KpiValue kpi : kpis) {
                bindKpi(insert, cik, kpi, computedAt);
                insert.addBatch();
                if (++pending % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            return kpis.size();
        }
    }

    private static void bindKpi(PreparedStatement insert, long cik, KpiValue kpi, Instant computedAt)
            throws SQLException {
        // A KPI that is one line item keeps that item's provenance in the columns; others list their inputs.
        Provenance single = kpi.inputs().size() == 1 && !kpi.inputs().get(0).isDerived()
                ? kpi.inputs().get(0).source() : null;
        insert.setLong(1, cik);
        insert.setString(2, kpi.kpi());
        insert.setInt(3, kpi.period().fiscalYear());
        insert.setString(4, kpi.period().code());
        setDate(insert, 5, kpi.inputs().stream().map(LineItemValue::start).filter(d -> d != null)
                .min(Comparator.naturalOrder()).orElse(null));
        setDate(insert, 6, kpi.inputs().stream().map(LineItemValue::end).max(Comparator.naturalOrder()).orElse(null));
        insert.setBigDecimal(7, scaled(kpi.value()));
        insert.setString(8, kpi.unit());
        insert.setString(9, kpi.status().code());
        insert.setString(10, truncate(kpi.reason(), 2000));
        insert.setString(11, single == null ? null : single.taxonomy());
        insert.setString(12, single == null ? null : single.concept());
        insert.setString(13, single == null ? null : single.accession());
        insert.setString(14, single == null ? null : single.form());
        setDate(insert, 15, single == null ? null : single.filed());
        insert.setString(16, truncate(describeInputs(kpi), MAX_TEXT));
        insert.setTimestamp(17, Timestamp.from(computedAt));
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

    private static void setDate(PreparedStatement statement, int index, LocalDate date) throws SQLException {
        if (date == null) {
            statement.setNull(index, Types.DATE);
        } else {
            statement.setDate(index, Date.valueOf(date));
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + '…';
    }
}
