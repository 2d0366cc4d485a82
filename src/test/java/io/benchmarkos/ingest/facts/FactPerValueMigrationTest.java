package io.benchmarkos.ingest.facts;

import io.benchmarkos.ingest.app.AppConfiguration;
import io.benchmarkos.ingest.support.MemoryDatabase;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database written by a version with one row per entry keeps every entry after the upgrade. */
class FactPerValueMigrationTest {

    @Test
    void entriesOfTheOldTableBecomeRowsOfOneValueEach() throws Exception {
        JdbcDataSource db = MemoryDatabase.empty("migration");
        Flyway.configure().dataSource(db).locations("classpath:db/migration").target("30").load().migrate();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO concept (id, taxonomy, name) VALUES (1, 'us-gaap', 'Revenues'),"
                    + " (2, 'dei', 'EntityCommonStockSharesOutstanding')");
            s.execute("INSERT INTO fact (cik, concept_id, unit, period_start, period_end, accession, val, fy, fp, form,"
                    + " filed, frame) VALUES"
                    + " (5, 1, 'USD', DATE '2022-09-25', DATE '2023-09-30', 'a-24', 100.0, 2024, 'FY', '10-K',"
                    + " DATE '2024-11-01', 'CY2023'),"
                    + " (5, 1, 'USD', DATE '2022-09-25', DATE '2023-09-30', 'a-23', 100, 2023, 'FY', '10-K',"
                    + " DATE '2023-11-03', NULL),"
                    + " (5, 1, 'USD', DATE '2022-09-25', DATE '2023-09-30', 'a-25', 101, 2025, 'FY', '10-K/A',"
                    + " DATE '2025-01-10', NULL),"
                    + " (5, 2, 'shares', NULL, DATE '2023-10-20', 'a-23', 15550061000, 2023, 'FY', '10-K',"
                    + " DATE '2023-11-03', 'CY2023Q3I'),"
                    + " (6, 1, 'USD', DATE '2022-09-25', DATE '2023-09-30', 'b-23', 100, 2023, 'FY', '10-K',"
                    + " DATE '2023-11-03', NULL)");
        }

        AppConfiguration.migrate(db);

        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(filings) FROM fact")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows").isEqualTo(4);
            assertThat(rs.getLong(2)).as("entries").isEqualTo(5);
        }
        List<ReportedFact> company5 = new StoredFacts(db).of(5);
        assertThat(company5).hasSize(4);
        assertThat(company5).filteredOn(f -> f.accession().equals("a-24")).singleElement()
                .satisfies(f -> {
                    assertThat(f.value()).isEqualByComparingTo("100");
                    assertThat(f.frame()).isEqualTo("CY2023");
                    assertThat(f.fiscalYear()).isEqualTo(2024);
                });
        assertThat(company5).filteredOn(f -> f.concept().equals("EntityCommonStockSharesOutstanding"))
                .singleElement().satisfies(f -> assertThat(f.start()).isNull());
        assertThat(new StoredFacts(db).of(6)).extracting(ReportedFact::accession).containsExactly("b-23");
    }

    @Test
    void aDatabaseMigratedByANewerVersionStopsThisOneFromStarting() throws Exception {
        JdbcDataSource db = MemoryDatabase.migrated("future");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\","
                    + " \"type\", \"script\", \"installed_by\", \"execution_time\", \"success\")"
                    + " VALUES (999, '999', 'from a newer version', 'SQL', 'V999__newer.sql', 'sa', 1, TRUE)");
        }

        assertThatThrownBy(() -> AppConfiguration.migrate(db))
                .hasMessageContaining("upgraded by a newer benchmarkos-ingest")
                .hasMessageContaining("999 (from a newer version)")
                .hasMessageNotContaining("repair");
    }
}
