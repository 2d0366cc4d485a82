package io.benchmarkos.ingest.facts;

import io.benchmarkos.ingest.support.MemoryDatabase;
import io.benchmarkos.ingest.support.SqlCount;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FactLoadTest {

    private static final long CIK = 320193;
    private JdbcDataSource db;
    private FactLoader loader;

    @BeforeEach
    void freshDatabase() {
        db = MemoryDatabase.migrated("factload");
        loader = new FactLoader(db, new ConceptIds(db), Clock.systemUTC(), 2);
    }

    private static String entry(String value, String accession, String filed) {
        return "{\"start\":\"2022-09-25\",\"end\":\"2023-09-30\",\"val\":" + value + ",\"accn\":\"" + accession
                + "\",\"fy\":2023,\"fp\":\"FY\",\"form\":\"10-K\",\"filed\":\"" + filed + "\"}";
    }

    private static String document(String units) {
        return "{\"cik\":" + CIK + ",\"entityName\":\"Apple Inc.\",\"facts\":{\"us-gaap\":{\"Revenues\":"
                + "{\"label\":\"Revenues\",\"units\":{" + units + "}}}}}";
    }

    private FactLoad load(String json) throws Exception {
        return load(loader, json);
    }

    private static FactLoad load(FactLoader loader, String json) throws Exception {
        try (FactLoad load = loader.open(CIK, new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                null, true)) {
            var batches = load.reader().batches(2);
            while (batches.hasNext()) {
                load.write(batches.next());
            }
            load.commit(null);
            return load;
        }
    }

    private long count(String sql) throws Exception {
        return SqlCount.of(db, sql);
    }

    @Test
    void aJobsYearsCountBackFromTheFirstOfJanuaryOfThisYear() {
        FactLoader inDecember2026 = new FactLoader(db, new ConceptIds(db),
                Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC), 2);

        assertThat(inDecember2026.keepFrom(2)).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(inDecember2026.keepFrom(1)).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(inDecember2026.keepFrom(null)).as("no limit").isNull();
    }

    @Test
    void aLoadFromADateKeepsPeriodsEndingThatDayAndSkipsTheDayBefore() throws Exception {
        String json = document("\"USD\":[{\"end\":\"2023-12-31\",\"val\":1,\"accn\":\"a-1\",\"form\":\"10-K\","
                + "\"filed\":\"2024-02-01\"},{\"end\":\"2024-01-01\",\"val\":2,\"accn\":\"a-1\",\"form\":\"10-K\","
                + "\"filed\":\"2024-02-01\"}]");

        try (FactLoad load = loader.open(CIK, new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                LocalDate.of(2024, 1, 1), true)) {
            var batches = load.reader().batches(2);
            while (batches.hasNext()) {
                load.write(batches.next());
            }
            load.commit(null);
        }

        assertThat(count("SELECT COUNT(*) FROM fact")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM fact WHERE period_end = DATE '2024-01-01'")).isEqualTo(1);
    }

    @Test
    void aUnitListedTwiceInOneDocumentMergesInsteadOfCollidingWithItself() throws Exception {
        // JSON allows a repeated key; the second "USD" list must merge with the rows the first one just wrote.
        String json = document("\"USD\":[" + entry("100", "a-23", "2023-11-03") + "],"
                + "\"shares\":[" + entry("7", "a-23", "2023-11-03") + "],"
                + "\"USD\":[" + entry("100", "a-24", "2024-11-01") + "," + entry("100", "a-23", "2023-11-03") + "]");

        FactLoad load = load(json);

        assertThat(load.read()).isEqualTo(4);
        assertThat(load.inserted()).isEqualTo(3);
        assertThat(load.unchanged()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM fact")).isEqualTo(2);
        assertThat(count("SELECT SUM(filings) FROM fact")).isEqualTo(3);
    }

    @Test
    void aUnitListedAgainWithinTheSameBatchMergesWithTheRowsItsFirstListingWrote() throws Exception {
        // The second "USD" list comes while the first one's rows are still an unexecuted batch.
        String json = document("\"USD\":[" + entry("100", "a-23", "2023-11-03") + "],"
                + "\"shares\":[" + entry("7", "a-23", "2023-11-03") + "],"
                + "\"USD\":[" + entry("100", "a-24", "2024-11-01") + "]");

        try (FactLoad load = open(json)) {
            load.write(load.reader().batches(10).next());
            load.commit(null);
            assertThat(load.inserted()).isEqualTo(3);
        }

        assertThat(count("SELECT COUNT(*) FROM fact")).isEqualTo(2);
        assertThat(count("SELECT filings FROM fact WHERE unit = 'USD'")).isEqualTo(2);
    }

    @Test
    void theFactsAreMarkedCurrentOnlyForTheDocumentTheyWereLastLoadedFrom() throws Exception {
        Instant loadedAt = Instant.parse("2026-12-01T08:00:00Z");
        Instant later = Instant.parse("2026-12-05T08:00:00Z");
        FactLoader earlier = new FactLoader(db, new ConceptIds(db), Clock.fixed(loadedAt, ZoneOffset.UTC), 2);
        try (FactLoad load = earlier.open(CIK, document("\"USD\":[" + entry("100", "a-23", "2023-11-03") + "]")
                .getBytes(StandardCharsets.UTF_8), null)) {
            load.write(load.reader().batches(10).next());
            load.commit("sha-of-the-newer-document");
        }
        FactLoader now = new FactLoader(db, new ConceptIds(db), Clock.fixed(later, ZoneOffset.UTC), 2);

        now.markCurrent(CIK, "sha-of-an-older-document");
        assertThat(factsLoadedAt()).as("another document's bytes say nothing of the stored facts")
                .isEqualTo(loadedAt);

        now.markCurrent(CIK, "sha-of-the-newer-document");
        assertThat(factsLoadedAt()).isEqualTo(later);
    }

    private Instant factsLoadedAt() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT facts_loaded_at FROM company WHERE cik = " + CIK)) {
            assertThat(rs.next()).isTrue();
            return rs.getTimestamp(1).toInstant();
        }
    }

    @Test
    void aLoadThatCollidesWithAnotherJobsLoadOfTheCompanyIsToldToLoadAgain() throws Exception {
        String json = document("\"USD\":[" + entry("100", "a-23", "2023-11-03") + ","
                + entry("96", "a-22", "2022-10-28") + "]");
        // Both opened before either committed: neither saw the other's rows.
        try (FactLoad first = open(json); FactLoad second = open(json)) {
            first.write(first.reader().batches(10).next());
            first.commit(null);

            assertThatThrownBy(() -> {
                second.write(second.reader().batches(10).next());
                second.commit(null);
            }).isInstanceOf(ConcurrentLoadException.class)
                    .hasMessageStartingWith("rows of CIK " + CIK + " were being written by another job");
        }

        FactLoad again = load(json);
        assertThat(again.unchanged()).as("loaded again, it merges with what the first stored").isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM fact")).isEqualTo(2);
    }

    private FactLoad open(String json) throws Exception {
        return loader.open(CIK, new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), null, true);
    }

    @Test
    void aSecondLoadOfTheSameDocumentWritesNoRow() throws Exception {
        String json = document("\"USD\":[" + entry("100", "a-23", "2023-11-03") + ","
                + entry("100", "a-24", "2024-11-01") + "," + entry("96", "a-22", "2022-10-28") + "]");
        load(json);

        FactLoad again = load(json);

        assertThat(again.rowsWritten()).isZero();
        assertThat(again.unchanged()).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM fact")).isEqualTo(2);
    }

    @Test
    void aFailedDocumentLeavesTheStoredRowsAsTheyWere() throws Exception {
        load(document("\"USD\":[" + entry("100", "a-23", "2023-11-03") + "]"));
        String truncated = document("\"USD\":[" + entry("100", "a-24", "2024-11-01") + "," + entry("101", "a-25",
                "2025-10-31") + "]").substring(0, 300);

        try (FactLoad load = loader.open(CIK, truncated.getBytes(StandardCharsets.UTF_8), null)) {
            var batches = load.reader().batches(1);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> {
                while (batches.hasNext()) {
                    load.write(batches.next());
                }
                load.commit(null);
            })).isInstanceOf(MalformedDocumentException.class);
        }

        assertThat(count("SELECT COUNT(*) FROM fact")).isEqualTo(1);
        assertThat(count("SELECT SUM(filings) FROM fact")).isEqualTo(1);
    }

    @Test
    void theKeptConceptsAreHandedOnExactlyAsTheyWouldBeReadBack() throws Exception {
        FactLoader keeping = new FactLoader(db, new ConceptIds(db), Clock.systemUTC(), 2, Set.of("us-gaap:Revenues"));
        String json = document("\"USD\":[" + entry("100", "a-23", "2023-11-03") + "],"
                + "\"shares\":[" + entry("7", "a-23", "2023-11-03") + "],"
                + "\"USD\":[" + entry("100", "a-24", "2024-11-01") + "," + entry("96", "a-22", "2022-10-28") + "]");

        List<ReportedFact> kept = load(keeping, json).keptFacts().orElseThrow();

        assertThat(kept).containsExactlyInAnyOrderElementsOf(new StoredFacts(db).of(CIK, Set.of("us-gaap:Revenues")))
                .hasSize(4);
    }

    @Test
    void nothingIsHandedOnWhenTheCompanyHasSeriesTheDocumentDoesNotList() throws Exception {
        FactLoader keeping = new FactLoader(db, new ConceptIds(db), Clock.systemUTC(), 2, Set.of("us-gaap:Revenues"));
        load(keeping, document("\"USD\":[" + entry("100", "a-23", "2023-11-03") + "],"
                + "\"EUR\":[" + entry("90", "a-23", "2023-11-03") + "]"));

        FactLoad reload = load(keeping, document("\"USD\":[" + entry("100", "a-23", "2023-11-03") + "]"));

        assertThat(reload.keptFacts()).isEmpty();
    }

    @Test
    void aTruncatedDocumentIsReportedOnceAndCannotBeCommittedEvenWhenTheErrorWasSwallowed() throws Exception {
        String whole = document("\"USD\":[" + entry("100", "a-23", "2023-11-03") + "," + entry("96", "a-22",
                "2022-10-28") + "," + entry("90", "a-21", "2021-10-29") + "]");
        String truncated = whole.substring(0, whole.lastIndexOf("{\"start\""));

        try (FactLoad load = loader.open(CIK, new java.io.ByteArrayInputStream(
                truncated.getBytes(StandardCharsets.UTF_8)), null, true)) {
            var batches = load.reader().batches(2);
            load.write(batches.next());
            assertThatThrownBy(batches::hasNext).isInstanceOf(MalformedDocumentException.class)
                    .hasMessageContaining("truncated");
            // Asked again (as Camel's splitter does while releasing the exchange): no second error, no more entries.
            assertThat(batches.hasNext()).isFalse();
            assertThat(load.reader().hasFailed()).isTrue();

            assertThatThrownBy(() -> load.commit(null)).isInstanceOf(MalformedDocumentException.class)
                    .hasMessageContaining("could not be read to its end");
        }
        assertThat(count("SELECT COUNT(*) FROM fact")).isZero();
        assertThat(count("SELECT COUNT(*) FROM company WHERE facts_loaded_at IS NOT NULL")).isZero();
    }

    @Test
    void aWholeDocumentHasNotFailed() throws Exception {
        FactLoad load = load(document("\"USD\":[" + entry("100", "a-23", "2023-11-03") + "]"));

        assertThat(load.reader().hasFailed()).isFalse();
    }

    @Test
    void aDocumentOlderThanTheStoredFactsStoresNothing() throws Exception {
        loadWithSha(document("\"USD\":[" + entry("100", "a-23", "2023-11-03") + "," + entry("100", "a-24",
                "2024-11-01") + "]"), "sha-of-the-newer-document");
        List<String> stored = factRows();
        // The release before: no 2024 filing yet, and the 2023 one with another value and other labels.
        String older = document("\"USD\":[" + entry("99", "a-23", "2023-11-03").replace("\"fy\":2023", "\"fy\":2022")
                + "]");

        assertThatThrownBy(() -> loadWithSha(older, "sha-of-the-older-document"))
                .isInstanceOf(OlderDocumentException.class)
                .hasMessageStartingWith(OlderDocumentException.OLDER + ", not stored: the document of CIK " + CIK
                        + " (Apple Inc.) has filings up to 2023-11-03, the stored facts up to 2024-11-01");

        assertThat(factRows()).isEqualTo(stored);
        assertThat(count("SELECT COUNT(*) FROM company WHERE facts_sha256 = 'sha-of-the-newer-document'"))
                .isEqualTo(1);
    }

    @Test
    void aDocumentAsRecentAsTheStoredFactsIsMerged() throws Exception {
        load(document("\"USD\":[" + entry("100", "a-23", "2023-11-03") + "," + entry("100", "a-24", "2024-11-01")
                + "]"));

        // SEC re-labels entries between filings too: with no newer filing, the document cannot be told older.
        FactLoad relabelled = load(document("\"USD\":[" + entry("100", "a-23", "2023-11-03")
                .replace("\"fy\":2023", "\"fy\":2022") + "," + entry("100", "a-24", "2024-11-01") + "]"));

        assertThat(relabelled.updated()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM fact WHERE fy = 2022")).isEqualTo(1);
    }

    private void loadWithSha(String json, String sha256) throws Exception {
        try (FactLoad load = loader.open(CIK, json.getBytes(StandardCharsets.UTF_8), null)) {
            var batches = load.reader().batches(2);
            while (batches.hasNext()) {
                load.write(batches.next());
            }
            load.commit(sha256);
        }
    }

    private List<String> factRows() throws Exception {
        List<String> rows = new java.util.ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT val, accession, fy, fp, filed, frame, filings, last_filed,"
                     + " repeated_in FROM fact ORDER BY val, accession")) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= 9; i++) {
                    row.append(rs.getObject(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
