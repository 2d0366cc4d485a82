package io.benchmarkos.ingest.kpi;

import io.benchmarkos.ingest.app.AppConfiguration;
import io.benchmarkos.ingest.support.ScratchPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** V10__kpi.sql and V50 on in-memory H2 databases, executed directly (no Flyway needed for two scripts). */
class KpiRepositoryTest {

    private static final Instant FIRST = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-02-02T00:00:00Z");
    private static final String ALL_ITEMS = "SELECT * FROM line_item_value ORDER BY item, fiscal_year, period_kind";
    private static final String ALL_KPIS = "SELECT * FROM kpi_value ORDER BY kpi, fiscal_year, period_kind";

    private JdbcDataSource dataSource;

    @BeforeEach
    void createSchema() throws Exception {
        dataSource = kpiSchema();
    }

    private static JdbcDataSource kpiSchema() throws IOException, SQLException {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:kpi-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            // The repository also records when a company's metrics were computed (V71); nothing else of company.
            statement.execute("CREATE TABLE company (cik BIGINT PRIMARY KEY,"
                    + " metrics_computed_at TIMESTAMP WITH TIME ZONE)");
            for (String script : List.of("V10__kpi.sql", "V50__metric_row_digest.sql")) {
                for (String sql : migration(script).split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
            }
        }
        return db;
    }

    private static String migration(String script) throws IOException {
        try (InputStream in = KpiRepositoryTest.class.getResourceAsStream("/db/migration/" + script)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replaceAll("(?m)^--.*$", "");
        }
    }

