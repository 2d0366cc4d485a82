package io.benchmarkos.ingest.facts;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A nightly refresh fetches companyfacts documents that mostly did not change since the last night: the same bytes
 * as the last full load are not parsed and merged again, and a load that kept only some years never counts as full.
 */
class UnchangedDocumentTest {

    private static final String FACTS_OF_APPLE = Fixtures.STORED_FACTS + " WHERE cik = ?";
    private static final String METRICS_OF_APPLE = "SELECT COUNT(*) FROM kpi_value WHERE cik = ?";

    private TestApp app;
    private Path appleFacts;

    @BeforeEach
    void start() throws Exception {
        Path secDir = Fixtures.copyToTemp();
        appleFacts = secDir.resolve(Fixtures.companyFacts(Fixtures.APPLE));
        app = TestApp.serving(secDir);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void theDocumentOfTheLastFullLoadIsNotReadAgain() throws Exception {
        Map<String, Object> first = app.awaitFinished(app.submitTicker("AAPL"));
        long facts = app.count(FACTS_OF_APPLE, Fixtures.APPLE);
        long metrics = app.count(METRICS_OF_APPLE, Fixtures.APPLE);
        Timestamp firstLoad = loadedAt();

        Map<String, Object> second = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(first).containsEntry("status", "succeeded")
                .containsEntry("facts_read", Fixtures.entryCount(appleFacts));
        assertThat(facts).isPositive();
        assertThat(metrics).isPositive();
        assertThat(second).containsEntry("status", "succeeded").containsEntry("facts_read", 0L)
                .containsEntry("facts_inserted", 0L).containsEntry("facts_updated", 0L);
        assertThat((String) second.get("warnings")).contains("companyfacts not read again: unchanged since the load at "
                + firstLoad.toInstant());
        assertThat(app.count(FACTS_OF_APPLE, Fixtures.APPLE)).isEqualTo(facts);
        assertThat(app.count(METRICS_OF_APPLE, Fixtures.APPLE)).as("metrics computed again from the stored facts")
                .isEqualTo(metrics);
        assertThat(loadedAt()).as("the stored facts are current as of the second job").isAfter(firstLoad);
    }

    @Test
    void aLoadOfSomeYearsDoesNotLetTheNextFullJobSkipTheDocument() {
        Map<String, Object> recent = app.awaitFinished(app.submit("{\"ticker\":\"AAPL\",\"years\":2}")
                .get("jobId").asText());
        long recentFacts = app.count(FACTS_OF_APPLE, Fixtures.APPLE);

        Map<String, Object> full = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(recent).containsEntry("status", "succeeded");
        assertThat((String) recent.get("warnings")).contains("years skipped");
        assertThat(full).containsEntry("status", "succeeded")
                .containsEntry("facts_read", Fixtures.entryCount(appleFacts));
        assertThat((Long) full.get("facts_inserted")).as("the older entries the first job skipped").isPositive();
        assertThat(app.count(FACTS_OF_APPLE, Fixtures.APPLE)).isGreaterThan(recentFacts)
                .isEqualTo(Fixtures.distinctKeys(appleFacts).size());
    }

    private Timestamp loadedAt() throws Exception {
        try (var c = app.dataSource().getConnection();
             var s = c.prepareStatement("SELECT facts_loaded_at FROM company WHERE cik = ?")) {
            s.setLong(1, Fixtures.APPLE);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1);
            }
        }
    }
}
