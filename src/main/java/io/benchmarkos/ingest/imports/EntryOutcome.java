package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.facts.OlderDocumentException;

/**
 * What happened to one archive entry.
 *
 * @param status {@code done}, {@code failed} (bad content) or {@code refused} (never read: unsafe name, absurd size)
 * @param cik    null when the name carries none
 */
public record EntryOutcome(String name, String status, Long cik, long sizeBytes, long factsRead, long factsInserted,
                           long factsUpdated, String reason) {

    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String REFUSED = "refused";
    /** The reason of a done entry that was not read (see {@link #unchanged}). */
    static final String UNCHANGED = "unchanged since the company's last full load: not read again";

    static EntryOutcome refused(String name, long size, String reason) {
        return new EntryOutcome(name, REFUSED, null, size, 0, 0, 0, reason);
    }

    /** Stored already: the entry is byte for byte the document of the company's last full load. */
    static EntryOutcome unchanged(String name, long cik, long size) {
        return new EntryOutcome(name, DONE, cik, size, 0, 0, 0, UNCHANGED);
    }

    /**
     * Read, and not stored: the entry is older than the company's stored facts ({@link OlderDocumentException}, whose
     * message is the reason). Done all the same: the stored facts are newer, and a resumed run need not read it again.
     */
    static EntryOutcome older(String name, long cik, long size, long factsRead, String reason) {
        return new EntryOutcome(name, DONE, cik, size, factsRead, 0, 0, reason);
    }

    static EntryOutcome failed(String name, long cik, long size, String reason) {
        return new EntryOutcome(name, FAILED, cik, size, 0, 0, 0, reason);
    }

    public boolean isUnchanged() {
        return isDone() && UNCHANGED.equals(reason);
    }

    public boolean isOlder() {
        return isDone() && reason != null && reason.startsWith(OlderDocumentException.OLDER);
    }

    /** Done, and its facts were written (not {@link #isUnchanged}, not {@link #isOlder}). */
    public boolean isStored() {
        return isDone() && !isUnchanged() && !isOlder();
    }

    public boolean isDone() {
        return DONE.equals(status);
    }
}
