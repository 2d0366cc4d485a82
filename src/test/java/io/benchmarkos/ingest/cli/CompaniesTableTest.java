package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompaniesTableTest {

    @Test
    void aCompanyWithManyTickersKeepsTheColumnsAligned() throws Exception {
        String companies = """
                [{"tickers":"AAPL","cik":320193,"name":"Apple Inc.","facts":24579,"latest_fiscal_year":2025},
                 {"tickers":"FNMA,FNMAS,FNMAJ,FNMAH,FNMFN,FNMAM,FNMAN,FNMAI","cik":310522,
                  "name":"FEDERAL NATIONAL MORTGAGE ASSOCIATION FANNIE MAE","facts":null}]""";
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        CompaniesCommand.print(new ObjectMapper().readTree(companies),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        int cikEnd = lines.get(1).indexOf("320193") + "320193".length();
        assertThat(lines.get(2).indexOf("310522") + "310522".length()).isEqualTo(cikEnd);
        assertThat(lines.get(2)).startsWith("FNMA,FNMAS,…").contains("FEDERAL NATIONAL MORTGAGE ASSOCIA…");
    }
}
