package io.benchmarkos.ingest.ask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.DatabaseOutage;
import io.benchmarkos.ingest.SqlRows;
import io.benchmarkos.ingest.jobs.InvalidJobException;
import io.benchmarkos.ingest.jobs.JobRequestParser;
import io.benchmarkos.ingest.jobs.JobStore;
import io.benchmarkos.ingest.jobs.JobTicket;
import io.benchmarkos.ingest.kpi.Kpis;
import io.benchmarkos.ingest.sec.CompanyDirectory;
import org.apache.camel.Exchange;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ask flow: a fresh company is answered from the stored KPIs at once ("ready"); a missing or stale one gets an
 * ingest job and a "fetching" answer with the job id, and the caller asks again after the completion event.
 */
public class AskService {

    public static final String QUESTION = "askQuestion";
    public static final String CIK = "askCik";
    /** Exchange property with the asker's correlation id, known even when the question cannot be read. */
    public static final String CORRELATION_ID = "askCorrelationId";
    private static final String FAILED_JOB = "askFailedJob";
    /** Exchange property with the ticker of a company asked about by CIK, when the app knows it. */
    private static final String TICKER = "askTicker";
    /** Set when only the company's own ticker list knows the asked ticker: SEC's map, and so a job by it, does not. */
    private static final String NOT_IN_TICKER_MAP = "askNotInTickerMap";
    private static final int MAX_BODY_SEARCHED_FOR_CORRELATION = 8192;

    private final DataSource dataSource;
    private final JobStore jobs;
    private final CompanyDirectory directory;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration freshFor;
    private final Duration failedAnswerFor;

    /**
     * @param failedAnswerFor how long a company's failed job is the answer (ask.failed-answer-minutes): a caller that
     *                        polls gets the failure and its reason, not a new job that fails the same way
     */
    public AskService(DataSource dataSource, JobStore jobs, CompanyDirectory directory, ObjectMapper mapper,
                      Clock clock, Duration freshFor, Duration failedAnswerFor) {
        this.dataSource = dataSource;
        this.jobs = jobs;
        this.directory = directory;
        this.mapper = mapper;
        this.clock = clock;
        this.freshFor = freshFor;
        this.failedAnswerFor = failedAnswerFor;
    }

    /** Parses the question; returns true when stored metrics are fresh enough to answer now. */
    public boolean prepare(Exchange exchange) throws SQLException {
        // The bytes as sent (a text message's, an HTTP body's): read as UTF-8 as strictly as a job request, so that
        // bytes that are not UTF-8 are refused rather than read as U+FFFD and the rest of the question answered.
        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        String body = null;
        String header = exchange.getMessage().getHeader("correlationId", String.class);
        if (header == null) {
            header = exchange.getMessage().getHeader("JMSCorrelationID", String.class);
        }
        AskQuestion question;
        try {
            AskQuestion.refuseOversize(bytes);
            body = bytes == null ? null : JobRequestParser.utf8(bytes, "question cannot be read", "send it as UTF-8");
            question = AskQuestion.parse(body, mapper);
        } catch (InvalidJobException e) {
            // A refused question is still answered to the asker who waits for this id.
            exchange.setProperty(CORRELATION_ID, correlationIdOf(header, body));
            throw e;
        }
        exchange.setProperty(CORRELATION_ID, question.correlationId() != null ? question.correlationId() : header);
        if (header != null && question.correlationId() == null) {
            // Refused whether or not the answer needs a job: the job request would refuse it, the ready answer not.
            JobRequestParser.refuseControlCharacters("correlationId header", header);
        }
        List<String> knownTickers = new ArrayList<>();
        for (String word : question.listedAfter()) {
            if (directory.cikForTicker(word).isPresent()) {
                knownTickers.add(word);
            }
        }
        if (!knownTickers.isEmpty()) {
            throw AskQuestion.moreThanOneCompany(question.company().display(), knownTickers);
        }
        exchange.setProperty(QUESTION, question);
        Optional<Long> mapped = question.company().cik() != null ? Optional.of(question.company().cik())
                : directory.cikForTicker(question.company().ticker());
        Optional<Long> cik = mapped.or(() -> loadedCik(question.company().ticker()));
        if (mapped.isEmpty() && cik.isPresent()) {
            exchange.setProperty(NOT_IN_TICKER_MAP, true);
        }
        if (cik.isEmpty() && question.onlyOtherWord()) {
            // "hello" is a word, not a company. Limitation: before the first ticker map is fetched, "nvda" is too.
            throw new InvalidJobException(AskQuestion.NO_COMPANY);
        }
        if (cik.isEmpty() && !directory.isTickerMapStale()) {
            // SEC's current ticker map does not know it: say so now instead of queuing a job that must fail.
            throw new InvalidJobException("unknown ticker " + question.company().ticker()
                    + ": not in SEC's ticker map (try the CIK, or check the spelling)");
        }
        cik.ifPresent(c -> exchange.setProperty(CIK, c));
        if (question.company().ticker() == null && cik.isPresent()) {
            tickerOf(cik.get()).ifPresent(ticker -> exchange.setProperty(TICKER, ticker));
        }
        return cik.isPresent() && isFresh(cik.get());
    }

