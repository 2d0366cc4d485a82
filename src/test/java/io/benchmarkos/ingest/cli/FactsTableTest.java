package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FactsTableTest {

    private static final String REVENUE = "{\"taxonomy\":\"us-gaap\","
            + "\"concept\":\"RevenueFromContractWithCustomerExcludingAssessedTax\",\"unit\":\"USD\","
            + "\"period_start\":\"2024-09-29\",\"period_end\":\"2025-09-27\",\"val\":\"416161000000\","
            + "\"accession\":\"0000320193-25-000079\",\"form\":\"10-K\",\"filed\":\"2025-10-31\",\"fy\":2025,"
            + "\"fp\":\"FY\",\"frame\":\"CY2025\",\"filings\":1,\"last_filed\":\"2025-10-31\",\"repeated_in\":[]}";
    private static final String ASSETS = "{\"taxonomy\":\"us-gaap\",\"concept\":\"Assets\",\"unit\":\"USD\","
            + "\"period_start\":null,\"period_end\":\"2024-09-28\",\"val\":\"364980000000\","
            + "\"accession\":\"0000320193-24-000123\",\"form\":\"10-K\",\"filed\":\"2024-11-01\",\"fy\":2024,"
            + "\"fp\":\"FY\",\"frame\":\"CY2024Q3I\",\"filings\":3,\"last_filed\":\"2025-10-31\",\"repeated_in\":["
            + "{\"accession\":\"0000320193-25-000008\",\"fy\":2025,\"fp\":\"Q1\",\"form\":\"10-Q\","
            + "\"filed\":\"2025-01-31\",\"frame\":null},"
            + "{\"accession\":\"0000320193-25-000079\",\"fy\":2025,\"fp\":\"FY\",\"form\":\"10-K\","
            + "\"filed\":\"2025-10-31\",\"frame\":null}]}";
    private static final String EPS = "{\"taxonomy\":\"us-gaap\",\"concept\":\"EarningsPerShareDiluted\","
            + "\"unit\":\"USD/shares\",\"period_start\":\"2024-09-29\",\"period_end\":\"2025-09-27\","
            + "\"val\":\"7.46\","
            + "\"accession\":\"0000320193-25-000079\",\"form\":\"10-K\",\"filed\":\"2025-10-31\",\"fy\":2025,"
            + "\"fp\":\"FY\",\"frame\":\"CY2025\",\"filings\":1,\"last_filed\":\"2025-10-31\",\"repeated_in\":[]}";

    @Test
    void eachFactIsALineWithItsPeriodValueAndFilings() throws Exception {
        List<String> lines = FactsTable.render(rows(REVENUE, ASSETS, EPS), 50, 0).lines().toList();

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).split(" +")).containsExactly("period", "value", "unit", "form", "accession", "filed",
                "later", "concept");
        assertThat(lines.get(1).split(" +")).containsExactly("2024-09-29..2025-09-27", "416,161,000,000", "USD",
                "10-K", "0000320193-25-000079", "2025-10-31", "0",
                "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax");
        assertThat(lines.get(2).split(" +")).containsExactly("at", "2024-09-28", "364,980,000,000", "USD", "10-K",
                "0000320193-24-000123", "2024-11-01", "2", "us-gaap:Assets");
        assertThat(lines.get(3).split(" +")).contains("7.46", "USD/shares", "us-gaap:EarningsPerShareDiluted");
        // Columns line up: values end where their header does, units start where theirs does.
        int unit = lines.get(0).indexOf("unit");
        assertThat(lines).allSatisfy(line -> assertThat(line.substring(unit - 3, unit)).matches("[e\\d]  "));
        assertThat(List.of(lines.get(1).substring(unit), lines.get(3).substring(unit))).allMatch(
                column -> column.startsWith("USD ") || column.startsWith("USD/shares "));
    }

    @Test
    void aFullPageSaysWhereTheNextStarts() throws Exception {
        assertThat(FactsTable.render(rows(REVENUE, ASSETS), 2, 40)).endsWith("more: --offset 42\n");
        assertThat(FactsTable.render(rows(REVENUE), 2, 40)).doesNotContain("more:");
    }

    @Test
    void noRowsIsSaidInWords() throws Exception {
        assertThat(FactsTable.render(rows(), 50, 0)).isEqualTo("no stored facts match\n");
        assertThat(FactsTable.render(rows(), 50, 100)).isEqualTo("no more facts (offset 100)\n");
    }

    private static JsonNode rows(String... rows) throws Exception {
        return new ObjectMapper().readTree("[" + String.join(",", rows) + "]");
    }
}
