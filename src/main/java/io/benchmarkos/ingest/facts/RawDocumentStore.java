package io.benchmarkos.ingest.facts;

import io.benchmarkos.ingest.jobs.JobContext;
import io.benchmarkos.ingest.sec.SecUrls;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Keeps the raw body of an SEC document for audit: gzip-compressed, with its sha256 and fetch time. A body
 * identical to the latest one kept for the company is not stored twice.
 */
public class RawDocumentStore {

    private static final Logger LOG = LoggerFactory.getLogger(RawDocumentStore.class);

    private final DataSource dataSource;
    private final Clock clock;

    public RawDocumentStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Stores the exchange body as the raw document {@code kind}; sets exchange property {@code <kind>Sha256}. */
    public void store(Exchange exchange, String kind) throws SQLException, IOException {
        JobContext job = exchange.getProperty(JobContext.PROPERTY, JobContext.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        String sha256 = sha256(body);
        exchange.setProperty(kind + "Sha256", sha256);
        if (sha256.equals(latestSha256(job.getCik(), kind))) {
            LOG.debug("Job {}: {} for CIK {} unchanged since last fetch (sha256 {})", job.getJobId(), kind,
                    job.getCik(), sha256);
            return;
        }
        byte[] gzipped = gzip(body);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO raw_document (cik, kind, url, job_id, fetched_at,"
                     + " sha256, size_bytes, content_gzip) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, job.getCik());
            s.setString(2, kind);
            s.setString(3, exchange.getProperty(SecUrls.URL_PROPERTY, String.class));
            s.setString(4, job.getJobId());
            s.setTimestamp(5, Timestamp.from(clock.instant()));
            s.setString(6, sha256);
            s.setLong(7, body.length);
            s.setBytes(8, gzipped);
            s.executeUpdate();
        }
        LOG.debug("Job {}: kept raw {} ({} bytes, {} gzipped)", job.getJobId(), kind, body.length, gzipped.length);
    }

    /** Deletes raw bodies older than the retention, always keeping the latest of each company and kind. */
    public int purgeOlderThan(int retentionDays) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM raw_document WHERE fetched_at < ? AND id <>"
                     + " (SELECT MAX(r.id) FROM raw_document r WHERE r.cik = raw_document.cik"
                     + " AND r.kind = raw_document.kind)")) {
            s.setTimestamp(1, Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(retentionDays))));
            int purged = s.executeUpdate();
            if (purged > 0) {
                LOG.info("Purged {} raw SEC documents older than {} days", purged, retentionDays);
            }
            return purged;
        }
    }

    private String latestSha256(long cik, String kind) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT sha256 FROM raw_document WHERE cik = ? AND kind = ? ORDER BY fetched_at DESC, id DESC")) {
            s.setLong(1, cik);
            s.setString(2, kind);
            s.setMaxRows(1);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, body.length / 8));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 65536)) {
            gz.write(body);
        }
        return out.toByteArray();
    }
}
