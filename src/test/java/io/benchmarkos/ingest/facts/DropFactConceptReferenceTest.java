package io.benchmarkos.ingest.facts;

import io.benchmarkos.ingest.app.AppConfiguration;
import io.benchmarkos.ingest.support.MemoryDatabase;
import io.benchmarkos.ingest.support.ScratchPostgres;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** V42 removes the fact-to-concept reference (and H2's index for it) from a database that has it, on both kinds. */
class DropFactConceptReferenceTest {

    @Test
    void h2DatabaseLosesTheReferenceAndItsIndexAndKeepsItsFacts() throws Exception {
        JdbcDataSource db = MemoryDatabase.empty("v42");
        upgradeKeepsFactsAndDropsTheReference(db);
        try (Connection c = db.getConnection()) {
            assertThat(indexedColumnLists(c)).as("indexes of fact").containsExactly(
                    List.of("CIK", "CONCEPT_ID", "UNIT", "PERIOD_END", "PERIOD_START", "VAL"));
        }
    }

    @Test
    void postgresDatabaseLosesTheReference() throws Exception {
        try (ScratchPostgres postgres = ScratchPostgres.create("bos_v42")) {
            upgradeKeepsFactsAndDropsTheReference(postgres.dataSource());
        }
    }

    private static void upgradeKeepsFactsAndDropsTheReference(DataSource db) throws Exception {
        Flyway.configure().dataSource(db).locations("classpath:db/migration")
                .javaMigrations(new FactPerValueMigration()).target("41").load().migrate();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            assertThat(DropFactConceptReference.conceptReferences(c)).as("before V42").hasSize(1);
            s.execute("INSERT INTO concept (id, taxonomy, name) VALUES (1, 'us-gaap', 'Revenues')");
            s.execute("INSERT INTO fact (cik, concept_id, unit, period_end, val, accession, form, filed, filings,"
                    + " last_filed) VALUES (5, 1, 'USD', DATE '2023-09-30', 100, 'a-23', '10-K', DATE '2023-11-03', 1,"
                    + " DATE '2023-11-03')");
        }

        AppConfiguration.migrate(db);

        try (Connection c = db.getConnection()) {
            assertThat(DropFactConceptReference.conceptReferences(c)).as("after V42").isEmpty();
            assertThat(new StoredFacts(db).of(5)).extracting(ReportedFact::accession).containsExactly("a-23");
        }
    }

    /** The column lists of fact's indexes, one list per index. */
    private static List<List<String>> indexedColumnLists(Connection c) throws SQLException {
        List<List<String>> indexes = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT INDEX_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
                     + " WHERE TABLE_NAME = 'FACT' ORDER BY INDEX_NAME, ORDINAL_POSITION")) {
            String current = null;
            while (rs.next()) {
                if (!rs.getString(1).equals(current)) {
                    current = rs.getString(1);
                    indexes.add(new ArrayList<>());
                }
                indexes.get(indexes.size() - 1).add(rs.getString(2));
            }
        }
        return indexes;
    }
}
