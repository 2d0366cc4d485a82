package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.Sha256;
import io.benchmarkos.ingest.facts.FactLoad;
import io.benchmarkos.ingest.facts.FactLoader;
import io.benchmarkos.ingest.facts.MalformedDocumentException;
import io.benchmarkos.ingest.facts.OlderDocumentException;
import io.benchmarkos.ingest.facts.ReportedFact;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Imports an archive of companyfacts documents (SEC's companyfacts.zip) through the same reader and storage as a
 * job: each entry is inflated as a stream straight into {@link FactLoader} (never unpacked to disk, never held
 * whole) and stored in its own transaction with the natural-key upsert. Entries that are unsafe, absurdly large or
 * malformed are recorded with their reason and the import goes on; an interrupted import is resumed by the next
 * import of the same archive, skipping the entries already stored.
 */
public class ArchiveImporter {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveImporter.class);

    private final FactLoader factLoader;
    private final ImportStore store;
    private final EntryGuard guard;
    private final int batchSize;
    private final Duration progressInterval;
    private volatile Consumer<EntryOutcome> entryStored = outcome -> { };

    public ArchiveImporter(FactLoader factLoader, ImportStore store, EntryGuard guard, int batchSize,
                           Duration progressInterval) {
        this.factLoader = factLoader;
        this.store = store;
        this.guard = guard;
        this.batchSize = batchSize;
        this.progressInterval = progressInterval;
    }

    public ImportStore store() {
        return store;
    }

    /** Told of each entry whose facts were read and committed (not of unchanged or older ones): the app counts them. */
    public void onEntryStored(Consumer<EntryOutcome> listener) {
        this.entryStored = listener;
    }

    /** The inbox route's step: imports the dropped file, stopping between entries when the application stops. */
    public ImportReport importDropped(Exchange exchange) throws IOException, SQLException {
        Path archive = exchange.getMessage().getBody(File.class).toPath();
        ImportReport report = importArchive(archive, "inbox", () -> !exchange.getContext().isStopping());
        exchange.getMessage().setHeader("importRunId", report.runId());
        if (ImportReport.INTERRUPTED.equals(report.status())) {
            // Failing the exchange keeps camel-file from filing the archive under done/.
            throw new ImportInterruptedException("import " + report.runId() + " of " + archive.getFileName()
                    + " stopped by shutdown after " + report.entriesDone() + " of " + report.entriesTotal()
                    + " entries; put the archive back in the inbox to resume it");
        }
        return report;
    }

    public ImportReport importArchive(Path archive, String source) throws IOException, SQLException {
        return importArchive(archive, source, () -> true);
    }

    /**
     * Imports every entry, or stops before the next entry once {@code keepGoing} says no (a shutdown, or a test's
     * seam), leaving the run resumable.
     */
    public ImportReport importArchive(Path archive, String source, BooleanSupplier keepGoing)
            throws IOException, SQLException {
        long started = System.nanoTime();
        String sha256 = sha256(archive);
        try (ZipFile zip = openZip(archive, sha256, source);
             ImportStore.ArchiveLock lock = store.lockArchive(archive.getFileName().toString(), Files.size(archive),
                     sha256)) {
            List<? extends ZipEntry> entries = zip.stream().toList();
            ImportStore.Run run = store.startOrResume(archive.getFileName().toString(), Files.size(archive), sha256,
                    source, entries.size());
            LOG.info("Import {} of {} ({} entries, {} MB, sha256 {}) {}", run.id(), archive.getFileName(),
                    entries.size(), Files.size(archive) / 1_000_000, sha256.substring(0, 12),
                    run.resumed() ? "resumed: " + run.doneEntries().size() + " entries stored earlier" : "started");
            Attempt attempt = new Attempt(run, new ImportProgress(run.id(), entries.size(), declaredBytes(entries),
                    progressInterval));
            try {
                String status = attempt.importAll(zip, entries, keepGoing);
                store.finish(run.id(), status, null, attempt.bytes);
                return attempt.report(archive, status, started);
            } catch (SQLException | RuntimeException e) {
                // The database itself failed: stop, keep what is stored, and let the next import resume.
                store.finish(run.id(), ImportReport.FAILED, String.valueOf(e.getMessage()), attempt.bytes);
                throw e;
            }
        }
    }

    /** Opens the archive; one that is not a readable zip is recorded as a failed run before the error goes on. */
    private ZipFile openZip(Path archive, String sha256, String source) throws IOException, SQLException {
        try {
            return new ZipFile(archive.toFile());
        } catch (IOException e) {
            ImportStore.Run run = store.startOrResume(archive.getFileName().toString(), Files.size(archive), sha256,
                    source, 0);
            store.finish(run.id(), ImportReport.FAILED, "not a readable zip archive: " + e.getMessage(), 0);
            throw e;
        }
    }

    /** One attempt at a run: the counters of this process, the run's history lives in {@link ImportStore}. */
    private final class Attempt {

        private final ImportStore.Run run;
        private final ImportProgress progress;
        private int skippedAsDone;
        private int unchanged;
        private int older;
        private long factsRead;
        private long factsInserted;
        private long factsUpdated;
        private long bytes;
        private long compressedBytes;

        Attempt(ImportStore.Run run, ImportProgress progress) {
            this.run = run;
            this.progress = progress;
        }

        String importAll(ZipFile zip, List<? extends ZipEntry> entries, BooleanSupplier keepGoing)
                throws SQLException {
            Map<String, Integer> named = new HashMap<>();
            entries.forEach(e -> named.merge(e.getName(), 1, Integer::sum));
            // Each entry gets a record of its own, also a second entry of one name (or of one cut name).
            Map<String, Integer> recorded = new HashMap<>();
            for (ZipEntry entry : entries) {
                int occurrence = recorded.merge(ImportStore.storedName(entry.getName()), 1, Integer::sum);
                if (run.doneEntries().contains(entry.getName())) {
                    skippedAsDone++;
                    progress.skipped(entry.getSize());
                    continue;
                }
                if (!keepGoing.getAsBoolean()) {
                    return ImportReport.INTERRUPTED;
                }
                EntryOutcome outcome = importEntry(zip, entry, named.get(entry.getName()));
                store.record(run.id(), outcome, occurrence);
                count(entry, outcome);
            }
            return ImportReport.FINISHED;
        }

        private void count(ZipEntry entry, EntryOutcome outcome) {
            if (!outcome.isDone()) {
                LOG.warn("Import {}: entry {} {}: {}", run.id(), outcome.name(), outcome.status(), outcome.reason());
            }
            if (outcome.isUnchanged()) {
                unchanged++;
            }
            if (outcome.isOlder()) {
                older++;
                LOG.warn("Import {}: entry {}: {}", run.id(), outcome.name(), outcome.reason());
            }
            factsRead += outcome.factsRead();
            factsInserted += outcome.factsInserted();
            factsUpdated += outcome.factsUpdated();
            if (outcome.isStored()) {
                entryStored.accept(outcome);
            }
            if (!EntryOutcome.REFUSED.equals(outcome.status())) {
                bytes += Math.max(0, outcome.sizeBytes());
                compressedBytes += Math.max(0, entry.getCompressedSize());
            }
            progress.entry(outcome.factsRead(), entry.getSize());
        }

        ImportReport report(Path archive, String status, long startedNanos) throws SQLException {
            var row = store.run(run.id()).orElseThrow();
            ImportReport report = new ImportReport(run.id(), archive.getFileName().toString(), status, run.resumed(),
                    ((Number) row.get("ENTRIES_TOTAL")).intValue(), ((Number) row.get("ENTRIES_DONE")).intValue(),
                    ((Number) row.get("ENTRIES_FAILED")).intValue(), ((Number) row.get("ENTRIES_REFUSED")).intValue(),
                    skippedAsDone, unchanged, older, factsRead, factsInserted, factsUpdated, bytes, compressedBytes,
                    (System.nanoTime() - startedNanos) / 1_000_000, store.problems(run.id()));
            LOG.info(report.summary());
            return report;
        }
    }

    /**
     * Reads one entry into the database in one transaction; content problems become the entry's outcome.
     *
     * @param copies how many entries of the archive have this entry's name
     */
    private EntryOutcome importEntry(ZipFile zip, ZipEntry entry, int copies) throws SQLException {
        String name = entry.getName();
        String refusal = guard.refusal(entry);
        if (refusal != null) {
            return EntryOutcome.refused(name, entry.getSize(), refusal);
        }
        if (copies > 1) {
            // The order of entries says nothing of which snapshot is newer, and ZipFile reads an entry by its name
            // (the same bytes for each copy): so no copy is read.
            return EntryOutcome.refused(name, entry.getSize(), "duplicate entry name: the archive holds " + copies
                    + " entries named " + name + " and which one is current cannot be told, so none of them is"
                    + " imported");
        }
        long cik = EntryGuard.cikOf(name);
        // A company loaded in full before: the entry is hashed first, and the same bytes are not parsed again. The
        // price is a second inflate of each changed entry of such a company; a company without a mark (new to this
        // database, or last loaded for some years only) is loaded at once.
        Optional<String> loadedFrom = factLoader.fullLoadSha256(cik);
        if (loadedFrom.isPresent() && loadedFrom.get().equals(entrySha256(zip, entry))) {
            factLoader.markCurrent(cik, loadedFrom.get());
            LOG.debug("Entry {}: the document of CIK {}'s last full load, not read again", name, cik);
            return EntryOutcome.unchanged(name, cik, entry.getSize());
        }
        MessageDigest digest = Sha256.newDigest();
        CRC32 crc = new CRC32();
        CountingStream counted = null;
        try (InputStream raw = zip.getInputStream(entry)) {
            counted = new CountingStream(new DigestInputStream(new CheckedInputStream(guard.bounded(raw, entry), crc),
                    digest));
            // The parser closes its input at the document's end; the entry's end is read here, after it.
            try (FactLoad load = factLoader.open(cik, new KeptOpen(counted), null)) {
                Iterator<List<ReportedFact>> batches = load.reader().batches(batchSize);
                while (batches.hasNext()) {
                    load.write(batches.next());
                }
                // ZipFile checks no CRC: the entry is read to its end and checked before anything of it is committed.
                counted.transferTo(OutputStream.nullOutputStream());
                verifyIntact(entry, crc, counted.count());
                try {
                    load.commit(Sha256.hex(digest));
                } catch (OlderDocumentException e) {
                    return EntryOutcome.older(name, cik, counted.count(), load.read(), e.getMessage());
                }
                return new EntryOutcome(name, EntryOutcome.DONE, cik, counted.count(), load.read(), load.inserted(),
                        load.updated(), null);
            }
        } catch (EntryRefusedException e) {
            return EntryOutcome.refused(name, entry.getSize(), e.getMessage());
        } catch (CorruptEntryException e) {
            return EntryOutcome.failed(name, cik, counted.count(), e.getMessage());
        } catch (MalformedDocumentException e) {
            // Limitation: damage that breaks the JSON stops the parser before the CRC-32 is checked, so its reason
            // is the parser's (malformed or truncated) rather than the CRC's; either way nothing of it is stored.
            return EntryOutcome.failed(name, cik, counted == null ? entry.getSize() : counted.count(), e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return EntryOutcome.failed(name, cik, entry.getSize(), "unreadable entry data: " + rootMessage(e));
        } catch (SQLException e) {
            if (isDataError(e)) {
                return EntryOutcome.failed(name, cik, entry.getSize(), "rejected by the database: " + e.getMessage());
            }
            throw e;
        } catch (RuntimeException e) {
            // Limitation: on PostgreSQL an import of another archive (or a job) writing the same company at the same
            // moment fails this entry (ConcurrentLoadException) rather than retrying it; importing again reads it.
            return EntryOutcome.failed(name, cik, entry.getSize(), "unexpected " + rootMessage(e));
        }
    }

    /** SQL states 22xxx (data) and 23xxx (constraint) are about this entry's content; anything else is the database. */
    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static long declaredBytes(List<? extends ZipEntry> entries) {
        return entries.stream().mapToLong(e -> Math.max(0, e.getSize())).sum();
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return Sha256.hex(digest);
    }

    /**
     * The entry's sha256, or null when it cannot be read whole (too big, a bomb, corrupt data): the load that follows
     * meets the same problem and reports it as the entry's outcome.
     */
    private String entrySha256(ZipFile zip, ZipEntry entry) {
        MessageDigest digest = Sha256.newDigest();
        CRC32 crc = new CRC32();
        try (CountingStream in = new CountingStream(new DigestInputStream(new CheckedInputStream(
                guard.bounded(zip.getInputStream(entry), entry), crc), digest))) {
            in.transferTo(OutputStream.nullOutputStream());
            verifyIntact(entry, crc, in.count());
            return Sha256.hex(digest);
        } catch (IOException | UncheckedIOException | EntryRefusedException e) {
            return null;
        }
    }

    /**
     * The entry's bytes are the ones the archive recorded: as many as its declared size, with its CRC-32. A damaged
     * byte can still inflate and parse (a digit of a value or a date), so only this check tells.
     */
    static void verifyIntact(ZipEntry entry, CRC32 crc, long bytes) throws CorruptEntryException {
        if (entry.getSize() >= 0 && bytes != entry.getSize()) {
            throw new CorruptEntryException("corrupt entry data: " + bytes + " bytes where the archive declares "
                    + entry.getSize() + "; nothing of it is stored");
        }
        if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
            throw new CorruptEntryException(String.format("corrupt entry data: CRC-32 %08x of its %d bytes differs"
                    + " from the archive's %08x; nothing of it is stored", crc.getValue(), bytes, entry.getCrc()));
        }
    }

    /** Passes reads on, and ignores close: the stream's owner closes it. */
    private static final class KeptOpen extends FilterInputStream {

        KeptOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // The caller's try-with-resources closes the entry's stream.
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
