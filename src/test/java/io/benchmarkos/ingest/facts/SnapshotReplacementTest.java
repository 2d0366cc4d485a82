package io.benchmarkos.ingest.facts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.LoggedLines;
import io.benchmarkos.ingest.support.TestApp;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SEC re-labels fy/fp/frame of entries it already published; a newer snapshot updates them in place, and an older
 * one, loaded after it, changes nothing.
 */
class SnapshotReplacementTest {

    private static final String REVENUE = "RevenueFromContractWithCustomerExcludingAssessedTax";
    private static final String STORED_ROWS = "SELECT concept_id, unit, period_end, period_start, val, accession, fy,"
            + " fp, form, filed, frame, filings, last_filed, repeated_in FROM fact WHERE cik = 320193"
            + " ORDER BY concept_id, unit, period_end, period_start NULLS FIRST, val";
    private static final String METRIC_ROWS = "SELECT 'item', item, fiscal_year, period_kind, metric_value, accession,"
            + " filed FROM line_item_value WHERE cik = 320193 UNION ALL SELECT 'kpi', kpi, fiscal_year, period_kind,"
            + " metric_value, accession, filed FROM kpi_value WHERE cik = 320193 ORDER BY 1, 2, 3, 4";
    private static final String COMPANY_ROW = "SELECT facts_loaded_at, facts_sha256 FROM company WHERE cik = 320193";

    private TestApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aNewerSnapshotInsertsNewEntriesAndUpdatesRelabelledOnes() throws Exception {
        Path secDir = Fixtures.copyToTemp();
        Path served = secDir.resolve(Fixtures.companyFacts(Fixtures.APPLE));
        Path older = Fixtures.secRoot().resolve("api/xbrl/companyfacts/older/CIK0000320193.json");
        Path newer = Fixtures.secRoot().resolve(Fixtures.companyFacts(Fixtures.APPLE));
        Map<String, JsonNode> olderEntries = entries(older);
        Map<String, JsonNode> newerEntries = entries(newer);
        long expectedNew = newerEntries.keySet().stream().filter(k -> !olderEntries.containsKey(k)).count();
        long expectedChanged = newerEntries.entrySet().stream().filter(e -> olderEntries.containsKey(e.getKey())
                && !attributes(olderEntries.get(e.getKey())).equals(attributes(e.getValue()))).count();
        Files.copy(older, served, StandardCopyOption.REPLACE_EXISTING);
        app = TestApp.serving(secDir);

        Map<String, Object> first = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(first).containsEntry("status", "succeeded")
                .containsEntry("facts_inserted", (long) olderEntries.size()).containsEntry("facts_updated", 0L);
        assertThat(revenueFrame("0000320193-24-000123")).contains("CY2023");
        assertThat(revenueFrame("0000320193-25-000079")).as("not in the older snapshot").isNull();

        Files.copy(newer, served, StandardCopyOption.REPLACE_EXISTING);
        Map<String, Object> second = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(expectedNew).isPositive();
        assertThat(expectedChanged).isPositive();
        assertThat(second).containsEntry("status", "succeeded").containsEntry("facts_inserted", expectedNew)
                .containsEntry("facts_updated", expectedChanged)
                .containsEntry("facts_unchanged", (long) newerEntries.size() - expectedNew - expectedChanged);
        assertThat(app.count(Fixtures.STORED_FACTS + " WHERE cik = ?", Fixtures.APPLE))
                .isEqualTo(Fixtures.distinctKeys(older, newer).size());
        // SEC moved the CY2023 frame from the FY2024 10-K's copy of fiscal 2023 revenue to the FY2025 10-K's copy.
        assertThat(revenueFrame("0000320193-24-000123")).as("frame removed from the older filing's entry").isEmpty();
        assertThat(revenueFrame("0000320193-25-000079")).contains("CY2023");
        assertThat(app.count("SELECT COUNT(*) FROM raw_document WHERE cik = ? AND kind = 'companyfacts'",
                Fixtures.APPLE)).isEqualTo(2);

        Map<String, Object> third = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(third).as("the same snapshot again is not read again").containsEntry("status", "succeeded")
                .containsEntry("facts_read", 0L).containsEntry("facts_inserted", 0L).containsEntry("facts_updated", 0L);
        assertThat(app.count(Fixtures.STORED_FACTS + " WHERE cik = ?", Fixtures.APPLE))
                .isEqualTo(Fixtures.distinctKeys(older, newer).size());
    }

