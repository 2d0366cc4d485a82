package io.benchmarkos.ingest.kpi;

import io.benchmarkos.ingest.facts.CompanyFactsReader;
import io.benchmarkos.ingest.facts.ReportedFact;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Loading only {@link KpiEngine#conceptsUsed()} (what the metrics step does) must not change any result. */
class ConceptsUsedTest {

    @ParameterizedTest
    @CsvSource({"CIK0000320193.json,0926", "CIK0001045810.json,0125"})
    void onlyTheConceptsUsedGiveTheSameMetricsAsEveryFact(String file, String fiscalYearEnd) throws Exception {
        List<ReportedFact> all = read(Path.of(getClass().getResource("/sec/api/xbrl/companyfacts/" + file).toURI()));
        Set<String> used = KpiEngine.conceptsUsed();
        List<ReportedFact> some = all.stream().filter(f -> used.contains(f.taxonomy() + ':' + f.concept())).toList();
        assertThat(some.size()).as("the fixture holds concepts the engine does not read").isLessThan(all.size());

        CompanyMetrics fromAll = KpiEngine.compute(all, fiscalYearEnd, Optional.empty());
        CompanyMetrics fromSome = KpiEngine.compute(some, fiscalYearEnd, Optional.empty());

        assertThat(fromSome.allLineItems()).isEqualTo(fromAll.allLineItems());
        assertThat(fromSome.allKpis()).isEqualTo(fromAll.allKpis());
    }

    private static List<ReportedFact> read(Path file) throws Exception {
        List<ReportedFact> facts = new ArrayList<>();
        try (CompanyFactsReader reader = new CompanyFactsReader(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            reader.forEachRemaining(facts::add);
        }
        return facts;
    }
}
