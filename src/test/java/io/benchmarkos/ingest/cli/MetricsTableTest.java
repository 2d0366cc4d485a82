package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsTableTest {

    private static final String SOURCE = "\"source\":{\"concept\":\"us-gaap:Assets\","
            + "\"accession\":\"0000320193-26-000006\","
            + "\"form\":\"10-Q\",\"filed\":\"2026-01-30\",\"derived\":false}";

    @Test
    void aBalanceInTheTtmRowShowsItsDateNotTtm() throws Exception {
        JsonNode metrics = new ObjectMapper().readTree("["
                + "{\"name\":\"revenue\",\"period\":\"TTM\",\"periodStart\":\"2024-12-29\","
                + "\"periodEnd\":\"2025-12-27\","
                + "\"value\":\"435617000000\",\"unit\":\"USD\",\"status\":\"available\"," + SOURCE + "},"
                + "{\"name\":\"total_assets\",\"period\":\"TTM\",\"periodStart\":null,\"periodEnd\":\"2025-12-27\","
                + "\"value\":\"379297000000\",\"unit\":\"USD\",\"status\":\"available\"," + SOURCE + "},"
                + "{\"name\":\"total_assets\",\"period\":\"FY2025\",\"periodStart\":null,\"periodEnd\":\"2025-09-27\","
                + "\"value\":\"359241000000\",\"unit\":\"USD\",\"status\":\"available\"," + SOURCE + "},"
                + "{\"name\":\"pe_ratio\",\"period\":\"TTM\",\"periodStart\":null,\"periodEnd\":null,\"value\":null,"
                + "\"unit\":\"pure\",\"status\":\"unavailable\",\"reason\":\"no price\"}]");

        String[] lines = MetricsTable.render(metrics).split("\n");

        assertThat(lines[1]).startsWith("revenue").contains(" TTM ").contains("435,617,000,000");
        assertThat(lines[2]).startsWith("total_assets").contains(" at 2025-12-27 ").doesNotContain("TTM");
        assertThat(lines[3]).startsWith("total_assets").contains(" FY2025 ");
        assertThat(lines[4]).startsWith("pe_ratio").contains(" TTM ").contains("no price");
    }
}