    @Test
    void anOlderSnapshotAfterANewerOneChangesNothingAndTheJobSaysSo() throws Exception {
        Path secDir = Fixtures.copyToTemp();
        Path served = secDir.resolve(Fixtures.companyFacts(Fixtures.APPLE));
        byte[] newer = Files.readAllBytes(served);
        app = TestApp.serving(secDir);
        Map<String, Object> first = app.awaitFinished(app.submitTicker("AAPL"));
        List<String> stored = rows(STORED_ROWS);
        List<String> metrics = rows(METRIC_ROWS);
        List<String> company = rows(COMPANY_ROW);
        Files.write(served, olderWithAnotherRevenue());

        Map<String, Object> older;
        List<String> warned;
        try (LoggedLines warnings = LoggedLines.atLeast(Level.WARN)) {
            older = app.awaitFinished(app.submitTicker("AAPL"));
            warned = warnings.lines();
        }

        assertThat(first).containsEntry("status", "succeeded");
        assertThat(older).containsEntry("status", "succeeded");
        assertThat(rows(STORED_ROWS)).as("no label, value or filing rolled back").isEqualTo(stored);
        assertThat(revenueFrame("0000320193-24-000123")).as("the frame stays with the newer filing").isEmpty();
        assertThat(rows(METRIC_ROWS)).as("fiscal 2022 revenue stays as the newer snapshot has it").isEqualTo(metrics);
        assertThat(rows(COMPANY_ROW)).as("still marked with the newer snapshot").isEqualTo(company);
        assertThat(older).containsEntry("facts_inserted", 0L).containsEntry("facts_updated", 0L);
        String why = "companyfacts older than the stored facts, not stored: the document of CIK 320193 (Apple Inc.)"
                + " has filings up to 2024-11-01, the stored facts up to 2026-01-30";
        assertThat(String.valueOf(older.get("warnings"))).contains(why);
        assertThat(warned).anySatisfy(line -> assertThat(line).contains("Job " + older.get("id") + " for AAPL")
                .contains(why));

        Files.write(served, newer);
        Map<String, Object> again = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(String.valueOf(again.get("warnings"))).as("the newer snapshot is still the last full load")
                .contains(FactLoader.NOT_READ_AGAIN);
    }

    /** The older snapshot, with fiscal 2022 revenue as the FY2024 10-K reported it given another value. */
    private static byte[] olderWithAnotherRevenue() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(Fixtures.secRoot()
                .resolve("api/xbrl/companyfacts/older/CIK0000320193.json").toFile());
        int changed = 0;
        for (JsonNode e : doc.at("/facts/us-gaap/" + REVENUE + "/units/USD")) {
            if (e.get("accn").asText().equals("0000320193-24-000123") && e.path("start").asText().equals("2021-09-26")
                    && e.get("end").asText().equals("2022-09-24")) {
                ((ObjectNode) e).put("val", 394_000_000_000L);
                changed++;
            }
        }
        assertThat(changed).isEqualTo(1);
        return json.writeValueAsBytes(doc);
    }

    private List<String> rows(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = app.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(rs.getObject(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /**
     * The frame of Apple's fiscal 2023 revenue entry as reported by one filing: null when no such entry, empty
     * when the entry has no frame.
     */
    private Optional<String> revenueFrame(String accession) throws Exception {
        List<ReportedFact> entries = new StoredFacts(app.dataSource()).of(Fixtures.APPLE, Set.of("us-gaap:" + REVENUE))
                .stream().filter(f -> f.unit().equals("USD") && LocalDate.of(2022, 9, 25).equals(f.start())
                        && f.end().equals(LocalDate.of(2023, 9, 30)) && f.accession().equals(accession))
                .toList();
        if (entries.isEmpty()) {
            return null;
        }
        assertThat(entries).as("one entry per filing").hasSize(1);
        return Optional.ofNullable(entries.get(0).frame());
    }

    /** Entries by natural key, read with Jackson trees (independent of the product's streaming reader). */
    private static Map<String, JsonNode> entries(Path file) throws IOException {
        Map<String, JsonNode> entries = new HashMap<>();
        JsonNode facts = new ObjectMapper().readTree(file.toFile()).get("facts");
        facts.fields().forEachRemaining(tax -> tax.getValue().fields().forEachRemaining(concept ->
                concept.getValue().get("units").fields().forEachRemaining(unit -> unit.getValue().forEach(e ->
                        entries.put(tax.getKey() + "|" + concept.getKey() + "|" + unit.getKey() + "|"
                                + e.path("start").asText("") + "|" + e.get("end").asText() + "|"
                                + e.get("accn").asText(), e)))));
        return entries;
    }

    private static String attributes(JsonNode e) {
        return e.get("val").decimalValue().stripTrailingZeros().toPlainString() + "|" + e.path("fy").asText("") + "|"
                + e.path("fp").asText("") + "|" + e.get("form").asText() + "|" + e.get("filed").asText() + "|"
                + e.path("frame").asText("");
    }
}