    /** The JSON question behind {@code GET /companies/{company}/metrics?phase=N}. */
    public String questionFor(String company, String phase) throws Exception {
        Map<String, Object> question = new LinkedHashMap<>();
        question.put("ticker", company);
        // As given: the question's own check refuses "abc" as it refuses "3", with the same answer.
        question.put("phase", phase == null || phase.isBlank() ? "1" : phase.trim());
        return mapper.writeValueAsString(question);
    }

    /** The job request to send when the data must be fetched first. */
    public String jobRequest(Exchange exchange) throws Exception {
        AskQuestion question = exchange.getProperty(QUESTION, AskQuestion.class);
        Map<String, Object> request = new LinkedHashMap<>();
        if (question.company().cik() != null) {
            request.put("cik", Long.toString(question.company().cik()));
        } else if (exchange.getProperty(NOT_IN_TICKER_MAP, false, Boolean.class)) {
            // Found by the company's own ticker list (a class SEC's map leaves out): by ticker, the job would fail.
            request.put("cik", Long.toString(exchange.getProperty(CIK, Long.class)));
        } else {
            request.put("ticker", question.company().ticker());
        }
        request.put("requestedBy", "ask");
        // The id the answers carry (the body's, else the header's): the job's completion event repeats it.
        String correlationId = exchange.getProperty(CORRELATION_ID, String.class);
        if (correlationId != null) {
            request.put("correlationId", correlationId);
        }
        return mapper.writeValueAsString(request);
    }

