package io.benchmarkos.ingest.api;

import io.benchmarkos.ingest.SqlRows;
import io.benchmarkos.ingest.facts.FactValue;
import io.benchmarkos.ingest.jobs.CompanyRef;
import io.benchmarkos.ingest.jobs.JobStore;
import io.benchmarkos.ingest.sec.CompanyDirectory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read side of the HTTP API and CLI: jobs, companies and stored facts, with parameterized SQL only. */
public class ApiQueries {

    private static final int MAX_FACTS = 5000;
    private static final int MAX_COMPANIES = 5000;

    private final DataSource dataSource;
    private final JobStore jobs;

    public ApiQueries(DataSource dataSource, JobStore jobs) {
        this.dataSource = dataSource;
        this.jobs = jobs;
    }

    /**
     * The job's row; a running job that no live worker holds (its claim ran out) says so in {@code worker}, with
     * what to check: otherwise it would only look "running".
     */
    public Optional<Map<String, Object>> job(String id) throws SQLException {
        Optional<Map<String, Object>> job = jobs.find(id);
        job.filter(row -> "running".equals(row.get("status"))).ifPresent(row -> {
            Object until = row.get("lease_until");
            if (!(until instanceof Instant claim) || claim.isBefore(Instant.now())) {
                row.put("worker", "none holds this job now: its worker stopped or its attempt ended; another worker"
                        + " takes it when its work message is delivered again. If none runs, start one");
            }
        });
        return job;
    }

    /**
     * A page of the companies table by name (then CIK), {@code limit} rows from {@code offset}. The fact count and
     * latest periods are summed for the page's companies only: summed for every company, the answer took seconds
     * at a hundred companies and ten at ten thousand.
     */
    public List<Map<String, Object>> companies(String limitText, String offsetText) throws SQLException {
        int limit = (int) wholeNumber(limitText, "limit", 1000, 1, MAX_COMPANIES);
        long offset = parseOffset(offsetText);
        return query("SELECT c.cik, c.name, c.tickers, c.fiscal_year_end, c.sic, c.sic_description,"
                + " c.submissions_loaded_at, c.facts_loaded_at, (SELECT COALESCE(SUM(f.filings), 0)"
                + " FROM fact f WHERE f.cik = c.cik)"
                + " AS facts, (SELECT MAX(v.fiscal_year) FROM line_item_value v WHERE v.cik = c.cik"
                + " AND v.period_kind = 'FY') AS latest_fiscal_year, (SELECT MAX(v.period_end) FROM line_item_value v"
                + " WHERE v.cik = c.cik AND v.item = 'revenue' AND v.period_kind <> 'TTM') AS latest_period_end"
                + " FROM (SELECT * FROM company ORDER BY name NULLS LAST, cik OFFSET ? ROWS FETCH NEXT ? ROWS ONLY) c"
                + " ORDER BY c.name NULLS LAST, c.cik", List.of(offset, limit), limit);
    }

    /**
     * Facts of a company, newest period first; {@code concept} matches the concept name in any taxonomy. A fact is a
     * value with the filing that reported it first ({@code accession}, {@code form}, {@code filed}, ...) and, in
     * {@code repeated_in}, every later filing that reported the same value for the same period. Of a period's values
     * (restatements) the one reported last ({@code last_filed}) comes first. {@code limit} counts such rows and
     * {@code offset} skips that many: the order covers the whole key, so pages neither repeat nor skip a row.
     */
    public List<Map<String, Object>> facts(String company, String concept, String unit, String limitText,
                                           String offsetText) throws SQLException {
        int limit = parseLimit(limitText);
        long offset = parseOffset(offsetText);
        long cik = cikOf(company);
        StringBuilder sql = new StringBuilder("SELECT k.taxonomy, k.name AS concept, f.unit, f.period_start,"
                + " f.period_end, f.val, f.accession, f.form, f.filed, f.fy, f.fp, f.frame, f.filings, f.last_filed,"
                + " f.repeated_in"
                + " FROM fact f"
                + " JOIN concept k ON k.id = f.concept_id WHERE f.cik = ?");
        List<Object> params = new ArrayList<>(List.of(cik));
        if (concept != null && !concept.isBlank()) {
            String name = concept.trim();
            int colon = name.indexOf(':');
            if (colon > 0) {
                sql.append(" AND k.taxonomy = ?");
                params.add(name.substring(0, colon));
                name = name.substring(colon + 1);
            }
            sql.append(" AND k.name = ?");
            params.add(name);
        }
        if (unit != null && !unit.isBlank()) {
            sql.append(" AND f.unit = ?");
            params.add(unit.trim());
        }
        // Within a period and concept, the value reported last (the current one) first.
        sql.append(" ORDER BY f.period_end DESC, f.period_start DESC NULLS LAST, k.name, k.taxonomy, f.unit,"
                + " f.last_filed DESC, f.val OFFSET ? ROWS");
        params.add(offset);
        List<Map<String, Object>> rows = query(sql.toString(), params, limit);
        for (Map<String, Object> row : rows) {
            List<Map<String, Object>> repeats = new ArrayList<>();
            for (FactValue.Report r : FactValue.repeatingFilings((String) row.get("repeated_in"))) {
                Map<String, Object> filing = new LinkedHashMap<>();
                filing.put("accession", r.accession());
                filing.put("fy", r.fiscalYear());
                filing.put("fp", r.fiscalPeriod());
                filing.put("form", r.form());
                filing.put("filed", r.filed().toString());
                filing.put("frame", r.frame());
                repeats.add(filing);
            }
            row.put("repeated_in", repeats);
        }
        return rows;
    }

