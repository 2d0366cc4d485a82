package io.benchmarkos.ingest.facts;

import java.time.LocalDate;

/**
 * A companyfacts document older than the company's stored facts: its latest filing was filed before theirs. A load
 * merges entries and never drops one, so such a document would keep the newer filings but put back the fy, fp,
 * frame and values SEC has revised since; {@link FactLoad#commit} stores nothing of it instead.
 */
public class OlderDocumentException extends RuntimeException {

    /** How the message begins (a job's warning, an archive entry's reason). */
    public static final String OLDER = "companyfacts older than the stored facts";

    public OlderDocumentException(long cik, String entityName, LocalDate documentLatest, LocalDate storedLatest) {
        super(OLDER + ", not stored: the document of CIK " + cik + (entityName == null ? "" : " (" + entityName + ")")
                + " has filings up to " + documentLatest + ", the stored facts up to " + storedLatest
                + "; storing it would put back labels and values SEC has revised since. Load a newer document"
                + " (SEC's latest companyfacts.zip, or a job for the company) to update it");
    }
}
