package io.benchmarkos.ingest.production;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.benchmarkos.ingest.support.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * A stub SEC folder with many small companies, each a slice of Apple's real facts under its own CIK,
 * for tests that need a hundred companies rather than real-sized ones.
 */
final class SyntheticSec {

    static final List<String> CONCEPTS = List.of("RevenueFromContractWithCustomerExcludingAssessedTax",
            "NetIncomeLoss", "Assets");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SyntheticSec() {
    }

    static List<Long> ciks(int count) {
        return LongStream.rangeClosed(1, count).map(i -> 9_100_000 + i).boxed().toList();
    }

    static String ticker(long cik) {
        return "TX" + (cik - 9_100_000);
    }

    /** Writes tickers, submissions and companyfacts for the CIKs; returns the number of entries per company. */
    static int write(Path root, List<Long> ciks) throws IOException {
        JsonNode apple = JSON.readTree(Fixtures.read(Fixtures.companyFacts(Fixtures.APPLE)));
        ObjectNode usGaap = JSON.createObjectNode();
        int entries = 0;
        for (String concept : CONCEPTS) {
            JsonNode body = apple.path("facts").path("us-gaap").path(concept);
            usGaap.set(concept, body);
            for (Iterator<Map.Entry<String, JsonNode>> units = body.path("units").fields(); units.hasNext(); ) {
                entries += units.next().getValue().size();
            }
        }
        Files.createDirectories(root.resolve("files"));
        Files.createDirectories(root.resolve("submissions"));
        Files.createDirectories(root.resolve("api/xbrl/companyfacts"));
        ObjectNode tickers = JSON.createObjectNode();
        int row = 0;
        for (long cik : ciks) {
            tickers.putObject(Integer.toString(row++)).put("cik_str", cik).put("ticker", ticker(cik))
                    .put("title", "Test Company " + cik);
            ObjectNode facts = JSON.createObjectNode().put("cik", cik).put("entityName", "Test Company " + cik);
            facts.putObject("facts").set("us-gaap", usGaap);
            JSON.writeValue(root.resolve(String.format("api/xbrl/companyfacts/CIK%010d.json", cik)).toFile(), facts);
            JSON.writeValue(root.resolve(String.format("submissions/CIK%010d.json", cik)).toFile(), submissions(cik));
        }
        JSON.writeValue(root.resolve("files/company_tickers.json").toFile(), tickers);
        return entries;
    }

    private static ObjectNode submissions(long cik) {
        ObjectNode doc = JSON.createObjectNode().put("cik", Long.toString(cik)).put("name", "Test Company " + cik)
                .put("fiscalYearEnd", "0926").put("sic", "3571").put("entityType", "operating");
        ((ArrayNode) doc.putArray("tickers")).add(ticker(cik));
        ObjectNode recent = doc.putObject("filings").putObject("recent");
        recent.putArray("accessionNumber").add(String.format("%010d-25-000001", cik));
        recent.putArray("form").add("10-K");
        recent.putArray("filingDate").add("2025-10-31");
        recent.putArray("reportDate").add("2025-09-27");
        ((ObjectNode) doc.get("filings")).putArray("files");
        return doc;
    }
}
