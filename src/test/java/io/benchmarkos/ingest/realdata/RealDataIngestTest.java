package io.benchmarkos.ingest.realdata;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.facts.FactLoader;
import io.benchmarkos.ingest.facts.ReportedFact;
import io.benchmarkos.ingest.facts.StoredFacts;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import io.benchmarkos.ingest.tools.SecMirror;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every company in {@code shared/data/sec} through the real routes, broker and database: the older Apple and
 * NVIDIA snapshots first, then the newest files, then everything once more. One app and one database throughout;
 * the SEC mirror serves a folder of links to the shared files whose contents are swapped between phases.
 */
@Tag("realdata")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class RealDataIngestTest {

    /** Distinct (cik, taxonomy, concept, unit, start, end, accession) keys over the five companyfacts files. */
    private static final int DISTINCT_KEYS = 71_806;
    private static final long TOTAL_ENTRIES = 119_403;
    private static final long ALPHABET = 1652044;
    private static final String OLDER = "fairvalue-2025-03";
    private static final Pattern MAIN_FILE = Pattern.compile("CIK(\\d{10})\\.json");
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(150);
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Path shared;
    private Path mirrorDir;
    private SecMirror sec;
    private TestApp app;
    private final List<Run> runs = new ArrayList<>();

    private record Run(String phase, long cik, Map<String, Object> job) {
    }

    @BeforeAll
    void start() throws IOException {
        shared = sharedSecDir();
        mirrorDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "realdata-sec-");
        for (String folder : List.of("tickers", "submissions", "companyfacts")) {
            Files.createDirectories(mirrorDir.resolve(folder));
        }
        linkAll(shared.resolve("tickers"), mirrorDir.resolve("tickers"));
        sec = new SecMirror(mirrorDir, 0).start();
        app = TestApp.start(sec.baseUrl());
    }

    @AfterAll
    void stop() {
        printTable();
        if (app != null) {
            app.close();
        }
        if (sec != null) {
            sec.close();
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void olderThenNewerSnapshotsLeaveOneRowPerReportedFactAndRerunsAddNothing() throws IOException {
        List<Path> older = companyFactsFiles(shared.resolve("companyfacts").resolve(OLDER));
        List<Path> newest = companyFactsFiles(shared.resolve("companyfacts"));
        List<Path> allFive = new ArrayList<>(older);
        allFive.addAll(newest);
        assertThat(allFive).as("companyfacts files in %s", shared).hasSize(5);
        assertThat(allFive.stream().mapToLong(Fixtures::entryCount).sum()).as("entries in the five files")
                .isEqualTo(TOTAL_ENTRIES);
        Set<String> expectedKeys = Fixtures.distinctKeys(allFive.toArray(Path[]::new));
        assertThat(expectedKeys).as("distinct fact keys in the five files").hasSize(DISTINCT_KEYS);

        phaseAOlderSnapshots(older);
        phaseBNewestFiles(older, newest);
        assertThat(app.count(Fixtures.STORED_FACTS)).as("facts after older-then-newer")
                .isEqualTo(expectedKeys.size());
        long rows = app.count("SELECT COUNT(*) FROM fact");
        assertThat(rows).as("rows of one value each, for %d facts", expectedKeys.size())
                .isLessThan(expectedKeys.size() * 3L / 4);

        rerunEverything(newest);
        assertThat(app.count(Fixtures.STORED_FACTS)).as("facts after re-running every company")
                .isEqualTo(expectedKeys.size());
        assertThat(app.count("SELECT COUNT(*) FROM fact")).as("rows after re-running every company").isEqualTo(rows);
    }

    /**
     * Issue 3's coverage check: every company whose facts were loaded answers phase 1 and phase 2 from the stored
     * metrics, each available value with its source filing; a table of what is available (and why not) is printed.
     */
    @Test
    @org.junit.jupiter.api.Order(2)
    void everyLoadedCompanyAnswersBothPhasesWithProvenance() throws Exception {
        List<Long> loaded = new ArrayList<>();
        try (var c = app.dataSource().getConnection();
             var s = c.prepareStatement("SELECT cik FROM company WHERE facts_loaded_at IS NOT NULL ORDER BY cik");
             var rs = s.executeQuery()) {
            while (rs.next()) {
                loaded.add(rs.getLong(1));
            }
        }
        assertThat(loaded).as("companies with facts").contains(320193L, 1045810L, 1652044L);
        StringBuilder coverage = new StringBuilder(String.format("%nKPI coverage (latest fiscal year and TTM)%n"
                + "%-8s %-5s %-6s %-9s %s%n", "CIK", "phase", "FY", "available", "missing (reason)"));
        SoftAssertions soft = new SoftAssertions();
        for (long cik : loaded) {
            for (int phase : List.of(1, 2)) {
                JsonNode answer = JSON.readTree(app.producer().requestBody("direct:ask",
                        "{\"ticker\":\"" + cik + "\",\"phase\":" + phase + "}", String.class));
                soft.assertThat(answer.path("status").asText()).as("answer for %d phase %d", cik, phase)
                        .isEqualTo("ready");
                int available = 0;
                List<String> missing = new ArrayList<>();
                for (JsonNode metric : answer.path("metrics")) {
                    if ("available".equals(metric.path("status").asText())) {
                        available++;
                        JsonNode source = metric.path("source");
                        soft.assertThat(source.path("accession").asText("").isEmpty()
                                && source.path("derivedFrom").asText("").isEmpty())
                                .as("provenance of %s %s for %d", metric.path("name").asText(),
                                        metric.path("period").asText(), cik).isFalse();
                    } else {
                        missing.add(metric.path("name").asText() + " " + metric.path("period").asText() + " ("
                                + metric.path("reason").asText() + ")");
                    }
                }
                if (phase == 1) {
                    soft.assertThat(available).as("phase 1 values available for %d", cik).isGreaterThanOrEqualTo(18);
                }
                coverage.append(String.format("%-8d %-5d %-6s %3d of %-3d %s%n", cik, phase,
                        answer.path("fiscalYear").asText(), available, answer.path("metrics").size(),
                        String.join("; ", missing)));
            }
        }
        System.out.print(coverage);
        System.out.flush();
        soft.assertAll();
    }

    /** Apple and NVIDIA as committed in March 2025, with their submissions of that time, into an empty database. */
    private void phaseAOlderSnapshots(List<Path> older) throws IOException {
        relink(shared.resolve("submissions").resolve(OLDER), mirrorDir.resolve("submissions"));
        relink(shared.resolve("companyfacts").resolve(OLDER), mirrorDir.resolve("companyfacts"));
        Map<Long, Map<String, Object>> jobs = runAll("A older", ciksOf(older));

        SoftAssertions soft = new SoftAssertions();
        for (Path file : older) {
            long cik = cikOf(file);
            Map<String, Object> job = jobs.get(cik);
            long keys = Fixtures.distinctKeys(file).size();
            soft.assertThat(job.get("status")).as("phase A status of %d: %s", cik, job.get("reason"))
                    .isEqualTo("succeeded");
            soft.assertThat(job.get("facts_read")).as("phase A facts_read of %d", cik)
                    .isEqualTo(Fixtures.entryCount(file));
            soft.assertThat(job.get("facts_inserted")).as("phase A facts_inserted of %d", cik).isEqualTo(keys);
            soft.assertThat(job.get("facts_updated")).as("phase A facts_updated of %d", cik).isEqualTo(0L);
            soft.assertThat(app.count(Fixtures.STORED_FACTS + " WHERE cik = ?", cik))
                    .as("phase A fact rows of %d", cik).isEqualTo(keys);
            soft.assertThat(differences(stored(cik), reported(file)))
                    .as("phase A stored rows of %d that differ from the file (first 5)", cik).isEmpty();
        }
        soft.assertAll();
    }

    /**
     * Every company of the newest files: each CIK with a main submissions file plus each companyfacts file.
     * Companies without companyfacts must fail with the product's 404 reason. Alphabet has companyfacts but no
     * submissions file in the shared data, so it first fails as an unknown company; then the test adds a minimal
     * submissions document of its own for it (not real data, no filings) and runs it again.
     */
    private void phaseBNewestFiles(List<Path> older, List<Path> newest) throws IOException {
        relink(shared.resolve("submissions"), mirrorDir.resolve("submissions"));
        relink(shared.resolve("companyfacts"), mirrorDir.resolve("companyfacts"));
        Set<Long> withSubmissions = ciksWithSubmissions();
        Set<Long> companies = new TreeSet<>(withSubmissions);
        companies.addAll(ciksOf(newest));
        Map<Long, Map<String, Object>> jobs = runAll("B newest", companies);

        Map<Long, Path> factsByCik = byCik(newest);
        Map<Long, Path> olderByCik = byCik(older);
        SoftAssertions soft = new SoftAssertions();
        for (long cik : companies) {
            Map<String, Object> job = jobs.get(cik);
            if (!withSubmissions.contains(cik)) {
                soft.assertThat(job.get("status")).as("phase B status of %d (no submissions file)", cik)
                        .isEqualTo("failed");
                soft.assertThat(job.get("reason")).as("phase B reason of %d", cik)
                        .isEqualTo("SEC has no company with CIK " + cik
                                + " (submissions document not found: HTTP 404 for "
                                + sec.baseUrl() + String.format("/submissions/CIK%010d.json)", cik));
            } else if (factsByCik.containsKey(cik)) {
                assertNewestLoaded(soft, "phase B", cik, job, factsByCik.get(cik), olderByCik.get(cik));
            } else {
                assertMissingCompanyFacts(soft, "phase B", cik, job);
            }
        }
        soft.assertAll();

        assertThat(withSubmissions).as("companies with companyfacts, Alphabet apart, have a submissions file")
                .containsAll(factsByCik.keySet().stream().filter(c -> c != ALPHABET).toList());
        if (!withSubmissions.contains(ALPHABET)) {
            Files.writeString(mirrorDir.resolve("submissions").resolve(String.format("CIK%010d.json", ALPHABET)),
                    minimalSubmissions(ALPHABET, "Alphabet Inc.", "GOOGL"), StandardCharsets.UTF_8);
            Map<String, Object> job = runAll("B stub", Set.of(ALPHABET)).get(ALPHABET);
            SoftAssertions stub = new SoftAssertions();
            assertNewestLoaded(stub, "phase B (test-made submissions)", ALPHABET, job, factsByCik.get(ALPHABET), null);
            stub.assertAll();
        }
    }

    /** Every company once more against the same files: nothing new, nothing changed, same outcomes. */
    private void rerunEverything(List<Path> newest) {
        long before = app.count(Fixtures.STORED_FACTS);
        long metricsBefore = app.count("SELECT COUNT(*) FROM kpi_value WHERE status = 'available'");
        Set<Long> companies = new TreeSet<>(ciksWithSubmissions());
        companies.addAll(ciksOf(newest));
        Map<Long, Map<String, Object>> jobs = runAll("C rerun", companies);

        Map<Long, Path> factsByCik = byCik(newest);
        SoftAssertions soft = new SoftAssertions();
        for (long cik : companies) {
            Map<String, Object> job = jobs.get(cik);
            soft.assertThat(job.get("facts_inserted")).as("rerun facts_inserted of %d", cik).isEqualTo(0L);
            if (factsByCik.containsKey(cik)) {
                soft.assertThat(job.get("status")).as("rerun status of %d: %s", cik, job.get("reason"))
                        .isEqualTo("succeeded");
                // The same bytes as the load of phase B: not parsed again, metrics recomputed from stored facts.
                soft.assertThat(job.get("facts_read")).as("rerun facts_read of %d", cik).isEqualTo(0L);
                soft.assertThat(String.valueOf(job.get("warnings"))).as("rerun warnings of %d", cik)
                        .contains(FactLoader.NOT_READ_AGAIN);
                soft.assertThat(job.get("facts_updated")).as("rerun facts_updated of %d", cik).isEqualTo(0L);
            } else {
                assertMissingCompanyFacts(soft, "rerun", cik, job);
            }
        }
        soft.assertThat(app.count(Fixtures.STORED_FACTS)).as("fact rows before and after the rerun")
                .isEqualTo(before);
        soft.assertThat(app.count("SELECT COUNT(*) FROM kpi_value WHERE status = 'available'"))
                .as("available KPI values before and after the rerun").isEqualTo(metricsBefore);
        soft.assertAll();
    }

    private void assertNewestLoaded(SoftAssertions soft, String phase, long cik, Map<String, Object> job,
                                    Path file, Path olderFile) {
        Set<String> newKeys = Fixtures.distinctKeys(file);
        Set<String> oldKeys = olderFile == null ? Set.of() : Fixtures.distinctKeys(olderFile);
        Set<String> added = new HashSet<>(newKeys);
        added.removeAll(oldKeys);
        Set<String> union = new HashSet<>(newKeys);
        union.addAll(oldKeys);
        soft.assertThat(job.get("status")).as("%s status of %d: %s", phase, cik, job.get("reason"))
                .isEqualTo("succeeded");
        soft.assertThat(job.get("facts_read")).as("%s facts_read of %d", phase, cik)
                .isEqualTo(Fixtures.entryCount(file));
        soft.assertThat(job.get("facts_inserted")).as("%s facts_inserted of %d (keys not in the older file)",
                phase, cik).isEqualTo((long) added.size());
        Map<String, String> newest = reported(file);
        Map<String, String> expected = olderFile == null ? new HashMap<>() : reported(olderFile);
        long changed = newest.entrySet().stream()
                .filter(e -> expected.containsKey(e.getKey()) && !expected.get(e.getKey()).equals(e.getValue()))
                .count();
        soft.assertThat(job.get("facts_updated")).as("%s facts_updated of %d (same key, other value, fy, fp, form,"
                + " filed or frame than the older file)", phase, cik).isEqualTo(changed);
        expected.putAll(newest);
        soft.assertThat(differences(stored(cik), expected)).as("%s stored rows of %d that differ from the newest"
                + " report of their key (first 5)", phase, cik).isEmpty();
        soft.assertThat(count(job, "facts_inserted") + count(job, "facts_updated") + count(job, "facts_unchanged"))
                .as("%s inserted + updated + unchanged of %d", phase, cik).isEqualTo(count(job, "facts_read"));
        soft.assertThat(app.count(Fixtures.STORED_FACTS + " WHERE cik = ?", cik))
                .as("%s fact rows of %d (keys of older and newest file)", phase, cik).isEqualTo((long) union.size());
    }

    /** Key (taxonomy|concept|unit|start|end|accession) to attributes of every entry of a file, read as a tree. */
    private static Map<String, String> reported(Path file) {
        Map<String, String> entries = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> tax = tree(file).get("facts").fields(); tax.hasNext(); ) {
            Map.Entry<String, JsonNode> taxonomy = tax.next();
            for (Iterator<Map.Entry<String, JsonNode>> con = taxonomy.getValue().fields(); con.hasNext(); ) {
                Map.Entry<String, JsonNode> concept = con.next();
                for (Iterator<Map.Entry<String, JsonNode>> un = concept.getValue().get("units").fields();
                     un.hasNext(); ) {
                    Map.Entry<String, JsonNode> unit = un.next();
                    for (JsonNode e : unit.getValue()) {
                        JsonNode fy = e.get("fy");
                        entries.put(key(taxonomy.getKey(), concept.getKey(), unit.getKey(), text(e, "start"),
                                        text(e, "end"), text(e, "accn")),
                                attributes(e.get("val").decimalValue(), fy == null || fy.isNull() ? null : fy.asInt(),
                                        text(e, "fp"), text(e, "form"), text(e, "filed"), text(e, "frame")));
                    }
                }
            }
        }
        return entries;
    }

    /** The same map read back from the fact table, every filing of a stored value as its own entry. */
    private Map<String, String> stored(long cik) {
        Map<String, String> entries = new HashMap<>();
        try {
            for (ReportedFact f : new StoredFacts(app.dataSource()).of(cik)) {
                String previous = entries.put(key(f.taxonomy(), f.concept(), f.unit(), string(f.start()),
                                f.end().toString(), f.accession()),
                        attributes(f.value(), f.fiscalYear(), f.fiscalPeriod(), f.form(), f.filed().toString(),
                                f.frame()));
                assertThat(previous).as("entry of %s stored once", f.accession()).isNull();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return entries;
    }

    private static List<String> differences(Map<String, String> actual, Map<String, String> expected) {
        List<String> out = new ArrayList<>();
        Set<String> keys = new TreeSet<>(actual.keySet());
        keys.addAll(expected.keySet());
        for (String key : keys) {
            if (!Objects.equals(actual.get(key), expected.get(key)) && out.size() < 5) {
                out.add(key + ": stored " + actual.get(key) + ", expected " + expected.get(key));
            }
        }
        return out;
    }

    private static String key(String taxonomy, String concept, String unit, String start, String end, String accn) {
        return taxonomy + "|" + concept + "|" + unit + "|" + start + "|" + end + "|" + accn;
    }

    /** Values compared as numbers at the fact.val column's scale (NUMERIC(38, 12)). */
    private static String attributes(BigDecimal val, Integer fy, String fp, String form, String filed, String frame) {
        return val.setScale(12, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "|" + fy + "|" + fp
                + "|" + form + "|" + filed + "|" + frame;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String string(java.time.LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static JsonNode tree(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertMissingCompanyFacts(SoftAssertions soft, String phase, long cik, Map<String, Object> job) {
        soft.assertThat(job.get("status")).as("%s status of %d (no companyfacts file)", phase, cik)
                .isEqualTo("failed");
        soft.assertThat((String) job.get("reason")).as("%s reason of %d", phase, cik)
                .startsWith("SEC publishes no XBRL financial data (companyfacts) for ")
                .contains("CIK " + cik)
                .containsPattern("; its profile and filings list were stored \\(\\d+ new filings\\); HTTP 404 for "
                        + "http://127\\.0\\.0\\.1:\\d+/api/xbrl/companyfacts/CIK\\d{10}\\.json$");
        soft.assertThat(job.get("facts_read")).as("%s facts_read of %d", phase, cik).isEqualTo(0L);
        soft.assertThat(app.count(Fixtures.STORED_FACTS + " WHERE cik = ?", cik))
                .as("%s fact rows of %d", phase, cik).isZero();
    }

    /** Submits one job per CIK over JMS (all queued at once, as a batch would be), then waits for each. */
    private Map<Long, Map<String, Object>> runAll(String phase, Set<Long> ciks) {
        Map<Long, String> jobIds = new LinkedHashMap<>();
        for (long cik : ciks) {
            JsonNode ticket = app.submit("{\"cik\":\"" + cik + "\",\"requestedBy\":\"realdata-test\"}");
            assertThat(ticket.path("duplicate").asBoolean()).as("ticket for %d: %s", cik, ticket).isFalse();
            jobIds.put(cik, ticket.path("jobId").asText());
        }
        Map<Long, Map<String, Object>> jobs = new LinkedHashMap<>();
        jobIds.forEach((cik, jobId) -> {
            Map<String, Object> job = app.awaitFinished(jobId, JOB_TIMEOUT);
            jobs.put(cik, job);
            runs.add(new Run(phase, cik, job));
        });
        return jobs;
    }

    private void printTable() {
        String format = "%-9s %-32s %8s %-9s %6s %8s %7s  %s%n";
        StringBuilder table = new StringBuilder("\n== Real-data ingest (" + shared + ")\n");
        table.append(String.format(format, "phase", "company", "CIK", "status", "read", "inserted", "updated",
                "reason"));
        for (Run run : runs) {
            Map<String, Object> job = run.job();
            String name = job.get("company_name") == null ? "-" : (String) job.get("company_name");
            table.append(String.format(format, run.phase(), name.length() > 32 ? name.substring(0, 31) + "…" : name,
                    run.cik(), job.get("status"), job.get("facts_read"), job.get("facts_inserted"),
                    job.get("facts_updated"), job.get("reason") == null ? "" : job.get("reason")));
        }
        if (app != null) {
            table.append("facts: ").append(app.count(Fixtures.STORED_FACTS)).append(" in ")
                    .append(app.count("SELECT COUNT(*) FROM fact")).append(" rows of one value each\n");
        }
        System.out.print(table);
        System.out.flush();
    }

    private static Path sharedSecDir() {
        String dir = System.getProperty("benchmarkos.shared.dir");
        if (dir == null || dir.isBlank()) {
            fail("system property benchmarkos.shared.dir is not set: run with 'mvn verify -Prealdata'"
                    + " (the pom passes ${project.basedir}/../shared)");
        }
        Path sec = Path.of(dir, "data", "sec").toAbsolutePath().normalize();
        for (String folder : List.of("tickers", "submissions", "companyfacts", "companyfacts/" + OLDER)) {
            if (!Files.isDirectory(sec.resolve(folder))) {
                fail("real SEC data not found: " + sec.resolve(folder) + " is missing (benchmarkos.shared.dir="
                        + dir + "); the realdata profile needs ../shared/data/sec beside the repository");
            }
        }
        return sec;
    }

    /** Replaces the links in {@code target} with links to the regular files directly in {@code source}. */
    private static void relink(Path source, Path target) throws IOException {
        try (Stream<Path> old = Files.list(target)) {
            for (Path link : old.toList()) {
                Files.delete(link);
            }
        }
        linkAll(source, target);
    }

    private static void linkAll(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.createSymbolicLink(target.resolve(file.getFileName().toString()), file.toAbsolutePath());
            }
        }
    }

    private Set<Long> ciksWithSubmissions() {
        try (Stream<Path> files = Files.list(shared.resolve("submissions"))) {
            return files.filter(Files::isRegularFile).map(RealDataIngestTest::mainFileCik)
                    .filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> companyFactsFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).filter(f -> mainFileCik(f) != null).sorted().toList();
        }
    }

    private static Long mainFileCik(Path file) {
        Matcher m = MAIN_FILE.matcher(file.getFileName().toString());
        return m.matches() ? Long.valueOf(m.group(1)) : null;
    }

    private static long cikOf(Path companyFacts) {
        return mainFileCik(companyFacts);
    }

    private static Set<Long> ciksOf(List<Path> files) {
        Set<Long> ciks = new TreeSet<>();
        files.forEach(f -> ciks.add(cikOf(f)));
        return ciks;
    }

    private static Map<Long, Path> byCik(List<Path> files) {
        Map<Long, Path> map = new LinkedHashMap<>();
        files.forEach(f -> map.put(cikOf(f), f));
        return map;
    }

    private static long count(Map<String, Object> job, String column) {
        Object value = job.get(column);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** A submissions document with the fields the product reads and no filings; made by this test, not SEC's. */
    private static String minimalSubmissions(long cik, String name, String ticker) {
        return "{\"cik\":\"" + cik + "\",\"entityType\":\"operating\",\"name\":\"" + name + "\",\"tickers\":[\""
                + ticker + "\"],\"filings\":{\"recent\":{\"accessionNumber\":[]},\"files\":[]}}";
    }
}
