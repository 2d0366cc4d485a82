package io.benchmarkos.ingest.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The job an exchange is working on, carried as the exchange property {@value #PROPERTY}. Routes fill in the
 * resolved company and the counts; {@link JobStore} writes them to the job row.
 */
public class JobContext {

    public static final String PROPERTY = "job";

    private final String jobId;
    private final CompanyRef company;
    private final Integer years;
    private final String correlationId;
    private final String batchId;
    private final int attempt;
    private final Instant startedAt;
    private Long cik;
    private String ticker;
    private String companyName;
    private String fiscalYearEnd;
    private long factsRead;
    private long factsInserted;
    private long factsUpdated;
    private long factsUnchanged;
    private int filingsStored;
    private int secRetries;
    private final List<String> warnings = new ArrayList<>();

    public JobContext(String jobId, CompanyRef company, Integer years, String correlationId, String batchId,
                      int attempt, Instant startedAt) {
        this.jobId = jobId;
        this.company = company;
        this.years = years;
        this.correlationId = correlationId;
        this.batchId = batchId;
        this.attempt = attempt;
        this.startedAt = startedAt;
        this.cik = company.cik();
        this.ticker = company.ticker();
    }

    public String getJobId() {
        return jobId;
    }

    public CompanyRef getCompany() {
        return company;
    }

    public Integer getYears() {
        return years;
    }

    public String getCorrelationId() {
        return correlationId;
    }

    public String getBatchId() {
        return batchId;
    }

    public int getAttempt() {
        return attempt;
    }

    /** How many times the job has waited for SEC to come back (these are not failed attempts). */
    public int getSecRetries() {
        return secRetries;
    }

    public void setSecRetries(int secRetries) {
        this.secRetries = secRetries;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Long getCik() {
        return cik;
    }

    public void setCik(Long cik) {
        this.cik = cik;
    }

    public String getTicker() {
        return ticker;
    }

    public void setTicker(String ticker) {
        this.ticker = ticker;
    }

    public String getCompanyName() {
        return companyName;
    }

    public void setCompanyName(String companyName) {
        this.companyName = companyName;
    }

    public String getFiscalYearEnd() {
        return fiscalYearEnd;
    }

    public void setFiscalYearEnd(String fiscalYearEnd) {
        this.fiscalYearEnd = fiscalYearEnd;
    }

    public long getFactsRead() {
        return factsRead;
    }

    public long getFactsInserted() {
        return factsInserted;
    }

    public long getFactsUpdated() {
        return factsUpdated;
    }

    public long getFactsUnchanged() {
        return factsUnchanged;
    }

    public void setFactCounts(long read, long inserted, long updated, long unchanged) {
        this.factsRead = read;
        this.factsInserted = inserted;
        this.factsUpdated = updated;
        this.factsUnchanged = unchanged;
    }

    public int getFilingsStored() {
        return filingsStored;
    }

    public void addFilingsStored(int count) {
        filingsStored += count;
    }

    public List<String> getWarnings() {
        return warnings;
    }

    public void warn(String warning) {
        warnings.add(warning);
    }

    public String describe() {
        if (ticker == null) {
            return cik == null ? company.display() : "CIK " + cik;
        }
        return ticker + (cik != null ? " (CIK " + cik + ")" : "");
    }
}
