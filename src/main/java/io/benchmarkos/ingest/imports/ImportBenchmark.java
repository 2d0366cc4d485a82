package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.app.ConfigLoader;
import io.benchmarkos.ingest.facts.CompanyFactsReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The bulk-import benchmark: builds an archive of real-sized entries from real companyfacts files (each copy under
 * its own CIK), then measures in one run the parser alone and the full import into a fresh H2 file database on the
 * same bytes, projects the full SEC archive, and reports the peak heap. Launch the JVM with {@code -Xmx256m}.
 */
public final class ImportBenchmark {

    private static final long HEAP_LIMIT = 256L << 20;
    private static final Pattern CIK_FIELD = Pattern.compile("\"cik\"\\s*:\\s*\"?(\\d+)");
    private static final long FIRST_CIK = 9_000_000_001L;

    private final Path source;
    private final Path work;
    private final int entries;
    private final double fullArchiveMb;
    private final int fullArchiveCompanies;
    private final PrintStream out;

    public ImportBenchmark(Path source, Path work, int entries, double fullArchiveMb, int fullArchiveCompanies,
                           PrintStream out) {
        this.source = source;
        this.work = work;
        this.entries = entries;
        this.fullArchiveMb = fullArchiveMb;
        this.fullArchiveCompanies = fullArchiveCompanies;
        this.out = out;
    }

    public void run() throws Exception {
        var os = ManagementFactory.getOperatingSystemMXBean();
        double loadAtStart = os.getSystemLoadAverage();
        List<Path> files = sourceFiles();
        Files.createDirectories(work);
        Path archive = work.resolve("companyfacts-bench-" + entries + ".zip");
        long t0 = System.nanoTime();
        long inflated = generate(files, archive);
        long compressed = Files.size(archive);
        out.printf("bench-import: %d entries from %d real companyfacts files in %s (each copy under its own CIK)%n",
                entries, files.size(), source);
        out.printf("archive: %s, %.1f MB compressed, %.1f MB inflated (%.1f:1), generated in %.1f s%n", archive,
                mb(compressed), mb(inflated), (double) inflated / compressed, seconds(System.nanoTime() - t0));

        Phase parser;
        HeapWatch parserHeap;
        System.gc();
        try (HeapWatch heap = new HeapWatch()) {
            parser = parseOnly(archive);
            parserHeap = heap;
        }
        out.printf("(1) parser alone (inflate + CompanyFactsReader, no database): %,d facts in %.1f s = %,.0f facts/s,"
                + " %.1f MB/s inflated%n", parser.facts, parser.seconds, parser.factsPerSecond(), parser.mbPerSecond());

        Phase imported;
        HeapWatch importHeap;
        System.gc();
        try (HeapWatch heap = new HeapWatch()) {
            imported = importFresh(archive);
            importHeap = heap;
        }
        double compressedMbPerSecond = mb(compressed) / imported.seconds;
        out.printf("(2) full import into a fresh H2 file database: %,d facts in %.1f s = %,.0f facts/s, %.1f MB/s"
                        + " inflated, %.2f MB/s compressed; reference: %.0f%% of the parser-alone rate%n",
                imported.facts, imported.seconds, imported.factsPerSecond(), imported.mbPerSecond(),
                compressedMbPerSecond, 100 * imported.factsPerSecond() / parser.factsPerSecond());
        out.printf("    check: %,d facts stored (in %,d rows of one value each) for %,d facts read (every copy has its"
                + " own CIK)%n", imported.entries, imported.rows, imported.facts);

        double byBytes = fullArchiveMb / compressedMbPerSecond;
        double byCount = fullArchiveCompanies * imported.seconds / entries;
        out.printf("(3) projected full archive (about %,d companies, %.0f MB compressed): %s, by bytes: %.0f MB"
                        + " / %.2f MB/s compressed import rate; reference: by entry count %,d x %.2f s/entry = %s (an"
                        + " upper bound: these entries are large filers, %.1f MB inflated each, most SEC entries are"
                        + " far smaller)%n", fullArchiveCompanies, fullArchiveMb, hms(byBytes), fullArchiveMb,
                compressedMbPerSecond, fullArchiveCompanies, imported.seconds / entries, hms(byCount),
                mb(inflated) / entries);

        long max = Runtime.getRuntime().maxMemory();
        boolean limited = max <= HEAP_LIMIT;
        out.printf("(4) peak heap during the import: %.0f MB (after a collection at most %.0f MB;"
                        + " %d collections, %.1f s of GC);"
                        + " parser run: %.0f MB; reference: limit 256 MB, this JVM's max heap %.0f MB -> %s%n",
                mib(importHeap.peakBytes()), mib(importHeap.liveBytes()), importHeap.collections(),
                importHeap.gcMillis() / 1e3, mib(parserHeap.peakBytes()), mib(max),
                !limited ? "NOT launched with -Xmx256m: relaunch with java -Xmx256m to check the bound"
                        : importHeap.peakBytes() <= HEAP_LIMIT ? "stayed within -Xmx256m, no OutOfMemoryError"
                        : "EXCEEDED");
        out.printf("machine: %d CPUs, load average %.1f at the start and %.1f at the end (a load above the CPU count"
                + " means other processes shared the CPUs: the rates are for that load)%n", os.getAvailableProcessors(),
                loadAtStart, os.getSystemLoadAverage());
    }

