package io.benchmarkos.ingest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.facts.CompanyFactsReader;
import io.benchmarkos.ingest.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench corpus: real documents under new CIKs, nothing else changed. */
class BenchCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void replicatesEachSourceUnderNewCiksKeepingEveryEntry(@TempDir Path dir) throws IOException {
        Path source = Fixtures.secRoot().resolve("api/xbrl/companyfacts");
        // Two top-level fixtures and one in older/: 5 documents cycle through all three.
        BenchCorpus corpus = BenchCorpus.generate(source, dir.resolve("corpus"), 5);

        assertThat(corpus.documents()).hasSize(5);
        List<Long> sourceCiks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            BenchCorpus.Document d = corpus.documents().get(i);
            assertThat(d.cik()).isEqualTo(BenchCorpus.FIRST_CIK + i);
            assertThat(d.file()).hasFileName(String.format("CIK%010d.json", d.cik()));
            JsonNode copy = JSON.readTree(d.file().toFile());
            assertThat(copy.get("cik").asLong()).isEqualTo(d.cik());
            Path original = sourceFile(source, d.sourceCik(), i);
            JsonNode expected = JSON.readTree(original.toFile());
            assertThat(copy.get("facts")).isEqualTo(expected.get("facts"));
            assertThat(entries(d.file())).isEqualTo(entries(original)).isPositive();
            assertThat(Files.size(d.file()) - Files.size(original))
                    .as("only the cik value's digits differ in length")
                    .isEqualTo(Long.toString(d.cik()).length() - Long.toString(d.sourceCik()).length());
            sourceCiks.add(d.sourceCik());
        }
        assertThat(sourceCiks).containsOnly(Fixtures.APPLE, Fixtures.NVIDIA);

        JsonNode submissions = JSON.readTree(dir.resolve("corpus/submissions/CIK0900000001.json").toFile());
        assertThat(submissions.get("cik").asLong()).isEqualTo(BenchCorpus.FIRST_CIK);
        assertThat(submissions.path("filings").path("recent").has("accessionNumber")).isTrue();
        JsonNode tickers = JSON.readTree(dir.resolve("corpus/files/company_tickers.json").toFile());
        assertThat(tickers.path("4").path("cik_str").asLong()).isEqualTo(BenchCorpus.FIRST_CIK + 4);
    }

    @Test
    void rewritesAQuotedCikInsideItsQuotes() throws IOException {
        byte[] doc = "{\"cik\":\"0000320193\",\"entityName\":\"A\",\"facts\":{}}".getBytes();

        assertThat(new String(BenchCorpus.withCik(doc, 900000007L)))
                .isEqualTo("{\"cik\":\"900000007\",\"entityName\":\"A\",\"facts\":{}}");
    }

    @Test
    void largeDocumentRenamesTaxonomiesSoNoEntryRepeats(@TempDir Path dir) throws IOException {
        byte[] apple = Fixtures.read(Fixtures.companyFacts(Fixtures.APPLE));
        Path large = dir.resolve("large.json");

        BenchCorpus.writeLarge(List.of(apple), large, 800000001L, apple.length * 2L + 1);

        JsonNode doc = JSON.readTree(large.toFile());
        assertThat(doc.get("cik").asLong()).isEqualTo(800000001L);
        assertThat(doc.get("facts").has("us-gaap")).isTrue();
        assertThat(doc.get("facts").has("us-gaap-c1")).isTrue();
        assertThat(doc.get("facts").has("us-gaap-c2")).isTrue();
        int copies = doc.get("facts").size() / JSON.readTree(apple).get("facts").size();
        assertThat(copies).isGreaterThanOrEqualTo(3);
        Path original = dir.resolve("apple.json");
        Files.write(original, apple);
        assertThat(entries(large)).isEqualTo(copies * entries(original));
    }

    /** Files are assigned round-robin in path order: [0] Apple, [1] NVIDIA, [2] older/Apple. */
    private static Path sourceFile(Path source, long cik, int index) {
        String name = String.format("CIK%010d.json", cik);
        return index % 3 == 2 ? source.resolve("older").resolve(name) : source.resolve(name);
    }

    private static long entries(Path file) throws IOException {
        long n = 0;
        try (InputStream in = Files.newInputStream(file); CompanyFactsReader reader = new CompanyFactsReader(in)) {
            while (reader.hasNext()) {
                reader.next();
                n++;
            }
        }
        return n;
    }
}
