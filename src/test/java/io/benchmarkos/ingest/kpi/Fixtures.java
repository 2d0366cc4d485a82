package io.benchmarkos.ingest.kpi;

import io.benchmarkos.ingest.facts.CompanyFactsReader;
import io.benchmarkos.ingest.facts.ReportedFact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loads companyfacts fixtures from the test classpath. */
final class Fixtures {

    static final String APPLE = "/sec/api/xbrl/companyfacts/CIK0000320193.json";
    static final String APPLE_OLDER = "/sec/api/xbrl/companyfacts/older/CIK0000320193.json";
    static final String NVIDIA = "/sec/api/xbrl/companyfacts/CIK0001045810.json";
    static final String MSFT_THREE_YEARS = "/kpi/CIK0000789019-synthetic-three-years-in-one-10k.json";
    static final String PROXY_THOUSANDS = "/kpi/CIK0000000001-synthetic-def14a-thousands-scale.json";
    static final String IFRS_EUR = "/kpi/CIK0000000002-synthetic-ifrs-eur-20f.json";
    static final String LOSS_YEAR = "/kpi/CIK0000000003-synthetic-loss-year-negative-equity.json";

    private Fixtures() {
    }

    static List<ReportedFact> facts(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource);
             CompanyFactsReader reader = new CompanyFactsReader(in)) {
            List<ReportedFact> facts = new ArrayList<>();
            reader.forEachRemaining(facts::add);
            return facts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CompanyMetrics metrics(String resource, String fiscalYearEnd) {
        return KpiEngine.compute(facts(resource), fiscalYearEnd, Optional.empty());
    }
}