    private static int parseLimit(String text) {
        return (int) wholeNumber(text, "limit", 500, 1, MAX_FACTS);
    }

    private static long parseOffset(String text) {
        return wholeNumber(text, "offset", 0, 0, Long.MAX_VALUE);
    }

    /**
     * A query parameter as a whole number from {@code min} to {@code max}; {@code absent} when not given.
     *
     * @throws IllegalArgumentException naming the parameter and its range (answered 400)
     */
    public static long wholeNumber(String text, String name, long absent, long min, long max) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min
                + (max == Long.MAX_VALUE ? "" : " to " + max));
    }

    /** The CIK of a stored company, by CIK or ticker; a company the database has no row for is not found (404). */
    public long cikOf(String company) throws SQLException {
        CompanyRef ref = CompanyRef.parse(company);
        if (ref.cik() != null) {
            if (query("SELECT cik FROM company WHERE cik = ?", List.of(ref.cik()), 1).isEmpty()) {
                throw new NotFoundException("no company loaded for " + ref.display());
            }
            return ref.cik();
        }
        // One query whatever the answer: the CIK SEC's map gives the ticker, else that of a company whose own list
        // names it; the company's row, when loaded; and whether any map is cached, for the message.
        Map<String, Object> found = query("SELECT q.mapped, (SELECT c.cik FROM company c WHERE c.cik ="
                + " COALESCE(q.mapped, (SELECT MIN(cik) FROM company WHERE " + CompanyDirectory.LISTS_TICKER + ")))"
                + " AS loaded, EXISTS (SELECT 1 FROM ticker_map) AS has_map"
                + " FROM (SELECT (SELECT m.cik FROM ticker_map m WHERE m.ticker = ?) AS mapped) q",
                List.of(CompanyDirectory.listing(ref.ticker()), ref.ticker()), 1).get(0);
        if (found.get("loaded") instanceof Number loaded) {
            return loaded.longValue();
        }
        if (found.get("mapped") instanceof Number mapped) {
            // Known to SEC but never loaded: not found, as a CIK with no row is, rather than a company without facts.
            throw new NotFoundException("no company loaded for " + ref.display() + " (CIK " + mapped
                    + "); submit a job for it");
        }
        // An archive import stores no tickers: until a job caches SEC's ticker map, only the CIK finds its company.
        boolean mapCached = Boolean.TRUE.equals(found.get("has_map"));
        throw new NotFoundException("no company loaded for " + ref.display() + (mapCached ? ""
                : " (SEC's ticker map is not cached yet, so a ticker is known only once a job has loaded its company:"
                + " ask by CIK, or submit a job)"));
    }

    private List<Map<String, Object>> query(String sql, List<Object> params, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            s.setMaxRows(limit);
            List<Map<String, Object>> rows = SqlRows.of(s);
            rows.forEach(row -> row.replaceAll((column, value) -> plain(value)));
            return rows;
        }
    }

    private static Object plain(Object value) {
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof java.time.Instant i) {
            return i.toString();
        }
        if (value instanceof java.math.BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        return value;
    }

    /** Nothing matches the request (HTTP 404). */
    public static class NotFoundException extends RuntimeException {
        public NotFoundException(String message) {
            super(message);
        }
    }
}
