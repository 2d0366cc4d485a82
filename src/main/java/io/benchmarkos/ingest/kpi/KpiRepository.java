package io.benchmarkos.ingest.kpi;

import io.benchmarkos.ingest.Sha256;
import io.benchmarkos.ingest.db.PostgresCopy;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Stores a company's computed line items and KPIs (tables of V10__kpi.sql) with plain JDBC, in one transaction, so
 * readers see either the previous or the new set. Only rows whose content changed are written: each row carries a
 * digest of its columns (V50), and a row whose digest is already stored under its key stays as it is, with its
 * {@code computed_at}. A recompute from unchanged facts (the nightly refresh) then writes only what moved with the
 * price; deleting and inserting every row took most of such a job on H2.
 */
public final class KpiRepository {

    private static final int SCALE = 12;
    private static final int MAX_TEXT = 8000;
    private static final int BATCH = 500;

    private static final String ITEM_COLUMNS = "cik, item, fiscal_year, period_kind, period_start, period_end,"
            + " metric_value, as_filed_value, unit, derived, derivation, taxonomy, concept, accession, form, filed,"
            + " first_value, first_accession, first_filed, derived_from, computed_at, row_digest";
    private static final String KPI_COLUMNS = "cik, kpi, fiscal_year, period_kind, period_start, period_end,"
            + " metric_value, unit, status, reason, taxonomy, concept, accession, form, filed, derived_from,"
            + " computed_at, row_digest";
    private static final Table ITEMS = new Table("line_item_value", "item", ITEM_COLUMNS);
    private static final Table KPIS = new Table("kpi_value", "kpi", KPI_COLUMNS);

    private final DataSource dataSource;

    public KpiRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What a replace did: rows the company has now, and how many of them were written or deleted. */
    public record Outcome(int rows, int written, int deleted) {
    }

