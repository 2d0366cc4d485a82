package io.benchmarkos.ingest.kpi;

import io.benchmarkos.ingest.app.AppConfiguration;
import io.benchmarkos.ingest.support.ScratchPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** V10__kpi.sql on an in-memory H2 database, executed directly (no Flyway needed for one script). */
class KpiRepositoryTest {

    private JdbcDataSource dataSource;

    @BeforeEach
    void createSchema() throws Exception {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:kpi-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : migration().split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    private static String migration() throws IOException {
        try (InputStream in = KpiRepositoryTest.class.getResourceAsStream("/db/migration/V10__kpi.sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replaceAll("(?m)^--.*$", "");
        }
    }

    @Test
    void replacesEverythingOfOneCompanyAndKeepsProvenance() throws Exception {
        CompanyMetrics apple = Fixtures.metrics(Fixtures.APPLE, "0926");
        KpiRepository repository = new KpiRepository(dataSource);
        int first = repository.replaceAll(320193L, apple, Instant.parse("2026-02-01T00:00:00Z"));
        int second = repository.replaceAll(320193L, apple, Instant.parse("2026-02-02T00:00:00Z"));
        assertThat(second).isEqualTo(first).isEqualTo(count("line_item_value") + count("kpi_value"));

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT metric_value, unit, concept, accession, form, filed, "
                     + "first_accession, first_filed FROM line_item_value WHERE cik = 320193 AND item = 'revenue' "
                     + "AND fiscal_year = 2023 AND period_kind = 'FY'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getBigDecimal(1)).isEqualByComparingTo("383285000000");
            assertThat(row.getString(2)).isEqualTo("USD");
            assertThat(row.getString(3)).isEqualTo("RevenueFromContractWithCustomerExcludingAssessedTax");
            assertThat(row.getString(4)).isEqualTo("0000320193-25-000079");
            assertThat(row.getString(5)).isEqualTo("10-K");
            assertThat(row.getDate(6)).hasToString("2025-10-31");
            assertThat(row.getString(7)).isEqualTo("0000320193-23-000106");
            assertThat(row.getDate(8)).hasToString("2023-11-03");
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT metric_value, status, derived_from FROM kpi_value "
                     + "WHERE kpi = 'free_cash_flow' AND fiscal_year = 2023 AND period_kind = 'FY'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getBigDecimal(1)).isEqualByComparingTo("99584000000");
            assertThat(row.getString(2)).isEqualTo("available");
            assertThat(row.getString(3)).contains("0000320193-25-000079");
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT status, reason, metric_value FROM kpi_value "
                     + "WHERE kpi = 'pe_ratio' AND period_kind = 'TTM'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("unavailable");
            assertThat(row.getString(2)).contains("no price");
            assertThat(row.getBigDecimal(3)).isNull();
        }
    }

    @Test
    void aFailedReplaceLeavesThePreviousRows() throws Exception {
        CompanyMetrics apple = Fixtures.metrics(Fixtures.APPLE, "0926");
        KpiRepository repository = new KpiRepository(dataSource);
        repository.replaceAll(320193L, apple, Instant.parse("2026-02-01T00:00:00Z"));
        int items = count("line_item_value");
        int kpis = count("kpi_value");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // KPI rows are written after the line items: this makes the second half of the replace fail.
            statement.execute("ALTER TABLE kpi_value ADD CONSTRAINT before_2030 "
                    + "CHECK (computed_at < TIMESTAMP WITH TIME ZONE '2030-01-01 00:00:00+00')");
        }
        assertThatThrownBy(() -> repository.replaceAll(320193L, apple, Instant.parse("2031-01-01T00:00:00Z")))
                .isInstanceOf(SQLException.class);
        assertThat(count("line_item_value")).isEqualTo(items);
        assertThat(count("kpi_value")).isEqualTo(kpis);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM line_item_value WHERE computed_at > "
                     + "TIMESTAMP WITH TIME ZONE '2030-01-01 00:00:00+00'")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }

    @Test
    void postgresGetsByCopyTheRowsH2GetsByInsert() throws Exception {
        try (ScratchPostgres scratch = ScratchPostgres.create("bos_kpi")) {
            DataSource postgres = scratch.dataSource();
            AppConfiguration.migrate(postgres);
            CompanyMetrics apple = Fixtures.metrics(Fixtures.APPLE, "0926");
            Instant computedAt = Instant.parse("2026-02-01T10:15:30.123Z");

            new KpiRepository(dataSource).replaceAll(320193L, apple, computedAt);
            new KpiRepository(postgres).replaceAll(320193L, apple, computedAt);

            for (String sql : List.of("SELECT * FROM line_item_value ORDER BY item, fiscal_year, period_kind",
                    "SELECT * FROM kpi_value ORDER BY kpi, fiscal_year, period_kind")) {
                List<List<String>> expected = rows(dataSource, sql);
                assertThat(expected).as(sql).hasSizeGreaterThan(100);
                assertThat(rows(postgres, sql)).as(sql).isEqualTo(expected);
            }
        }
    }

    /** Every column as text, numbers without trailing zeros and times as instants, so both databases compare. */
    private static List<List<String>> rows(DataSource db, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = meta.getColumnType(i) == Types.TIMESTAMP_WITH_TIMEZONE
                            || meta.getColumnType(i) == Types.TIMESTAMP ? rs.getTimestamp(i) : rs.getObject(i);
                    row.add(meta.getColumnName(i).toLowerCase() + "=" + (value == null ? null
                            : value instanceof BigDecimal number ? number.stripTrailingZeros().toPlainString()
                            : value instanceof java.sql.Timestamp time ? time.toInstant().toString()
                            : value.toString()));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private int count(String table) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
