package io.benchmarkos.ingest.facts;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.jobs.CompanyRef;
import io.benchmarkos.ingest.jobs.JobContext;
import io.benchmarkos.ingest.sec.SecGate;
import io.benchmarkos.ingest.sec.SecResponses;
import io.benchmarkos.ingest.sec.SecUrls;
import io.benchmarkos.ingest.support.MemoryDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw copy of an SEC body, as SecResponses leaves it: SEC's own gzip when it sent one, ours otherwise. */
class RawDocumentStoreTest {

    private static final CamelContext CAMEL = new DefaultCamelContext();
    private static final long CIK = 320193;
    private static final String URL = "https://data.sec.gov/api/xbrl/companyfacts/CIK0000320193.json";
    private static final byte[] DOCUMENT = ("{\"cik\":320193,\"entityName\":\"Apple Inc.\",\"facts\":{}}"
            + " ".repeat(2000)).getBytes(StandardCharsets.UTF_8);

    private final SecResponses responses = new SecResponses(new SecGate(Clock.systemUTC(), Duration.ofMinutes(1)),
            1_000_000, Duration.ofMinutes(5));
    private JdbcDataSource db;
    private RawDocumentStore store;

    @AfterAll
    static void closeCamel() throws Exception {
        CAMEL.close();
    }

    @BeforeEach
    void freshDatabase() {
        db = MemoryDatabase.migrated("rawdoc");
        store = new RawDocumentStore(db, Clock.systemUTC());
    }

    @Test
    void aGzipBodyFromSecIsStoredByteForByteAsServed() throws Exception {
        // Level 9, not the level 4 this class compresses at: bytes that are SEC's, not a compression of our own.
        byte[] served = Fixtures.gzip(DOCUMENT, Deflater.BEST_COMPRESSION);
        Exchange exchange = checked(served, "gzip");

        store.store(exchange, "companyfacts");

        assertThat(storedGzip()).isEqualTo(served);
        assertThat(Fixtures.gunzip(storedGzip())).isEqualTo(DOCUMENT);
        assertThat(stored("size_bytes")).isEqualTo(String.valueOf(DOCUMENT.length));
        assertThat(stored("sha256")).isEqualTo(Fixtures.sha256(DOCUMENT));
        assertThat(exchange.getProperty("companyfactsSha256")).isEqualTo(Fixtures.sha256(DOCUMENT));
        assertThat(exchange.getMessage().getBody(byte[].class)).as("the body is still whole for the parser")
                .isEqualTo(DOCUMENT);
    }

    @Test
    void anIdentityBodyIsGzippedHere() throws Exception {
        Exchange exchange = checked(DOCUMENT, null);

        store.store(exchange, "companyfacts");

        assertThat(Fixtures.gunzip(storedGzip())).isEqualTo(DOCUMENT);
        assertThat(stored("sha256")).isEqualTo(Fixtures.sha256(DOCUMENT));
        assertThat(stored("size_bytes")).isEqualTo(String.valueOf(DOCUMENT.length));
    }

    @Test
    void theSameDocumentIsKeptOnceWhicheverWayItCame() throws Exception {
        store.store(checked(DOCUMENT, null), "companyfacts");
        store.store(checked(Fixtures.gzip(DOCUMENT, Deflater.BEST_SPEED), "gzip"), "companyfacts");
        store.store(checked(Fixtures.gzip(DOCUMENT, Deflater.BEST_COMPRESSION), "gzip"), "companyfacts");

        assertThat(stored("COUNT(*)")).isEqualTo("1");
    }

    @Test
    void aRecordOfAnotherBodyIsNotUsed() throws Exception {
        Exchange exchange = checked(Fixtures.gzip(DOCUMENT, Deflater.BEST_COMPRESSION), "gzip");
        byte[] other = "{\"cik\":320193,\"other\":true}".getBytes(StandardCharsets.UTF_8);
        exchange.getMessage().setBody(other);

        store.store(exchange, "companyfacts");

        assertThat(Fixtures.gunzip(storedGzip())).isEqualTo(other);
        assertThat(stored("sha256")).isEqualTo(Fixtures.sha256(other));
    }

    @Test
    void aDocumentServedAgainAfterAnotherIsKeptAgain() throws Exception {
        byte[] other = "{\"cik\":320193,\"other\":true}".getBytes(StandardCharsets.UTF_8);
        store.store(checked(DOCUMENT, null), "companyfacts");
        store.store(checked(other, null), "companyfacts");

        store.store(checked(DOCUMENT, null), "companyfacts");

        assertThat(stored("COUNT(*)")).as("the same body as two fetches ago, not as the latest").isEqualTo("3");
    }

    @Test
    void thePurgeDeletesOnlyOldCopiesAndKeepsTheLatestOfEachKind() throws Exception {
        Instant now = Instant.parse("2026-12-05T12:00:00Z");
        storeAt(now.minus(Duration.ofDays(100)), "{\"n\":1}", "companyfacts");
        storeAt(now.minus(Duration.ofDays(95)), "{\"n\":2}", "companyfacts");
        storeAt(now.minus(Duration.ofDays(1)), "{\"n\":3}", "companyfacts");
        storeAt(now.minus(Duration.ofDays(100)), "{\"n\":4}", "submissions");

        int purged = new RawDocumentStore(db, Clock.fixed(now, java.time.ZoneOffset.UTC)).purgeOlderThan(90);

        assertThat(purged).isEqualTo(2);
        assertThat(storedSha256s()).containsExactlyInAnyOrder(sha256("{\"n\":3}"), sha256("{\"n\":4}"));
    }

    private void storeAt(Instant fetchedAt, String body, String kind) throws Exception {
        new RawDocumentStore(db, Clock.fixed(fetchedAt, java.time.ZoneOffset.UTC))
                .store(checked(body.getBytes(StandardCharsets.UTF_8), null), kind);
    }

    private static String sha256(String body) {
        return Fixtures.sha256(body.getBytes(StandardCharsets.UTF_8));
    }

    private java.util.List<String> storedSha256s() throws Exception {
        java.util.List<String> shas = new java.util.ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT sha256 FROM raw_document");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                shas.add(rs.getString(1));
            }
        }
        return shas;
    }

    /** An exchange as sec-get leaves it: the response checked by SecResponses, in a job for Apple. */
    private Exchange checked(byte[] body, String contentEncoding) throws IOException {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.setProperty(SecUrls.URL_PROPERTY, URL);
        exchange.setProperty(JobContext.PROPERTY, new JobContext("job-1", CompanyRef.ofCik(Long.toString(CIK)),
                null, null, null, 1, Instant.now()));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (contentEncoding != null) {
            exchange.getMessage().setHeader(Exchange.CONTENT_ENCODING, contentEncoding);
        }
        exchange.getMessage().setBody(new ByteArrayInputStream(body));
        responses.check(exchange);
        return exchange;
    }

    private byte[] storedGzip() throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT content_gzip FROM raw_document WHERE cik = ?")) {
            s.setLong(1, CIK);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    private String stored(String column) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM raw_document WHERE cik = ?")) {
            s.setLong(1, CIK);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

}