    /** True when the company's latest job failed less than ask.failed-answer-minutes ago (see {@link #failed}). */
    public boolean failedRecently(Exchange exchange) throws SQLException {
        if (failedAnswerFor.isZero()) {
            return false;
        }
        AskQuestion question = exchange.getProperty(QUESTION, AskQuestion.class);
        Long cik = exchange.getProperty(CIK, Long.class);
        String ticker = question.company().ticker();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, status, reason, finished_at, attempts FROM ingest_job"
                     + " WHERE cik = ? OR UPPER(ticker) = ? ORDER BY created_at DESC")) {
            s.setLong(1, cik == null ? -1 : cik);
            s.setString(2, ticker == null ? "" : ticker.toUpperCase(java.util.Locale.ROOT));
            s.setMaxRows(1);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || !"failed".equals(rs.getString(2)) || rs.getTimestamp(4) == null) {
                    return false;
                }
                if (rs.getInt(5) == 0) {
                    // That job never started (the broker refused its work message, say): it says nothing about
                    // the company, so ask for it again.
                    return false;
                }
                Instant retryAfter = rs.getTimestamp(4).toInstant().plus(failedAnswerFor);
                if (!retryAfter.isAfter(clock.instant())) {
                    return false;
                }
                exchange.setProperty(FAILED_JOB, new FailedJob(rs.getString(1), rs.getString(3), retryAfter));
                return true;
            }
        }
    }

    /** The answer while a company's latest job failed recently: its reason, and when asking again fetches anew. */
    public Map<String, Object> failed(Exchange exchange) {
        AskQuestion question = exchange.getProperty(QUESTION, AskQuestion.class);
        FailedJob job = exchange.getProperty(FAILED_JOB, FailedJob.class);
        Map<String, Object> answer = header("failed", question, exchange);
        answer.put("jobId", job.id());
        answer.put("reason", job.reason());
        answer.put("retryAfter", job.retryAfter().toString());
        answer.put("message", "Could not fetch " + named(question, exchange) + ": " + job.reason()
                + ". Asking again after " + job.retryAfter() + " tries again.");
        return answer;
    }

    private record FailedJob(String id, String reason, Instant retryAfter) {
    }

    /** The company as a person knows it: its ticker when known, else its CIK. */
    private static String named(AskQuestion question, Exchange exchange) {
        String ticker = ticker(question, exchange);
        return ticker != null ? ticker : question.company().display();
    }

    /** The ticker asked about, or for a question by CIK the one the app knows for it (null when none). */
    private static String ticker(AskQuestion question, Exchange exchange) {
        return question.company().ticker() != null ? question.company().ticker()
                : exchange.getProperty(TICKER, String.class);
    }

    public Map<String, Object> fetching(Exchange exchange) throws Exception {
        AskQuestion question = exchange.getProperty(QUESTION, AskQuestion.class);
        JobTicket ticket = mapper.readValue(exchange.getMessage().getBody(byte[].class), JobTicket.class);
        Map<String, Object> answer = header("fetching", question, exchange);
        answer.put("jobId", ticket.jobId());
        answer.put("message", "Fetching " + named(question, exchange) + "… (job " + ticket.jobId()
                + "); ask again when the job's completion event arrives");
        return answer;
    }

    public Map<String, Object> ready(Exchange exchange) throws SQLException {
        AskQuestion question = exchange.getProperty(QUESTION, AskQuestion.class);
        long cik = exchange.getProperty(CIK, Long.class);
        Map<String, Object> answer = header("ready", question, exchange);
        Map<String, Object> company = company(cik);
        answer.put("company", company);
        Integer fiscalYear = latestFiscalYear(cik);
        answer.put("fiscalYear", fiscalYear);
        answer.put("metrics", metrics(cik, question.phase() == 1 ? Kpis.PHASE_1 : Kpis.PHASE_2, fiscalYear));
        answer.put("message", "Ready: " + company.get("name") + " phase " + question.phase() + " metrics, fiscal year "
                + fiscalYear + " and trailing twelve months");
        return answer;
    }

    public Map<String, Object> error(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "error");
        // Pool internals ("benchmarkos-db - Connection is not available…") tell an asker nothing.
        answer.put("message", e == null ? "could not answer" : DatabaseOutage.isCauseOf(e) ? DatabaseOutage.MESSAGE
                : e.getMessage());
        answer.put("correlationId", exchange.getProperty(CORRELATION_ID, String.class));
        return answer;
    }

    /** The id the asker sent: in the body's {@code correlationId} when it can be read, else in the header. */
    private String correlationIdOf(String header, String body) {
        if (body != null && body.length() <= MAX_BODY_SEARCHED_FOR_CORRELATION && body.strip().startsWith("{")) {
            try {
                JsonNode id = mapper.readTree(body).path("correlationId");
                if (id.isTextual() || id.isNumber()) {
                    return id.asText();
                }
            } catch (IOException e) {
                // Malformed: the question's own error says so; the header may still name the asker.
            }
        }
        return header;
    }

    private Map<String, Object> header(String status, AskQuestion question, Exchange exchange) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", status);
        answer.put("question", question.text());
        // Asked by CIK, the answer still names the ticker when the app knows it.
        answer.put("ticker", ticker(question, exchange));
        // The CIK the ticker resolved to, when it did: a caller that asked by ticker gets it too.
        answer.put("cik", question.company().cik() != null ? question.company().cik()
                : exchange.getProperty(CIK, Long.class));
        answer.put("phase", question.phase());
        // The asker's id as prepare found it, the header's when the body names none: as in error answers.
        answer.put("correlationId", exchange.getProperty(CORRELATION_ID, String.class));
        return answer;
    }

    /**
     * Loaded within the fresh window, with metrics computed from those facts: an archive import or a job whose
     * metrics step failed stores facts without metrics, and an answer then would quote the previous ones.
     */
    private boolean isFresh(long cik) throws SQLException {
        Instant cutoff = clock.instant().minus(freshFor);
        return jobs.loadedWithMetricsAt(cik).filter(loaded -> loaded.isAfter(cutoff)).isPresent();
    }

    /**
     * The ticker of a CIK: the first of the company's own list when it is loaded (its submissions name the main
     * share class first), else SEC's ticker map.
     */
    private Optional<String> tickerOf(long cik) throws SQLException {
        Optional<String> loaded = SqlRows.firstText(dataSource, "SELECT tickers FROM company WHERE cik = ?", cik)
                .map(tickers -> tickers.split(",")[0].trim()).filter(ticker -> !ticker.isEmpty());
        return loaded.isPresent() ? loaded : directory.tickerForCik(cik);
    }

    /** A loaded company whose own list names the ticker in any place (GOOG after GOOGL), as the facts API finds. */
    private Optional<Long> loadedCik(String ticker) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT MIN(cik) FROM company WHERE "
                     + CompanyDirectory.LISTS_TICKER)) {
            s.setString(1, CompanyDirectory.listing(ticker));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long cik = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(cik);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> company(long cik) throws SQLException {
        Map<String, Object> company = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT name, tickers, fiscal_year_end, facts_loaded_at"
                     + " FROM company WHERE cik = ?")) {
            s.setLong(1, cik);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    company.put("cik", cik);
                    company.put("name", rs.getString(1));
                    company.put("tickers", rs.getString(2));
                    company.put("fiscalYearEnd", rs.getString(3));
                    company.put("dataAsOf", rs.getTimestamp(4).toInstant().toString());
                }
            }
        }
        return company;
    }

    private Integer latestFiscalYear(long cik) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT MAX(fiscal_year) FROM line_item_value"
                     + " WHERE cik = ? AND period_kind = 'FY'")) {
            s.setLong(1, cik);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? (Integer) rs.getObject(1) : null;
            }
        }
    }

    /** Each KPI of the phase for the latest fiscal year and the current TTM window, with its provenance. */
    private List<Map<String, Object>> metrics(long cik, List<String> names, Integer fiscalYear) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT kpi, fiscal_year, period_kind, period_start, period_end,"
                     + " metric_value, unit, status, reason, taxonomy, concept, accession, form, filed, derived_from"
                     + " FROM kpi_value WHERE cik = ? AND kpi = ? AND ((period_kind = 'FY' AND fiscal_year = ?)"
                     + " OR period_kind = 'TTM') ORDER BY period_kind")) {
            for (String name : names) {
                s.setLong(1, cik);
                s.setString(2, name);
                s.setObject(3, fiscalYear);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(metric(rs));
                    }
                }
            }
        }
        return rows;
    }

    private static Map<String, Object> metric(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", rs.getString("kpi"));
        String kind = rs.getString("period_kind");
        m.put("period", "TTM".equals(kind) ? "TTM" : "FY" + rs.getInt("fiscal_year"));
        m.put("periodStart", text(rs.getDate("period_start")));
        m.put("periodEnd", text(rs.getDate("period_end")));
        m.put("value", rs.getBigDecimal("metric_value") == null ? null
                : rs.getBigDecimal("metric_value").stripTrailingZeros().toPlainString());
        m.put("unit", rs.getString("unit"));
        m.put("status", rs.getString("status"));
        m.put("reason", rs.getString("reason"));
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("concept", rs.getString("taxonomy") == null ? null
                : rs.getString("taxonomy") + ":" + rs.getString("concept"));
        source.put("accession", rs.getString("accession"));
        source.put("form", rs.getString("form"));
        source.put("filed", text(rs.getDate("filed")));
        // Derived: computed from the inputs in derivedFrom (each naming its filing), not reported by one filing.
        source.put("derived", rs.getString("taxonomy") == null && rs.getString("derived_from") != null);
        source.put("derivedFrom", rs.getString("derived_from"));
        m.put("source", source);
        return m;
    }

    private static String text(java.sql.Date date) {
        return date == null ? null : date.toLocalDate().toString();
    }
}