    private List<Path> sourceFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            List<Path> files = walk.filter(p -> p.getFileName().toString().matches("CIK\\d{10}\\.json")).sorted()
                    .toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no CIK##########.json files under " + source);
            }
            return files;
        }
    }

    /** Writes the archive: entry i is source file i mod n with its top-level cik rewritten; returns inflated bytes. */
    private long generate(List<Path> files, Path archive) throws IOException {
        long inflated = 0;
        try (OutputStream file = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (int i = 0; i < entries; i++) {
                long cik = FIRST_CIK + i;
                byte[] document = withCik(Files.readAllBytes(files.get(i % files.size())), cik);
                zip.putNextEntry(new ZipEntry(String.format("CIK%010d.json", cik)));
                zip.write(document);
                zip.closeEntry();
                inflated += document.length;
            }
        }
        return inflated;
    }

    static byte[] withCik(byte[] document, long cik) {
        String head = new String(document, 0, Math.min(document.length, 256), StandardCharsets.ISO_8859_1);
        Matcher m = CIK_FIELD.matcher(head);
        if (!m.find()) {
            throw new IllegalArgumentException("no top-level cik field near the start of the document");
        }
        byte[] digits = Long.toString(cik).getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[document.length - (m.end(1) - m.start(1)) + digits.length];
        System.arraycopy(document, 0, out, 0, m.start(1));
        System.arraycopy(digits, 0, out, m.start(1), digits.length);
        System.arraycopy(document, m.end(1), out, m.start(1) + digits.length, document.length - m.end(1));
        return out;
    }

    private Phase parseOnly(Path archive) throws IOException {
        long start = System.nanoTime();
        long facts = 0;
        long bytes = 0;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                try (InputStream raw = zip.getInputStream(entry);
                     CountingStream in = new CountingStream(raw);
                     CompanyFactsReader reader = new CompanyFactsReader(in)) {
                    while (reader.hasNext()) {
                        reader.next();
                        facts++;
                    }
                    bytes += in.count();
                }
            }
        }
        return new Phase(facts, bytes, seconds(System.nanoTime() - start), -1, -1);
    }

    private Phase importFresh(Path archive) throws Exception {
        Path db = work.resolve("h2-" + System.currentTimeMillis()).resolve("bench").toAbsolutePath();
        Properties config = ConfigLoader.load(ConfigLoader.DEFAULT_PROFILE);
        config.setProperty("benchmarkos.data-dir", work.toAbsolutePath().toString());
        config.setProperty("db.url", "jdbc:h2:file:" + db + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        try (StandaloneImport standalone = StandaloneImport.open(config)) {
            ImportReport report = standalone.importer().importArchive(archive, "bench");
            if (!report.failures().isEmpty()) {
                out.println("    WARNING: " + report.failures().size() + " entries not stored: "
                        + report.failures().get(0).reason());
            }
            return new Phase(report.factsRead(), report.bytesRead(), report.millis() / 1e3,
                    count(standalone, "SELECT COALESCE(SUM(filings), 0) FROM fact"),
                    count(standalone, "SELECT COUNT(*) FROM fact"));
        }
    }

    private static long count(StandaloneImport standalone, String sql) throws SQLException {
        try (Connection c = standalone.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private record Phase(long facts, long bytes, double seconds, long entries, long rows) {
        double factsPerSecond() {
            return facts / seconds;
        }

        double mbPerSecond() {
            return mb(bytes) / seconds;
        }
    }

    private static double mb(long bytes) {
        return bytes / 1e6;
    }

    private static double mib(long bytes) {
        return bytes / (double) (1 << 20);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String hms(double seconds) {
        return ImportProgress.formatDuration(Duration.ofSeconds(Math.round(seconds))) + " (h:mm:ss)";
    }
}