    @Test
    void replacesEverythingOfOneCompanyAndKeepsProvenance() throws Exception {
        CompanyMetrics apple = Fixtures.metrics(Fixtures.APPLE, "0926");
        KpiRepository repository = new KpiRepository(dataSource);
        KpiRepository.Outcome first = repository.replaceAll(320193L, apple, FIRST);
        assertThat(first.rows()).isEqualTo(first.written()).isEqualTo(count("line_item_value") + count("kpi_value"));

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT metric_value, unit, concept, accession, form, filed, "
                     + "first_accession, first_filed FROM line_item_value WHERE cik = 320193 AND item = 'total_assets' "
                     + "AND fiscal_year = 2015 AND period_kind = 'FY'")) {
            // Restated by the next 10-K: the restatement answers, the original is kept as the first report.
            assertThat(row.next()).isTrue();
            assertThat(row.getBigDecimal(1)).isEqualByComparingTo("290345000000");
            assertThat(row.getString(2)).isEqualTo("USD");
            assertThat(row.getString(3)).isEqualTo("Assets");
            assertThat(row.getString(4)).isEqualTo("0001628280-16-020309");
            assertThat(row.getString(5)).isEqualTo("10-K");
            assertThat(row.getDate(6)).hasToString("2016-10-26");
            assertThat(row.getString(7)).isEqualTo("0001193125-15-356351");
            assertThat(row.getDate(8)).hasToString("2015-10-28");
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT metric_value, status, derived_from FROM kpi_value "
                     + "WHERE kpi = 'free_cash_flow' AND fiscal_year = 2023 AND period_kind = 'FY'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getBigDecimal(1)).isEqualByComparingTo("99584000000");
            assertThat(row.getString(2)).isEqualTo("available");
            // Both inputs as the FY2023 10-K reported them; later 10-Ks only repeated them.
            assertThat(row.getString(3)).isEqualTo("operating_cash_flow FY2023 2023-09-30=110543000000"
                    + " (us-gaap:NetCashProvidedByUsedInOperatingActivities 10-K 0000320193-23-000106"
                    + " filed 2023-11-03);"
                    + " capex FY2023 2023-09-30=10959000000 (us-gaap:PaymentsToAcquirePropertyPlantAndEquipment 10-K"
                    + " 0000320193-23-000106 filed 2023-11-03)");
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
    void computingTheSameMetricsAgainWritesNothing() throws Exception {
        CompanyMetrics apple = Fixtures.metrics(Fixtures.APPLE, "0926");
        KpiRepository repository = new KpiRepository(dataSource);
        KpiRepository.Outcome first = repository.replaceAll(320193L, apple, FIRST);

        KpiRepository.Outcome again = repository.replaceAll(320193L, apple, SECOND);

        assertThat(again).isEqualTo(new KpiRepository.Outcome(first.rows(), 0, 0));
        assertThat(countWhere("line_item_value", "computed_at > TIMESTAMP WITH TIME ZONE '2026-02-01 00:00:00+00'")
                + countWhere("kpi_value", "computed_at > TIMESTAMP WITH TIME ZONE '2026-02-01 00:00:00+00'")).isZero();
    }

    @Test
    void aNewPriceRewritesOnlyTheRowsItMoves() throws Exception {
        KpiRepository repository = new KpiRepository(dataSource);
        repository.replaceAll(320193L, Fixtures.metrics(Fixtures.APPLE, "0926"), FIRST);
        CompanyMetrics priced = KpiEngine.compute(Fixtures.facts(Fixtures.APPLE), "0926", Optional.of(
                new Quote(new BigDecimal("190.50"), new BigDecimal("150.25"), LocalDate.of(2025, 12, 1), "USD")));

        KpiRepository.Outcome outcome = repository.replaceAll(320193L, priced, SECOND);

        assertThat(outcome.written()).isPositive().isLessThan(outcome.rows() / 10);
        assertThat(outcome.deleted()).isZero();
        assertThat(countWhere("line_item_value", "computed_at > TIMESTAMP WITH TIME ZONE '2026-02-01 00:00:00+00'"))
                .isZero();
        assertThat(countWhere("kpi_value", "kpi = 'market_cap' AND status = 'available'")).isPositive();
        assertSameAsWrittenWhole(priced);
    }

    @Test
    void rowsAnOlderSnapshotNoLongerSupportsAreRemoved() throws Exception {
        KpiRepository repository = new KpiRepository(dataSource);
        repository.replaceAll(320193L, Fixtures.metrics(Fixtures.APPLE, "0926"), FIRST);
        CompanyMetrics older = Fixtures.metrics(Fixtures.APPLE_OLDER, "0926");

        KpiRepository.Outcome outcome = repository.replaceAll(320193L, older, SECOND);

        assertThat(outcome.deleted()).isPositive();
        assertThat(outcome.rows()).isEqualTo(count("line_item_value") + count("kpi_value"));
        assertSameAsWrittenWhole(older);
    }

    @Test
    void rowsWithoutADigestAreWrittenAgain() throws Exception {
        CompanyMetrics apple = Fixtures.metrics(Fixtures.APPLE, "0926");
        KpiRepository repository = new KpiRepository(dataSource);
        repository.replaceAll(320193L, apple, FIRST);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // As V50 leaves the rows of an earlier release.
            statement.execute("UPDATE line_item_value SET row_digest = NULL");
        }

        KpiRepository.Outcome outcome = repository.replaceAll(320193L, apple, SECOND);

        assertThat(outcome.written()).isEqualTo(count("line_item_value"));
        assertThat(countWhere("line_item_value", "row_digest IS NULL")).isZero();
        assertSameAsWrittenWhole(apple);
    }

    @Test
    void aFailedReplaceLeavesThePreviousRows() throws Exception {
        KpiRepository repository = new KpiRepository(dataSource);
        repository.replaceAll(320193L, Fixtures.metrics(Fixtures.APPLE_OLDER, "0926"), FIRST);
        CompanyMetrics apple = Fixtures.metrics(Fixtures.APPLE, "0926");
        List<List<String>> items = rows(dataSource, ALL_ITEMS);
        List<List<String>> kpis = rows(dataSource, ALL_KPIS);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // KPI rows are written after the line items: this makes the second half of the replace fail.
            statement.execute("ALTER TABLE kpi_value ADD CONSTRAINT before_2030 "
                    + "CHECK (computed_at < TIMESTAMP WITH TIME ZONE '2030-01-01 00:00:00+00')");
        }
        assertThatThrownBy(() -> repository.replaceAll(320193L, apple, Instant.parse("2031-01-01T00:00:00Z")))
                .isInstanceOf(SQLException.class);
        assertThat(rows(dataSource, ALL_ITEMS)).isEqualTo(items);
        assertThat(rows(dataSource, ALL_KPIS)).isEqualTo(kpis);
    }

    @Test
    void postgresGetsByCopyTheRowsH2GetsByInsert() throws Exception {
        try (ScratchPostgres scratch = ScratchPostgres.create("bos_kpi")) {
            DataSource postgres = scratch.dataSource();
            AppConfiguration.migrate(postgres);
            CompanyMetrics apple = Fixtures.metrics(Fixtures.APPLE, "0926");
            Instant computedAt = Instant.parse("2026-02-01T10:15:30.123Z");

            // The older snapshot next: some rows change, some go, on both databases alike.
            for (CompanyMetrics metrics : List.of(apple, Fixtures.metrics(Fixtures.APPLE_OLDER, "0926"))) {
                KpiRepository.Outcome onH2 = new KpiRepository(dataSource).replaceAll(320193L, metrics, computedAt);
                KpiRepository.Outcome onPostgres = new KpiRepository(postgres).replaceAll(320193L, metrics,
                        computedAt);

                assertThat(onPostgres).isEqualTo(onH2);
                for (String sql : List.of(ALL_ITEMS, ALL_KPIS)) {
                    List<List<String>> expected = rows(dataSource, sql);
                    assertThat(expected).as(sql).hasSizeGreaterThan(100);
                    assertThat(rows(postgres, sql)).as(sql).isEqualTo(expected);
                }
            }
        }
    }

    /** The rows a diff left are those a write of {@code metrics} into an empty database gives (but their times). */
    private void assertSameAsWrittenWhole(CompanyMetrics metrics) throws Exception {
        JdbcDataSource whole = kpiSchema();
        new KpiRepository(whole).replaceAll(320193L, metrics, SECOND);
        for (String sql : List.of(ALL_ITEMS, ALL_KPIS)) {
            assertThat(withoutTimes(rows(dataSource, sql))).as(sql).hasSizeGreaterThan(100)
                    .isEqualTo(withoutTimes(rows(whole, sql)));
        }
    }

    private static List<List<String>> withoutTimes(List<List<String>> rows) {
        return rows.stream().map(row -> row.stream().filter(column -> !column.startsWith("computed_at=")).toList())
                .toList();
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
        return countWhere(table, "TRUE");
    }

    private int countWhere(String table, String condition) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + condition)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * Stored digests were made from setScale(12).toPlainString(): the padded text must be the same, or every row of
     * every company would be rewritten once after an upgrade.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0", "-0.5", "416161000000", "4.16E+11", "1E-3", "-12.3456789012", "0.1234567890123456789",
        "99999999999999999999999999.999999999999", "-7.0000000000005", "3.00"})
    void numbersAreDigestedAsTheStoredScaleWritesThem(String value) {
        BigDecimal number = new BigDecimal(value);
        StringBuilder text = new StringBuilder();
        KpiRepository.appendAtStoredScale(text, number);
        assertThat(text.toString()).isEqualTo(number.setScale(12, java.math.RoundingMode.HALF_EVEN).toPlainString());
    }
}
