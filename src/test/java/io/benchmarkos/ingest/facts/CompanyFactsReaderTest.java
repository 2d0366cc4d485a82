package io.benchmarkos.ingest.facts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class CompanyFactsReaderTest {

    private static final String APPLE = Fixtures.companyFacts(Fixtures.APPLE);
    private static final String NVIDIA = Fixtures.companyFacts(Fixtures.NVIDIA);
    private static final String APPLE_OLDER = "api/xbrl/companyfacts/older/CIK0000320193.json";

    @ParameterizedTest
    @ValueSource(strings = {"api/xbrl/companyfacts/CIK0000320193.json", "api/xbrl/companyfacts/CIK0001045810.json",
        "api/xbrl/companyfacts/older/CIK0000320193.json"})
    void readsEveryEntryOfEachFixture(String fixture) {
        Path file = Fixtures.secRoot().resolve(fixture);
        List<ReportedFact> facts = readAll(Fixtures.read(fixture));

        assertThat((long) facts.size()).isEqualTo(Fixtures.entryCount(file));
        assertThat(facts).allSatisfy(f -> {
            assertThat(f.end()).isNotNull();
            assertThat(f.value()).isNotNull();
            assertThat(f.accession()).matches("\\d{10}-\\d{2}-\\d{6}");
            assertThat(f.form()).isNotBlank();
            assertThat(f.filed()).isNotNull();
        });
    }

    @Test
    void headerFieldsAndConceptLabels() {
        try (CompanyFactsReader reader = reader(Fixtures.read(APPLE))) {
            reader.forEachRemaining(f -> { });
            assertThat(reader.cik()).isEqualTo(Fixtures.APPLE);
            assertThat(reader.entityName()).isEqualTo("Apple Inc.");
            assertThat(reader.entriesRead()).isEqualTo(Fixtures.entryCount(Fixtures.secRoot().resolve(APPLE)));
            assertThat(reader.concepts().get("us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax").label())
                    .isNotBlank();
        }
    }

    @Test
    void instantsHaveNoStartAndDurationsDo() throws IOException {
        byte[] doc = Fixtures.read(APPLE);
        long withoutStart = 0;
        for (JsonNode taxonomy : new ObjectMapper().readTree(doc).get("facts")) {
            for (JsonNode concept : taxonomy) {
                for (JsonNode unit : concept.get("units")) {
                    for (JsonNode entry : unit) {
                        withoutStart += entry.has("start") ? 0 : 1;
                    }
                }
            }
        }
        List<ReportedFact> facts = readAll(doc);

        assertThat(facts.stream().filter(ReportedFact::isInstant).count()).isEqualTo(withoutStart).isPositive();
        assertThat(facts).filteredOn(f -> f.concept().equals("Assets")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.start()).isNull());
        assertThat(facts).filteredOn(f -> f.concept().equals("RevenueFromContractWithCustomerExcludingAssessedTax"))
                .isNotEmpty().allSatisfy(f -> assertThat(f.start()).isNotNull().isBefore(f.end()));
    }

    @Test
    void oneKnownEntryIsReadExactly() {
        ReportedFact revenue2023 = readAll(Fixtures.read(APPLE)).stream()
                .filter(f -> f.concept().equals("RevenueFromContractWithCustomerExcludingAssessedTax")
                        && f.accession().equals("0000320193-25-000079")
                        && LocalDate.of(2022, 9, 25).equals(f.start()))
                .findFirst().orElseThrow();

        assertThat(revenue2023).isEqualTo(new ReportedFact("us-gaap",
                "RevenueFromContractWithCustomerExcludingAssessedTax", "USD", LocalDate.of(2022, 9, 25),
                LocalDate.of(2023, 9, 30), new BigDecimal("383285000000"), "0000320193-25-000079", 2025, "FY",
                "10-K", LocalDate.of(2025, 10, 31), "CY2023"));
    }

    /**
     * A document cut anywhere must fail as malformed: the reader may hand out the entries before the cut, but
     * it must never report a clean end of document, or a caller would commit a partial company.
     */
    @Test
    void aTruncatedDocumentAlwaysFailsAndNeverEndsCleanly() {
        byte[] doc = trimmed(Fixtures.read(APPLE));
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, 1, 2, 10, 11, 12, 30, 100, doc.length - 1, doc.length - 2,
                doc.length - 3, doc.length - 4, doc.length - 5));
        for (int i = 1; i < 150; i++) {
            cuts.add((int) ((long) doc.length * i / 150));
        }
        // Right after closing brackets: the prefix is well formed so far, the end must still be missed.
        int found = 0;
        for (int i = doc.length - 2; i > 0 && found < 60; i--) {
            if (doc[i] == '}' || doc[i] == ']') {
                cuts.add(i + 1);
                found++;
            }
        }
        String text = new String(doc, StandardCharsets.UTF_8);
        cuts.add(text.indexOf("\"facts\":") + "\"facts\":".length());
        cuts.add(text.indexOf("\"val\":") + "\"val\":".length() + 3);

        for (int cut : cuts) {
            byte[] truncated = Arrays.copyOf(doc, cut);
            long total = Fixtures.entryCount(Fixtures.secRoot().resolve(APPLE));
            try (CompanyFactsReader reader = openOrNull(truncated, cut)) {
                if (reader == null) {
                    continue;
                }
                try {
                    long read = 0;
                    while (reader.hasNext()) {
                        reader.next();
                        read++;
                    }
                    fail("cut at byte %d of %d ended cleanly after %d of %d entries", cut, doc.length, read, total);
                } catch (MalformedDocumentException expected) {
                    assertThat(reader.entriesRead()).as("cut at %d", cut).isLessThanOrEqualTo(total);
                }
            } catch (RuntimeException e) {
                if (!(e instanceof MalformedDocumentException)) {
                    throw new AssertionError("cut at " + cut + " raised " + e
                            + " instead of MalformedDocumentException",
                            e);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"end", "val", "accn", "form", "filed"})
    void anEntryMissingARequiredFieldIsRefused(String field) {
        String entry = entryWithout(field);

        assertThatThrownBy(() -> readAll(doc("us-gaap", "Assets", "USD", entry)))
                .isInstanceOf(MalformedDocumentException.class)
                .hasMessageContaining("us-gaap:Assets [USD] lacks end, val, accn, form or filed");
    }

    @ParameterizedTest
    @CsvSource({"accn,25", "form,40", "fp,8", "frame,20"})
    void textLongerThanItsColumnIsRefusedByNameAndPlace(String field, int max) {
        String entry = "{\"end\":\"2024-09-28\",\"val\":1,\"accn\":\"0000320193-24-000123\",\"form\":\"10-K\","
                + "\"filed\":\"2024-11-01\",\"" + field + "\":\"" + "X".repeat(max + 1) + "\"}";

        assertThatThrownBy(() -> readAll(doc("us-gaap", "Assets", "USD", entry)))
                .isInstanceOf(MalformedDocumentException.class)
                .hasMessageStartingWith(field + " '").hasMessageContaining("(" + (max + 1) + " characters) at line")
                .hasMessageEndingWith("is longer than the " + max + " facts are stored with");
    }

    @Test
    void aUnitOrConceptNameLongerThanItsColumnIsRefused() {
        String entry = "{\"end\":\"2024-09-28\",\"val\":1,\"accn\":\"0000320193-24-000123\",\"form\":\"10-K\","
                + "\"filed\":\"2024-11-01\"}";

        assertThatThrownBy(() -> readAll(doc("us-gaap", "Assets", "U".repeat(65), entry)))
                .isInstanceOf(MalformedDocumentException.class).hasMessageStartingWith("unit 'UUUU");
        assertThatThrownBy(() -> readAll(doc("us-gaap", "A".repeat(301), "USD", entry)))
                .isInstanceOf(MalformedDocumentException.class).hasMessageStartingWith("concept name 'AAAA");
    }

    @Test
    void anFyThatIsNotAYearIsRefusedNotStoredAsZero() {
        String entry = "{\"end\":\"2024-09-28\",\"val\":1,\"accn\":\"0000320193-24-000123\",\"fy\":\"twenty\","
                + "\"form\":\"10-K\",\"filed\":\"2024-11-01\"}";

        assertThatThrownBy(() -> readAll(doc("us-gaap", "Assets", "USD", entry)))
                .isInstanceOf(MalformedDocumentException.class)
                .hasMessageStartingWith("fy of us-gaap:Assets is not a year ('twenty') at line 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "-Infinity"})
    void nonNumbersAreNamedWithoutJacksonsAdvice(String val) {
        String entry = "{\"end\":\"2024-09-28\",\"val\":" + val + ",\"accn\":\"0000320193-24-000123\","
                + "\"form\":\"10-K\",\"filed\":\"2024-11-01\"}";

        assertThatThrownBy(() -> readAll(doc("us-gaap", "Assets", "USD", entry)))
                .hasMessageContaining("Non-standard token '" + val + "': not a JSON number at line 1")
                .hasMessageNotContaining("ALLOW_NON_NUMERIC_NUMBERS");
    }

    @Test
    void aValueWithMoreDecimalsThanStoredIsReadAndCountedForAWarning() {
        String entry = "{\"end\":\"2024-09-28\",\"val\":%s,\"accn\":\"0000320193-24-000123\","
                + "\"form\":\"10-K\",\"filed\":\"2024-11-01\"}";
        byte[] document = doc("us-gaap", "Assets", "USD", String.format(entry, "-1.234e-15") + ","
                + String.format(entry, "0.1250000000000000") + "," + String.format(entry, "2.5"));
        try (CompanyFactsReader reader = reader(document)) {
            List<ReportedFact> facts = new ArrayList<>();
            reader.forEachRemaining(facts::add);

            assertThat(facts).hasSize(3);
            assertThat(reader.roundedValuesWarning()).as("trailing zeros lose nothing").get().asString()
                    .startsWith("1 value(s) with more than 12 decimals stored rounded, first us-gaap:Assets [USD]"
                            + " -0.000000000000001234 at line 1");
        }
        try (CompanyFactsReader plain = reader(doc("us-gaap", "Assets", "USD", String.format(entry, "2.5")))) {
            plain.forEachRemaining(fact -> { });
            assertThat(plain.roundedValuesWarning()).isEmpty();
        }
    }

    @Test
    void aNullRequiredFieldIsMissingToo() {
        String entry = "{\"end\":\"2024-09-28\",\"val\":null,\"accn\":\"0000320193-24-000123\",\"form\":\"10-K\","
                + "\"filed\":\"2024-11-01\"}";

        assertThatThrownBy(() -> readAll(doc("us-gaap", "Assets", "USD", entry)))
                .isInstanceOf(MalformedDocumentException.class).hasMessageContaining("lacks end, val");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"383285000000\"", "true", "{}", "[1]", "\"n/a\""})
    void aValueThatIsNotANumberIsRefused(String val) {
        String entry = "{\"end\":\"2024-09-28\",\"val\":" + val + ",\"accn\":\"0000320193-24-000123\","
                + "\"form\":\"10-K\",\"filed\":\"2024-11-01\"}";

        assertThatThrownBy(() -> readAll(doc("us-gaap", "Assets", "USD", entry)))
                .isInstanceOf(MalformedDocumentException.class)
                .hasMessageContaining("val of us-gaap:Assets is not a number");
    }

    @Test
    void aValueTooLargeForTheFactTableIsRefusedByName() {
        String entry = "{\"end\":\"2024-09-28\",\"val\":123456789012345678901234567890,"
                + "\"accn\":\"0000320193-24-000123\",\"form\":\"10-K\",\"filed\":\"2024-11-01\"}";

        assertThatThrownBy(() -> readAll(doc("us-gaap", "Assets", "USD", entry)))
                .isInstanceOf(MalformedDocumentException.class)
                .hasMessageContaining("val of us-gaap:Assets [USD] has 30 digits before the decimal point")
                .hasMessageContaining("at most 26 (NUMERIC(38, 12))");
    }

    @Test
    void oneDigitMoreThanTheFactTableHoldsIsRefused() {
        String entry = "{\"end\":\"2024-09-28\",\"val\":123456789012345678901234567.5,"
                + "\"accn\":\"0000320193-24-000123\",\"form\":\"10-K\",\"filed\":\"2024-11-01\"}";

        assertThatThrownBy(() -> readAll(doc("us-gaap", "Assets", "USD", entry)))
                .isInstanceOf(MalformedDocumentException.class)
                .hasMessageContaining("val of us-gaap:Assets [USD] has 27 digits before the decimal point");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901234567890123456", "12345678901234567890123456.123456789012", "-1e25",
            "0.0000000000001"})
    void valuesTheFactTableHoldsAreRead(String val) {
        String entry = "{\"end\":\"2024-09-28\",\"val\":" + val + ",\"accn\":\"0000320193-24-000123\","
                + "\"form\":\"10-K\",\"filed\":\"2024-11-01\"}";

        assertThat(readAll(doc("us-gaap", "Assets", "USD", entry))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2024-02-30\"", "\"2024-13-01\"", "\"2024/02/03\"", "\"2024-2-3\"", "\"20240203\"",
        "\"2024-02-0x\"", "\" 2024-02-03\"", "\"\"", "20240203"})
    void aBadDateIsRefused(String end) {
        String entry = "{\"end\":" + end + ",\"val\":1,\"accn\":\"0000320193-24-000123\",\"form\":\"10-K\","
                + "\"filed\":\"2024-11-01\"}";

        assertThatThrownBy(() -> readAll(doc("us-gaap", "Assets", "USD", entry)))
                .isInstanceOf(MalformedDocumentException.class)
                .hasMessageContaining("bad date '" + end.replace("\"", "") + "' in us-gaap:Assets");
    }

    @Test
    void datesAreReadAsCalendarDates() {
        String entry = "{\"start\":\"2023-10-01\",\"end\":\"2024-02-29\",\"val\":1,"
                + "\"accn\":\"0000320193-24-000123\",\"form\":\"10-Q\",\"filed\":\"2024-05-03\"}";

        ReportedFact fact = readAll(doc("us-gaap", "Revenues", "USD", entry)).get(0);
        assertThat(List.of(fact.start(), fact.end(), fact.filed())).containsExactly(LocalDate.of(2023, 10, 1),
                LocalDate.of(2024, 2, 29), LocalDate.of(2024, 5, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "{}", "{\"cik\":1}", "]", "\"x\"", "0"})
    void trailingContentAfterTheDocumentIsRefused(String trailing) {
        byte[] doc = (new String(doc("us-gaap", "Assets", "USD", entryWithout("none")), StandardCharsets.UTF_8)
                + " " + trailing).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> readAll(doc)).isInstanceOf(MalformedDocumentException.class);
    }

    @Test
    void trailingWhitespaceIsFine() {
        byte[] doc = (new String(doc("us-gaap", "Assets", "USD", entryWithout("none")), StandardCharsets.UTF_8)
                + "\n  \r\n").getBytes(StandardCharsets.UTF_8);

        assertThat(readAll(doc)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "\"\"", "true", "{}"})
    void aCikThatIsNotANumberIsMalformed(String cik) {
        byte[] doc = ("{\"cik\":" + cik + ",\"entityName\":\"X\",\"facts\":{}}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> readAll(doc)).isInstanceOf(MalformedDocumentException.class);
    }

    @Test
    void aDocumentWithoutCikIsMalformed() {
        byte[] doc = "{\"entityName\":\"X\",\"facts\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> readAll(doc)).isInstanceOf(MalformedDocumentException.class)
                .hasMessageContaining("no cik field");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "null", "not json", "{\"cik\":1,\"facts\":[]}",
        "{\"cik\":1,\"facts\":{\"us-gaap\":{\"Assets\":{\"units\":{\"USD\":{}}}}}}"})
    void documentsOfTheWrongShapeAreMalformed(String text) {
        assertThatThrownBy(() -> readAll(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedDocumentException.class);
    }

    @Test
    void aCompanyWithoutFactsHasNoEntries() {
        byte[] doc = "{\"cik\":1750,\"entityName\":\"AAR CORP\",\"facts\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThat(readAll(doc)).isEmpty();
    }

    @Test
    void batchesHoldEveryEntryOnce() {
        byte[] doc = Fixtures.read(NVIDIA);
        List<Integer> sizes = new ArrayList<>();
        long total = 0;
        try (CompanyFactsReader reader = reader(doc)) {
            for (var it = reader.batches(1000); it.hasNext(); ) {
                int size = it.next().size();
                sizes.add(size);
                total += size;
            }
        }
        long expected = Fixtures.entryCount(Fixtures.secRoot().resolve(NVIDIA));

        assertThat(total).isEqualTo(expected);
        assertThat(sizes.subList(0, sizes.size() - 1)).allSatisfy(s -> assertThat(s).isEqualTo(1000));
        assertThat(sizes.get(sizes.size() - 1)).isEqualTo((int) (expected % 1000 == 0 ? 1000 : expected % 1000));
    }

    private static String entryWithout(String field) {
        StringBuilder entry = new StringBuilder("{");
        String[][] fields = {{"end", "\"2024-09-28\""}, {"val", "364980000000"}, {"accn", "\"0000320193-24-000123\""},
            {"fy", "2024"}, {"fp", "\"FY\""}, {"form", "\"10-K\""}, {"filed", "\"2024-11-01\""}, {"frame",
                    "\"CY2024Q3I\""}};
        for (String[] f : fields) {
            if (!f[0].equals(field)) {
                entry.append(entry.length() > 1 ? "," : "").append('"').append(f[0]).append("\":").append(f[1]);
            }
        }
        return entry.append('}').toString();
    }

    private static byte[] doc(String taxonomy, String concept, String unit, String entry) {
        return ("{\"cik\":320193,\"entityName\":\"Apple Inc.\",\"facts\":{\"" + taxonomy + "\":{\"" + concept
                + "\":{\"label\":\"" + concept + "\",\"description\":\"d\",\"units\":{\"" + unit + "\":[" + entry
                + "]}}}}}").getBytes(StandardCharsets.UTF_8);
    }

    private static CompanyFactsReader openOrNull(byte[] truncated, int cut) {
        try {
            return reader(truncated);
        } catch (MalformedDocumentException e) {
            return null; // refused before the first entry: as good as failing later
        }
    }

    private static byte[] trimmed(byte[] doc) {
        int end = doc.length;
        while (end > 0 && Character.isWhitespace(doc[end - 1])) {
            end--;
        }
        assertThat(doc[end - 1]).isEqualTo((byte) '}');
        return Arrays.copyOf(doc, end);
    }

    private static CompanyFactsReader reader(byte[] doc) {
        return new CompanyFactsReader(new ByteArrayInputStream(doc));
    }

    private static List<ReportedFact> readAll(byte[] doc) {
        List<ReportedFact> facts = new ArrayList<>();
        try (CompanyFactsReader reader = reader(doc)) {
            reader.forEachRemaining(facts::add);
        }
        return facts;
    }
}
