package io.benchmarkos.ingest.facts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.JsonProblems;
import io.benchmarkos.ingest.jobs.JobContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stores what the submissions document says about a company (name, fiscal year end, SIC, former names) and
 * its filings, from the {@code filings.recent} arrays and from the older pages listed in {@code filings.files}.
 * These documents are small (well under a few MB), so they are read as a tree.
 */
public class SubmissionsStore {

    /** Exchange property with the names of the older filing pages still to fetch. */
    public static final String PAGES_PROPERTY = "submissionPages";
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionsStore.class);

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SubmissionsStore(DataSource dataSource, ObjectMapper mapper, Clock clock) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.clock = clock;
    }

    public void storeCompany(Exchange exchange) throws IOException, SQLException {
        JobContext job = exchange.getProperty(JobContext.PROPERTY, JobContext.class);
        JsonNode doc = read(exchange.getMessage().getBody(byte[].class), "submissions");
        if (!doc.isObject() || !doc.has("cik") || !doc.path("filings").has("recent")) {
            throw new MalformedDocumentException("submissions document for CIK " + job.getCik()
                    + " lacks cik or filings.recent");
        }
        long docCik = doc.get("cik").asLong();
        if (docCik != job.getCik()) {
            throw new MalformedDocumentException("submissions document is for CIK " + docCik + ", not " + job.getCik());
        }
        job.setCompanyName(doc.path("name").asText(null));
        job.setFiscalYearEnd(doc.path("fiscalYearEnd").asText(null));
        List<String> tickers = texts(doc.path("tickers"));
        if (job.getCompany().cik() != null && !tickers.isEmpty()) {
            // Asked by CIK: the list just fetched names it as SEC does now, where a cached map may predate a new
            // ticker (only jobs by ticker refresh it); ask names a company by CIK from this list too.
            job.setTicker(tickers.get(0));
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                upsertCompany(c, job.getCik(), doc, tickers);
                int added = insertFilings(c, job.getCik(), doc.path("filings").path("recent"));
                c.commit();
                job.addFilingsStored(added);
            } catch (SQLException e) {
                c.rollback();
                // A conflict with another job storing this company's profile or filings runs the stage again.
                throw ConcurrentLoadException.conflictOr(job.getCik(), e);
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        List<String> pages = new ArrayList<>();
        doc.path("filings").path("files").forEach(f -> pages.add(f.path("name").asText()));
        exchange.setProperty(PAGES_PROPERTY, pages);
        LOG.debug("Job {}: company {} ({}), fiscal year end {}, {} older filing pages", job.getJobId(),
                job.getCompanyName(), job.getCik(), job.getFiscalYearEnd(), pages.size());
    }

    /** An older page of filings: the same columnar arrays as {@code filings.recent}, at the top level. */
    public void storePage(Exchange exchange) throws IOException, SQLException {
        JobContext job = exchange.getProperty(JobContext.PROPERTY, JobContext.class);
        JsonNode page = read(exchange.getMessage().getBody(byte[].class), "submissions page");
        if (!page.has("accessionNumber")) {
            throw new MalformedDocumentException("submissions page for CIK " + job.getCik()
                    + " has no accessionNumber");
        }
        try (Connection c = dataSource.getConnection()) {
            job.addFilingsStored(insertFilings(c, job.getCik(), page));
        }
    }

    private JsonNode read(byte[] body, String what) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new MalformedDocumentException(what + " JSON is malformed or truncated: " + JsonProblems.describe(e),
                    e);
        }
    }

    private void upsertCompany(Connection c, long cik, JsonNode doc, List<String> tickers) throws SQLException {
        String formerNames = doc.has("formerNames") ? doc.get("formerNames").toString() : "[]";
        Object[] values = {
            doc.path("name").asText(null), String.join(",", tickers), String.join(",", texts(doc.path("exchanges"))),
            doc.path("entityType").asText(null), doc.path("sic").asText(null), doc.path("sicDescription").asText(null),
            doc.path("fiscalYearEnd").asText(null), doc.path("stateOfIncorporation").asText(null),
            formerNames.length() > 8000 ? formerNames.substring(0, 8000) : formerNames,
            Timestamp.from(clock.instant()), cik,
        };
        try (PreparedStatement update = c.prepareStatement("UPDATE company SET name = ?, tickers = ?, exchanges = ?,"
                + " entity_type = ?, sic = ?, sic_description = ?, fiscal_year_end = ?, state_of_incorporation = ?,"
                + " former_names = ?, submissions_loaded_at = ? WHERE cik = ?")) {
            bindAll(update, values);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO company (name, tickers, exchanges,"
                + " entity_type, sic, sic_description, fiscal_year_end, state_of_incorporation, former_names,"
                + " submissions_loaded_at, cik) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindAll(insert, values);
            insert.executeUpdate();
        }
    }

    private static int insertFilings(Connection c, long cik, JsonNode columns) throws SQLException {
        Set<String> known = knownAccessions(c, cik);
        JsonNode accessions = columns.path("accessionNumber");
        int added = 0;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO filing (cik, accession, form, filing_date,"
                + " report_date, acceptance_time, primary_document, is_xbrl) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < accessions.size(); i++) {
                String accession = accessions.get(i).asText();
                if (!known.add(accession)) {
                    continue;
                }
                s.setLong(1, cik);
                s.setString(2, accession);
                s.setString(3, column(columns, "form", i));
                s.setDate(4, date(column(columns, "filingDate", i)));
                s.setDate(5, date(column(columns, "reportDate", i)));
                s.setString(6, column(columns, "acceptanceDateTime", i));
                s.setString(7, column(columns, "primaryDocument", i));
                String xbrl = column(columns, "isXBRL", i);
                s.setObject(8, xbrl == null ? null : "1".equals(xbrl) || "true".equals(xbrl), java.sql.Types.BOOLEAN);
                s.addBatch();
                added++;
            }
            s.executeBatch();
        }
        return added;
    }

    private static Set<String> knownAccessions(Connection c, long cik) throws SQLException {
        Set<String> known = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT accession FROM filing WHERE cik = ?")) {
            s.setLong(1, cik);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
        }
        return known;
    }

    private static String column(JsonNode columns, String name, int row) {
        JsonNode value = columns.path(name).path(row);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    private static Date date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Date.valueOf(LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> {
            if (!n.isNull()) {
                out.add(n.asText());
            }
        });
        return out;
    }

    private static void bindAll(PreparedStatement s, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            s.setObject(i + 1, values[i]);
        }
    }
}
