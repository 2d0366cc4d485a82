package io.benchmarkos.ingest.facts;

import io.benchmarkos.ingest.SqlRows;
import io.benchmarkos.ingest.jobs.JobContext;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Camel-facing steps of writing a companyfacts document: {@link #begin} opens a {@link FactLoad}, the route's
 * streaming splitter feeds {@link #batches} to {@link #write}, and {@link #commit} / {@link #close} end it.
 */
public class FactLoader {

    public static final String PROPERTY = "factLoad";
    /** Exchange property set by {@link #commit}: the stored entries of the kept concepts, when the load knows them. */
    public static final String KEPT_FACTS = "keptFacts";
    /** Exchange property set by {@link RawDocumentStore}: the sha256 of the fetched companyfacts document. */
    private static final String DOCUMENT_SHA256 = RawDocumentStore.sha256Property("companyfacts");
    private static final String FIRST_FETCHED = "companyFactsFirstFetched";
    /** How a job's warnings begin when {@link #keepStored} ran. */
    public static final String NOT_READ_AGAIN = "companyfacts not read again";
    private static final Logger LOG = LoggerFactory.getLogger(FactLoader.class);

    private final DataSource dataSource;
    private final ConceptIds conceptIds;
    private final Clock clock;
    private final int batchSize;
    private final Set<String> keptConcepts;

    public FactLoader(DataSource dataSource, ConceptIds conceptIds, Clock clock, int batchSize) {
        this(dataSource, conceptIds, clock, batchSize, null);
    }

    /**
     * @param keptConcepts {@code taxonomy:concept}s whose stored entries a job's next step needs: a load hands them
     *                     on (exchange property {@link #KEPT_FACTS}) so they are not read back; null for none
     */
    public FactLoader(DataSource dataSource, ConceptIds conceptIds, Clock clock, int batchSize,
                      Set<String> keptConcepts) {
        this.dataSource = dataSource;
        this.conceptIds = conceptIds;
        this.clock = clock;
        this.batchSize = batchSize;
        this.keptConcepts = keptConcepts;
    }

    /**
     * Opens the load on the body as a stream, so a spooled document is parsed from its file and never held whole.
     * The load reads its own copy of a stream cache: stream caching rewinds the body itself before later steps.
     */
    public void begin(Exchange exchange) throws SQLException, IOException {
        JobContext job = exchange.getProperty(JobContext.PROPERTY, JobContext.class);
        Object body = exchange.getMessage().getBody();
        InputStream document = body instanceof StreamCache cache
                ? exchange.getContext().getTypeConverter().convertTo(InputStream.class, cache.copy(exchange))
                : exchange.getMessage().getBody(InputStream.class);
        exchange.setProperty(PROPERTY, open(job.getCik(), document, keepFrom(job.getYears()), true));
    }

    /** Opens a load of one document for a company; the caller must close it. */
    public FactLoad open(long cik, byte[] document, LocalDate keepFrom) throws SQLException {
        return open(cik, new ByteArrayInputStream(document), keepFrom);
    }

    /**
     * Opens a load of a document read from a stream (an archive entry), so the document is never held whole; the
     * caller must close the load, which closes the stream.
     */
    public FactLoad open(long cik, InputStream document, LocalDate keepFrom) throws SQLException {
        return open(cik, document, keepFrom, false);
    }

    /** As {@link #open(long, InputStream, LocalDate)}; {@code keep}: the load keeps this loader's kept concepts. */
    FactLoad open(long cik, InputStream document, LocalDate keepFrom, boolean keep) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            return new FactLoad(cik, document, c, conceptIds, keepFrom, storedFacts(c, cik),
                    keep ? keptConcepts : null, clock);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    public Iterator<List<ReportedFact>> batches(Exchange exchange) {
        return load(exchange).reader().batches(batchSize);
    }

    public void write(Exchange exchange) throws SQLException {
        @SuppressWarnings("unchecked")
        List<ReportedFact> batch = exchange.getMessage().getBody(List.class);
        load(exchange).write(batch);
    }

    public void commit(Exchange exchange) throws SQLException {
        FactLoad load = load(exchange);
        JobContext job = exchange.getProperty(JobContext.PROPERTY, JobContext.class);
        try {
            load.commit(exchange.getProperty(DOCUMENT_SHA256, String.class));
        } catch (OlderDocumentException e) {
            // The job goes on: its metrics are computed again from the stored facts, which are the newer ones.
            job.setFactCounts(load.read(), 0, 0, 0);
            job.warn(e.getMessage());
            LOG.warn("Job {} for {}: {}", job.getJobId(), job.describe(), e.getMessage());
            return;
        }
        load.keptFacts().ifPresent(facts -> exchange.setProperty(KEPT_FACTS, facts));
        job.setFactCounts(load.read(), load.inserted(), load.updated(), load.unchanged());
        load.reader().roundedValuesWarning().ifPresent(job::warn);
        if (load.skippedByYears() > 0) {
            job.warn(load.skippedByYears() + " entries older than the requested " + job.getYears() + " years skipped");
        }
        LOG.info("Job {}: {} facts read for {}: {} new, {} changed, {} unchanged", job.getJobId(), load.read(),
                job.describe(), load.inserted(), load.updated(), load.unchanged());
        LOG.debug("Job {}: {} fact rows written (one per value and period)", job.getJobId(), load.rowsWritten());
    }

    /**
     * True when the fetched document is, byte for byte, the one the company's facts were last loaded from in full
     * ({@code company.facts_sha256}). A load merges entries and never drops one, so loading the same document again
     * would change no row: the route then calls {@link #keepStored} instead.
     * <p>
     * Limitation: what a load stores from the same bytes is taken not to change between builds. A release whose
     * parser or storage does must clear {@code company.facts_sha256} in a migration (that also forces a re-read).
     */
    public boolean storedAlready(Exchange exchange) throws SQLException {
        JobContext job = exchange.getProperty(JobContext.PROPERTY, JobContext.class);
        String sha256 = exchange.getProperty(DOCUMENT_SHA256, String.class);
        if (sha256 == null) {
            return false;
        }
        // The raw copy of the document's first fetch says since when SEC has served these bytes. This job's own
        // copy does not: with no earlier one, the facts came from an archive import (which keeps no raw copies).
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT (SELECT MIN(r.fetched_at) FROM raw_document r"
                     + " WHERE r.cik = c.cik AND r.kind = 'companyfacts' AND r.sha256 = c.facts_sha256"
                     + " AND (r.job_id IS NULL OR r.job_id <> ?))"
                     + " FROM company c WHERE c.cik = ? AND c.facts_sha256 = ?")) {
            s.setString(1, job.getJobId());
            s.setLong(2, job.getCik());
            s.setString(3, sha256);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                Timestamp firstFetched = rs.getTimestamp(1);
                exchange.setProperty(FIRST_FETCHED, firstFetched == null ? "an archive import"
                        : firstFetched.toInstant().toString());
                return true;
            }
        }
    }

    /** Instead of a load, for a document {@link #storedAlready}: the stored facts are current as of now. */
    public void keepStored(Exchange exchange) throws SQLException {
        JobContext job = exchange.getProperty(JobContext.PROPERTY, JobContext.class);
        String sha256 = exchange.getProperty(DOCUMENT_SHA256, String.class);
        String firstFetched = exchange.getProperty(FIRST_FETCHED, String.class);
        markCurrent(job.getCik(), sha256);
        job.warn(NOT_READ_AGAIN + ": the same document as the company's last full load, unchanged since "
                + firstFetched + " (sha256 " + sha256.substring(0, 12) + "…); stored facts kept");
        LOG.info("Job {}: companyfacts for {} unchanged since {}: not read again, stored facts kept",
                job.getJobId(), job.describe(), firstFetched);
    }

    /** The sha256 of the document the company's facts were last loaded from in full, if any. */
    public Optional<String> fullLoadSha256(long cik) throws SQLException {
        return SqlRows.firstText(dataSource, "SELECT facts_sha256 FROM company WHERE cik = ?", cik);
    }

    /**
     * Marks the company's stored facts current as of now, when they are still those of the full load of the
     * document {@code sha256} (a load in between moved the mark, and then this one changes nothing).
     */
    public void markCurrent(long cik, String sha256) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE company SET facts_loaded_at = ? WHERE cik = ?"
                     + " AND facts_sha256 = ?")) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            s.setLong(2, cik);
            s.setString(3, sha256);
            s.executeUpdate();
        }
    }

    public void close(Exchange exchange) throws SQLException {
        FactLoad load = exchange.getProperty(PROPERTY, FactLoad.class);
        if (load != null) {
            exchange.removeProperty(PROPERTY);
            load.close();
        }
    }

    private static FactLoad load(Exchange exchange) {
        return exchange.getProperty(PROPERTY, FactLoad.class);
    }

    /** Years are counted back from 1 January of the current year: years=5 in 2026 keeps periods ending 2021+. */
    LocalDate keepFrom(Integer years) {
        return years == null ? null : LocalDate.now(clock).withDayOfYear(1).minusYears(years);
    }

    /** The company's stored rows by series, to merge the document with. */
    private static Map<String, List<FactValue>> storedFacts(Connection c, long cik) throws SQLException {
        Map<String, List<FactValue>> stored = new HashMap<>();
        FactRows.read(c, cik, null, null, false, (taxonomy, concept, row) -> stored
                .computeIfAbsent(FactLoad.seriesKey(row.conceptId(), row.unit()), k -> new ArrayList<>()).add(row));
        return stored;
    }

}
