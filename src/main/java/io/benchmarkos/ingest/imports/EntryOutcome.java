package io.benchmarkos.ingest.imports;

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

    static EntryOutcome refused(String name, long size, String reason) {
        return new EntryOutcome(name, REFUSED, null, size, 0, 0, 0, reason);
    }

    static EntryOutcome failed(String name, long cik, long size, String reason) {
        return new EntryOutcome(name, FAILED, cik, size, 0, 0, 0, reason);
    }

    public boolean isDone() {
        return DONE.equals(status);
    }
}
