package io.benchmarkos.ingest.facts;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A nightly refresh fetches companyfacts documents that mostly did not change since the last night: the same bytes
 * as the last full load are not parsed and merged again. Only a whole load moves that mark.
 */
class UnchangedDocumentTest {

    private static final String FACTS_OF_APPLE = Fixtures.STORED_FACTS + " WHERE cik = ?";
    private static final String METRICS_OF_APPLE = "SELECT COUNT(*) FROM kpi_value WHERE cik = ?";

    private TestApp app;
    private Path served;
    private byte[] newer;

    @BeforeEach
    void start() throws Exception {
        Path secDir = Fixtures.copyToTemp();
        served = secDir.resolve(Fixtures.companyFacts(Fixtures.APPLE));
        newer = Files.readAllBytes(served);
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
        Timestamp secondLoad = loadedAt();
        Map<String, Object> third = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(first).containsEntry("status", "succeeded")
                .containsEntry("facts_read", Fixtures.entryCount(served));
        assertThat(facts).isPositive();
        assertThat(metrics).isPositive();
        String firstFetched = firstFetch().toString();
        for (Map<String, Object> again : List.of(second, third)) {
            assertThat(again).containsEntry("status", "succeeded").containsEntry("facts_read", 0L)
                    .containsEntry("facts_inserted", 0L).containsEntry("facts_updated", 0L);
            assertThat(String.valueOf(again.get("warnings"))).as("names the first fetch, not the last skip")
                    .contains(FactLoader.NOT_READ_AGAIN + ": the same document as the company's last full load,"
                            + " unchanged since " + firstFetched);
        }
        assertThat(app.count(FACTS_OF_APPLE, Fixtures.APPLE)).isEqualTo(facts);
        assertThat(app.count(METRICS_OF_APPLE, Fixtures.APPLE)).as("metrics computed again from the stored facts")
                .isEqualTo(metrics);
        assertThat(secondLoad).as("the stored facts are current as of the second job").isAfter(firstLoad);
        assertThat(loadedAt()).isAfter(secondLoad);
    }

    @Test
    void aLoadOfSomeYearsDoesNotLetTheNextFullJobSkipTheDocument() {
        Map<String, Object> recent = app.awaitFinished(app.submit("{\"ticker\":\"AAPL\",\"years\":2}")
                .get("jobId").asText());
        long recentFacts = app.count(FACTS_OF_APPLE, Fixtures.APPLE);

        Map<String, Object> full = app.awaitFinished(app.submitTicker("AAPL"));
        Map<String, Object> recentAgain = app.awaitFinished(app.submit("{\"ticker\":\"AAPL\",\"years\":2}")
                .get("jobId").asText());

        assertThat(recent).containsEntry("status", "succeeded");
        assertThat(String.valueOf(recent.get("warnings"))).contains("years skipped");
        assertThat(full).containsEntry("status", "succeeded").containsEntry("facts_read", Fixtures.entryCount(served));
        assertThat((Long) full.get("facts_inserted")).as("the older entries the first job skipped").isPositive();
        assertThat(app.count(FACTS_OF_APPLE, Fixtures.APPLE)).isGreaterThan(recentFacts)
                .isEqualTo(Fixtures.distinctKeys(served).size());
        assertThat(String.valueOf(recentAgain.get("warnings"))).as("the stored facts hold more than these years")
                .contains(FactLoader.NOT_READ_AGAIN);
    }

    @Test
    void aBrokenDocumentLeavesTheMarkAndAChangedOneIsReadAndMovesIt() throws Exception {
        // Other bytes, as recent as the stored facts (an older document would not be stored: OlderDocumentException).
        byte[] changedBytes = Arrays.copyOf(newer, newer.length + 1);
        changedBytes[newer.length] = '\n';
        app.awaitFinished(app.submitTicker("AAPL"));

        Files.write(served, Arrays.copyOf(newer, newer.length / 2));
        Map<String, Object> truncated = app.awaitFinished(app.submitTicker("AAPL"));
        String markAfterFailure = mark();
        Files.write(served, changedBytes);
        Map<String, Object> changed = app.awaitFinished(app.submitTicker("AAPL"));
        String markAfterChange = mark();
        Files.write(served, newer);
        Map<String, Object> back = app.awaitFinished(app.submitTicker("AAPL"));

        assertThat(truncated).containsEntry("status", "failed");
        assertThat(markAfterFailure).isEqualTo(Fixtures.sha256(newer));
        assertThat(changed).containsEntry("status", "succeeded")
                .containsEntry("facts_read", Fixtures.entryCount(served));
        assertThat(markAfterChange).isEqualTo(Fixtures.sha256(changedBytes));
        assertThat(back).as("not the last full load's document any more: read again")
                .containsEntry("status", "succeeded").containsEntry("facts_read", Fixtures.entryCount(served));
        assertThat(mark()).isEqualTo(Fixtures.sha256(newer));
    }

    private Timestamp loadedAt() throws Exception {
        return Timestamp.from(((OffsetDateTime) column("SELECT facts_loaded_at FROM company WHERE cik = ?"))
                .toInstant());
    }

    private String mark() throws Exception {
        return (String) column("SELECT facts_sha256 FROM company WHERE cik = ?");
    }

    private Instant firstFetch() throws Exception {
        return ((OffsetDateTime) column("SELECT MIN(fetched_at) FROM raw_document WHERE cik = ?"
                + " AND kind = 'companyfacts'")).toInstant();
    }

    private Object column(String sql) throws Exception {
        try (Connection c = app.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, Fixtures.APPLE);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        }
    }
}
