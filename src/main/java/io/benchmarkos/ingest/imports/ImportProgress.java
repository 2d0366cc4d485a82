package io.benchmarkos.ingest.imports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Progress of one import attempt as INFO lines, at most one per interval: entries done/total, facts/s, MB/s
 * (inflated JSON) and an ETA from the bytes still to read, since entry sizes vary a hundredfold.
 */
final class ImportProgress {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveImporter.class);

    private final String runId;
    private final int entriesTotal;
    private final long bytesTotal;
    private final long intervalNanos;
    private final long startedNanos = System.nanoTime();
    private long lastLogNanos = startedNanos;
    private int entries;
    private long facts;
    private long bytes;
    private long bytesSkipped;

    ImportProgress(String runId, int entriesTotal, long bytesTotal, Duration interval) {
        this.runId = runId;
        this.entriesTotal = entriesTotal;
        this.bytesTotal = bytesTotal;
        this.intervalNanos = interval.toNanos();
    }

    /** An entry an earlier attempt stored: counts towards done/total but not towards this attempt's rates. */
    void skipped(long declaredBytes) {
        entries++;
        bytesSkipped += Math.max(0, declaredBytes);
    }

    void entry(long factsRead, long declaredBytes) {
        entries++;
        facts += factsRead;
        bytes += Math.max(0, declaredBytes);
        long now = System.nanoTime();
        if (now - lastLogNanos >= intervalNanos) {
            lastLogNanos = now;
            LOG.info("Import {}: {}", runId, line(now));
        }
    }

    String line(long nowNanos) {
        double seconds = Math.max(1e-9, (nowNanos - startedNanos) / 1e9);
        double bytesPerSecond = bytes / seconds;
        long remaining = Math.max(0, bytesTotal - bytes - bytesSkipped);
        String eta = bytesPerSecond <= 0 ? "unknown"
                : formatDuration(Duration.ofSeconds((long) (remaining / bytesPerSecond)));
        return String.format("%d/%d entries, %.0f facts/s, %.1f MB/s, ETA %s", entries, entriesTotal, facts / seconds,
                bytesPerSecond / 1e6, eta);
    }

    static String formatDuration(Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
