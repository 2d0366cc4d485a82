package io.benchmarkos.ingest.sec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.benchmarkos.ingest.JsonProblems;
import io.benchmarkos.ingest.SqlRows;
import io.benchmarkos.ingest.facts.MalformedDocumentException;
import io.benchmarkos.ingest.jobs.CompanyRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** SEC's ticker → CIK map, cached in the {@code ticker_map} table and refreshed when older than its max age. */
public class CompanyDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CompanyDirectory.class);
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * Condition on a {@code company} row: its own ticker list (the submissions' {@code tickers}, stored by a job by
     * ticker or by CIK) names the ticker in {@link #listing}, in any place. That list is there before any map is
     * cached and also names classes the map leaves out (Fannie Mae's preferred, Two Harbors' TWOD).
     */
    public static final String LISTS_TICKER = "',' || UPPER(tickers) || ',' LIKE ?";

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration maxAge;

    public CompanyDirectory(DataSource dataSource, Clock clock, Duration maxAge) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** True when no map is cached or the cached one is older than the configured max age. */
    public boolean isTickerMapStale() throws SQLException {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MIN(refreshed_at) FROM ticker_map")) {
            Timestamp oldest = rs.next() ? rs.getTimestamp(1) : null;
            return oldest == null || oldest.toInstant().isBefore(clock.instant().minus(maxAge));
        }
    }

    /**
     * Replaces the cached map with SEC's {@code company_tickers.json} ({"0":{"cik_str":..,"ticker":..,"title":..}}).
     */
    public synchronized int replaceTickerMap(byte[] json) throws SQLException {
        Map<String, Object[]> rows = parseTickerMap(json);
        if (rows.isEmpty()) {
            throw malformed("has no entries");
        }
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement delete = c.createStatement();
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO ticker_map (ticker, cik, title, refreshed_at, listed_order)"
                                 + " VALUES (?, ?, ?, ?, ?)")) {
                delete.executeUpdate("DELETE FROM ticker_map");
                int listedOrder = 0;
                for (Map.Entry<String, Object[]> row : rows.entrySet()) {
                    insert.setString(1, row.getKey());
                    insert.setLong(2, (Long) row.getValue()[0]);
                    insert.setString(3, (String) row.getValue()[1]);
                    insert.setTimestamp(4, now);
                    insert.setInt(5, listedOrder++);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (!isTickerMapStale()) {
                    // Another worker replaced the map at the same moment; its copy is as fresh as ours.
                    LOG.debug("Ticker map refreshed concurrently by another worker: {}", e.getMessage());
                    return rows.size();
                }
                throw e;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        LOG.info("SEC ticker map refreshed: {} tickers", rows.size());
        return rows.size();
    }

    public Optional<Long> cikForTicker(String ticker) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT cik FROM ticker_map WHERE ticker = ?")) {
            s.setString(1, CompanyRef.normalizeTicker(ticker));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The parameter of {@link #LISTS_TICKER}: a ticker as {@link CompanyRef} normalizes it has no LIKE wildcard. */
    public static String listing(String ticker) {
        return "%," + ticker + ",%";
    }

    /** The CIK for a request: a CIK as given, a ticker through the map, or an {@link UnknownCompanyException}. */
    public long resolve(CompanyRef ref) throws SQLException {
        if (ref.cik() != null) {
            return ref.cik();
        }
        return cikForTicker(ref.ticker()).orElseThrow(() -> new UnknownCompanyException(
                "unknown ticker " + ref.ticker() + ": not in SEC's ticker map (try the CIK, or check the spelling)"));
    }

    /** The primary ticker SEC lists for a CIK (the map lists a company's main class first). */
    public Optional<String> tickerForCik(long cik) throws SQLException {
        return SqlRows.firstText(dataSource, "SELECT ticker FROM ticker_map WHERE cik = ?"
                + " ORDER BY CASE WHEN listed_order IS NULL THEN 1 ELSE 0 END, listed_order, ticker", cik);
    }

    private static Map<String, Object[]> parseTickerMap(byte[] json) {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw malformed("has an entry that is not an object at line "
                            + p.currentTokenLocation().getLineNr() + ", column "
                            + p.currentTokenLocation().getColumnNr());
                }
                Long cik = null;
                String ticker = null;
                String title = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    switch (field) {
                        case "cik_str" -> cik = p.getValueAsLong();
                        case "ticker" -> ticker = p.getValueAsString();
                        case "title" -> title = p.getValueAsString();
                        default -> p.skipChildren();
                    }
                }
                if (cik != null && ticker != null) {
                    // The first listing of a ticker wins: SEC lists the main class of a company first.
                    rows.putIfAbsent(CompanyRef.normalizeTicker(ticker), new Object[] {cik, title});
                }
            }
            return rows;
        } catch (IOException e) {
            // Jackson's own text runs over two lines and quotes a redacted source: a job's reason is one line.
            throw malformed("is malformed or truncated: " + JsonProblems.describe(e), e);
        }
    }

    private static MalformedDocumentException malformed(String problem) {
        return malformed(problem, null);
    }

    /** The map cannot be used; every job by ticker needs it while the cached one is missing or stale. */
    private static MalformedDocumentException malformed(String problem, IOException cause) {
        return new MalformedDocumentException("SEC ticker map (company_tickers.json) " + problem + "; submit the job"
                + " again to fetch the map anew (from a local mirror, replace its file first), or submit it by CIK,"
                + " which needs no ticker map", cause);
    }
}
