package io.benchmarkos.ingest.jobs;

import io.benchmarkos.ingest.sec.CompanyDirectory;
import io.benchmarkos.ingest.support.MemoryDatabase;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Job steps of the worker route, against the job table without a running app. */
class JobOutcomesTest {

    private static final long CIK = 320193;

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private JdbcDataSource db;
    private JobStore jobs;
    private JobOutcomes outcomes;

    @BeforeEach
    void database() {
        db = MemoryDatabase.migrated("outcomes");
        CompanyDirectory directory = new CompanyDirectory(db, Clock.systemUTC(), Duration.ofHours(24));
        jobs = new JobStore(db, directory, Clock.systemUTC(), 7, 2, Duration.ofMinutes(1), "worker-1");
        outcomes = new JobOutcomes(jobs, directory, 3, Duration.ofMinutes(60), Duration.ofSeconds(5), 0,
                Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void aJobHeldByTheSamePauseTwiceSaysSoOnce() throws Exception {
        String jobId = jobs.submit(new JobRequest(CompanyRef.ofCik(Long.toString(CIK)), null, null, null, false,
                null)).jobId();
        JobContext job = ((JobClaim.Started) jobs.start(jobId)).job();
        String notice = "SEC pause: all SEC requests held until 2026-12-05T12:10:00Z after HTTP 429 from SEC";

        outcomes.waitingForSec(waiting(job, notice));
        outcomes.waitingForSec(waiting(job, notice));

        assertThat(job.getWarnings()).containsExactly(notice);
        assertThat(jobs.find(jobId).orElseThrow().get("warnings")).isEqualTo(List.of(notice));
    }

    @Test
    void aCompanyIsLoadedOnlyOnceItsMetricsAreAsRecentAsItsFacts() throws Exception {
        Instant factsLoaded = Instant.parse("2026-12-05T12:00:00Z");
        company(factsLoaded, factsLoaded.minusSeconds(60));
        assertThat(jobs.loadedWithMetricsAt(CIK)).as("the metrics step failed after the facts were stored")
                .isEmpty();

        company(factsLoaded, factsLoaded);
        assertThat(jobs.loadedWithMetricsAt(CIK)).hasValue(factsLoaded);
    }

    private Exchange waiting(JobContext job, String notice) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(JobContext.PROPERTY, job);
        exchange.setProperty("secPauseNotice", notice);
        return exchange;
    }

    private void company(Instant factsLoaded, Instant metricsComputed) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("MERGE INTO company (cik, name, facts_loaded_at,"
                     + " metrics_computed_at) KEY (cik) VALUES (?, 'Apple Inc.', ?, ?)")) {
            s.setLong(1, CIK);
            s.setTimestamp(2, Timestamp.from(factsLoaded));
            s.setTimestamp(3, Timestamp.from(metricsComputed));
            s.executeUpdate();
        }
    }
}
