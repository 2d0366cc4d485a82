package io.benchmarkos.ingest.kpi;

import io.benchmarkos.ingest.facts.ConcurrentLoadException;
import io.benchmarkos.ingest.facts.FactLoader;
import io.benchmarkos.ingest.facts.ReportedFact;
import io.benchmarkos.ingest.facts.StoredFacts;
import io.benchmarkos.ingest.jobs.JobContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The route step after a successful ingest: line items and KPIs from the stored facts, written to
 * {@code line_item_value} / {@code kpi_value} so that answering the chatbot is a read.
 */
public class MetricsStep {

    /** Exchange property with the fetched {@link Quote}, or absent. */
    public static final String QUOTE = "quote";
    /** Exchange property with the reason there is no quote. */
    public static final String NO_QUOTE_REASON = "noQuoteReason";
    private static final Logger LOG = LoggerFactory.getLogger(MetricsStep.class);

    private final StoredFacts facts;
    private final KpiRepository repository;
    private final Clock clock;

    public MetricsStep(StoredFacts facts, KpiRepository repository, Clock clock) {
        this.facts = facts;
        this.repository = repository;
        this.clock = clock;
    }

    public void compute(Exchange exchange) throws SQLException {
        JobContext job = exchange.getProperty(JobContext.PROPERTY, JobContext.class);
        long started = System.nanoTime();
        // Only the concepts the engine reads: a large filer reports hundreds more that change no result. The load
        // that just ran hands them on when it knows all of them; otherwise they are read back.
        @SuppressWarnings("unchecked")
        List<ReportedFact> kept = exchange.getProperty(FactLoader.KEPT_FACTS, List.class);
        exchange.removeProperty(FactLoader.KEPT_FACTS);
        List<ReportedFact> stored = kept != null ? kept : facts.of(job.getCik(), KpiEngine.conceptsUsed());
        String fiscalYearEnd = Optional.ofNullable(job.getFiscalYearEnd())
                .or(() -> fiscalYearEnd(job.getCik())).orElse("1231");
        Quote quote = exchange.getProperty(QUOTE, Quote.class);
        String noQuote = exchange.getProperty(NO_QUOTE_REASON, "no quote source answered", String.class);
        CompanyMetrics metrics = KpiEngine.compute(stored, fiscalYearEnd, Optional.ofNullable(quote), noQuote);
        KpiRepository.Outcome saved;
        try {
            saved = repository.replaceAll(job.getCik(), metrics, clock.instant());
        } catch (SQLException e) {
            // A conflict with another job writing this company's metrics runs the stage again.
            throw ConcurrentLoadException.conflictOr(job.getCik(), e);
        }
        long available = metrics.allKpis().stream().filter(k -> k.status() == KpiStatus.AVAILABLE).count();
        LOG.info("Job {}: metrics for {}: fiscal years {}, {} rows ({} written, {} removed), {} of {} KPI values"
                + " available ({} ms)", job.getJobId(), job.describe(), metrics.fiscalYears(), saved.rows(),
                saved.written(), saved.deleted(), available, metrics.allKpis().size(),
                (System.nanoTime() - started) / 1_000_000);
        if (quote == null) {
            job.warn("market KPIs unavailable: " + noQuote);
        }
    }

    private Optional<String> fiscalYearEnd(long cik) {
        try {
            return facts.fiscalYearEnd(cik);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The doCatch step of the quote fetch: remember why there is no price; the job goes on. */
    public void quoteUnavailable(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause instanceof QuoteUnavailableException ? cause.getMessage()
                : "quote source unreachable (" + (cause == null ? "?" : cause.getClass().getSimpleName() + ": "
                + cause.getMessage()) + ")";
        exchange.setProperty(NO_QUOTE_REASON, reason);
        LOG.debug("No quote: {}", reason);
    }
}
