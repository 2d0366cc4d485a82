package io.benchmarkos.ingest.sec;

/**
 * Builds SEC URLs from configurable bases, so the same build can talk to SEC or to a local mirror.
 * CIKs appear in SEC paths as 10 digits with leading zeros.
 */
public class SecUrls {

    /** Exchange property holding the URL of the SEC request in flight. */
    public static final String URL_PROPERTY = "secUrl";

    private final String wwwBase;
    private final String dataBase;
    private final String tickersPath;
    private final String submissionsPath;
    private final String companyFactsPath;

    public SecUrls(String wwwBase, String dataBase, String tickersPath, String submissionsPath,
                   String companyFactsPath) {
        this.wwwBase = trimSlash(wwwBase);
        this.dataBase = trimSlash(dataBase);
        this.tickersPath = tickersPath;
        this.submissionsPath = submissionsPath;
        this.companyFactsPath = companyFactsPath;
    }

    public static String cik10(long cik) {
        return String.format("%010d", cik);
    }

    public String tickers() {
        return wwwBase + tickersPath;
    }

    public String submissions(long cik) {
        return dataBase + submissionsPath + "CIK" + cik10(cik) + ".json";
    }

    /** An older page of a company's filings, named in the submissions document's {@code filings.files}. */
    public String submissionsPage(String name) {
        if (!name.matches("[A-Za-z0-9._-]{1,80}")) {
            throw new SecUnexpectedResponseException("submissions document names an unsafe page: " + name);
        }
        return dataBase + submissionsPath + name;
    }

    public String companyFacts(long cik) {
        return dataBase + companyFactsPath + "CIK" + cik10(cik) + ".json";
    }

    private static String trimSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