    /** Makes the stored line items and KPIs of {@code cik} those of {@code metrics}, writing only what differs. */
    public Outcome replaceAll(long cik, CompanyMetrics metrics, Instant computedAt) throws SQLException {
        RowDigest digest = new RowDigest();
        // One Timestamp for every row: making one from an Instant is costly, and all rows share the same time.
        Timestamp computed = Timestamp.from(computedAt);
        List<Row> items = metrics.allLineItems().stream()
                .map(item -> new Row(itemColumns(cik, item, computed), digest)).toList();
        List<Row> kpis = metrics.allKpis().stream().map(kpi -> new Row(kpiColumns(cik, kpi, computed), digest))
                .toList();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Outcome itemsDone = ITEMS.replace(connection, cik, items);
                Outcome kpisDone = KPIS.replace(connection, cik, kpis);
                markComputed(connection, cik, computed);
                connection.commit();
                return new Outcome(itemsDone.rows() + kpisDone.rows(), itemsDone.written() + kpisDone.written(),
                        itemsDone.deleted() + kpisDone.deleted());
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** In the same transaction as the rows: a company whose facts are newer than this has no metrics for them yet. */
    private static void markComputed(Connection connection, long cik, Timestamp computed) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE company SET metrics_computed_at = ? WHERE cik = ?")) {
            update.setTimestamp(1, computed);
            update.setLong(2, cik);
            update.executeUpdate();
        }
    }

    /** A row's place: the company's line item or KPI, fiscal year and period kind (the table's unique key). */
    private record Key(String name, int fiscalYear, String periodKind) {
    }

    /** A row's values in its table's column order: the key is columns 2–4 and the digest is the last column. */
    private static final class Row {
        private final List<Object> values;

        /** {@code digest} is reused row after row (a digest resets when it is read): one instance per replace. */
        Row(List<Object> content, RowDigest digest) {
            values = new ArrayList<>(content);
            values.add(digest.of(content));
        }

        Key key() {
            return new Key((String) values.get(1), (Integer) values.get(2), (String) values.get(3));
        }

        String digest() {
            return (String) values.get(values.size() - 1);
        }
    }

    /**
     * The digest of a row: sha256 of every column but {@code computed_at} (the last one of the content), each as text
     * followed by a unit separator, null as a NUL character, a number as plain text at the columns' scale of 12.
     * The text of a row is built whole and hashed in one call; a company's first compute digests about 3,000 rows.
     */
    private static final class RowDigest {
        private final MessageDigest sha = Sha256.newDigest();
        private final StringBuilder text = new StringBuilder(1024);

        String of(List<Object> content) {
            text.setLength(0);
            for (int i = 0; i < content.size() - 1; i++) {
                Object value = content.get(i);
                if (value == null) {
                    text.append('\u0000');
                } else if (value instanceof BigDecimal number) {
                    appendAtStoredScale(text, number);
                } else {
                    PostgresCopy.appendPlain(text, value);
                }
                text.append('\u001f');
            }
            sha.update(text.toString().getBytes(StandardCharsets.UTF_8));
            return Sha256.hex(sha);
        }
    }

    private record Table(String name, String nameColumn, String columns) {

        Outcome replace(Connection connection, long cik, List<Row> rows) throws SQLException {
            Map<Key, String> stored = storedDigests(connection, cik);
            List<Row> changed = new ArrayList<>();
            List<Key> outdated = new ArrayList<>();
            for (Row row : rows) {
                String digest = stored.remove(row.key());
                if (!row.digest().equals(digest)) {
                    changed.add(row);
                    if (digest != null) {
                        outdated.add(row.key());
                    }
                }
            }
            // What is left of the stored rows is no longer computed (e.g. a period the facts no longer support).
            outdated.addAll(stored.keySet());
            delete(connection, cik, outdated);
            write(connection, changed);
            return new Outcome(rows.size(), changed.size(), stored.size());
        }

        private Map<Key, String> storedDigests(Connection connection, long cik) throws SQLException {
            Map<Key, String> digests = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + nameColumn
                    + ", fiscal_year, period_kind, row_digest FROM " + name + " WHERE cik = ?")) {
                select.setLong(1, cik);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        // A row of an earlier release has no digest: an empty one never matches, so it is rewritten.
                        digests.put(new Key(rs.getString(1), rs.getInt(2), rs.getString(3)),
                                Objects.requireNonNullElse(rs.getString(4), ""));
                    }
                }
            }
            return digests;
        }

        private void delete(Connection connection, long cik, List<Key> keys) throws SQLException {
            if (keys.isEmpty()) {
                return;
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + name + " WHERE cik = ? AND "
                    + nameColumn + " = ? AND fiscal_year = ? AND period_kind = ?")) {
                int pending = 0;
                for (Key key : keys) {
                    delete.setLong(1, cik);
                    delete.setString(2, key.name());
                    delete.setInt(3, key.fiscalYear());
                    delete.setString(4, key.periodKind());
                    delete.addBatch();
                    if (++pending % BATCH == 0) {
                        delete.executeBatch();
                    }
                }
                delete.executeBatch();
            }
        }

        /**
         * Inserts rows: by COPY on PostgreSQL (the bench measures its batch INSERT at under a third of COPY's rate,
         * and a company's first compute writes about 2,900 of these rows), by batch INSERT elsewhere.
         */
        private void write(Connection connection, List<Row> rows) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            if (PostgresCopy.supportedBy(connection)) {
                StringBuilder csv = new StringBuilder(rows.size() * 256);
                rows.forEach(row -> PostgresCopy.appendRow(csv, row.values.toArray()));
                PostgresCopy.copyIn(connection, "COPY " + name + " (" + columns + ") FROM STDIN (FORMAT csv)", csv);
                return;
            }
            int count = columns.split(",").length;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + name + " (" + columns
                    + ") VALUES (" + String.join(", ", Collections.nCopies(count, "?")) + ")")) {
                int pending = 0;
                for (Row row : rows) {
                    for (int i = 0; i < row.values.size(); i++) {
                        bind(insert, i + 1, row.values.get(i));
                    }
                    insert.addBatch();
                    if (++pending % BATCH == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
        }
    }

    /**
     * The plain text of {@code number} at scale 12, as the database keeps it, for the row digest. Padding the number's
     * own text with zeros gives the text of {@code setScale(12)} without its 30-digit multiply and divide.
     */
    static void appendAtStoredScale(StringBuilder text, BigDecimal number) {
        int scale = number.scale();
        if (scale > SCALE) {
            text.append(number.setScale(SCALE, RoundingMode.HALF_EVEN).toPlainString());
            return;
        }
        text.append(number.toPlainString());
        if (scale <= 0) {
            text.append('.');
        }
        for (int i = Math.max(scale, 0); i < SCALE; i++) {
            text.append('0');
        }
    }

    /** Values in the column order of {@link #ITEM_COLUMNS}. */
    private static List<Object> itemColumns(long cik, LineItemValue item, Timestamp computedAt) {
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
    private static List<Object> kpiColumns(long cik, KpiValue kpi, Timestamp computedAt) {
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

    /** Typed setters: {@code setObject} makes the driver find each value's type again, row after row. */
    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof BigDecimal number) {
            statement.setBigDecimal(index, number);
        } else if (value instanceof Timestamp timestamp) {
            statement.setTimestamp(index, timestamp);
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
        return kpi.inputs().stream().map(LineItemValue::describeAsInput).collect(Collectors.joining("; "));
    }

    /**
     * A number the NUMERIC(38, 12) columns keep as it is; one with more decimals is rounded here, so that the digest
     * describes what is stored.
     */
    private static BigDecimal scaled(BigDecimal value) {
        return value == null || value.scale() <= SCALE ? value : value.setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + '…';
    }
}
