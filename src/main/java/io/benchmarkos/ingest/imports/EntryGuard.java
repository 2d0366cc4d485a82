package io.benchmarkos.ingest.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * Decides which archive entries may be read, and bounds what is read from them. SEC's archive holds only flat
 * {@code CIK##########.json} entries, so anything else is refused with a reason rather than guessed at; sizes are
 * checked against the central directory first and again while inflating, because those headers can lie.
 */
public final class EntryGuard {

    private static final Pattern CIK_ENTRY = Pattern.compile("CIK(\\d{10})\\.json");
    /** Below this many inflated bytes the ratio is not judged: tiny entries compress oddly and cannot hurt. */
    private static final long RATIO_GRACE_BYTES = 1 << 20;

    private final long maxEntryBytes;
    private final int maxCompressionRatio;

    public EntryGuard(long maxEntryBytes, int maxCompressionRatio) {
        this.maxEntryBytes = maxEntryBytes;
        this.maxCompressionRatio = maxCompressionRatio;
    }

    /** Why the entry must not be read, or null if it may be. Uses only the central directory. */
    public String refusal(ZipEntry entry) {
        String name = entry.getName();
        String unsafe = unsafeName(name);
        if (unsafe != null) {
            return unsafe;
        }
        if (entry.getSize() > maxEntryBytes) {
            return "declared size " + entry.getSize() + " bytes exceeds import.max-entry-bytes (" + maxEntryBytes + ")";
        }
        if (entry.getSize() > RATIO_GRACE_BYTES && entry.getCompressedSize() > 0
                && entry.getSize() / entry.getCompressedSize() > maxCompressionRatio) {
            return "declared compression ratio " + entry.getSize() / entry.getCompressedSize()
                    + ":1 exceeds import.max-compression-ratio (" + maxCompressionRatio + ":1), a zip bomb?";
        }
        return null;
    }

    static String unsafeName(String name) {
        if (name.indexOf('\\') >= 0) {
            return "unsafe entry name (backslash)";
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            return "unsafe entry name (absolute path)";
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return "unsafe entry name (parent directory '..')";
            }
        }
        if (!CIK_ENTRY.matcher(name).matches()) {
            return "not a companyfacts entry (expected CIK##########.json at the top level)";
        }
        return null;
    }

    /** The CIK in an entry name that {@link #refusal} accepted. */
    public static long cikOf(String name) {
        Matcher m = CIK_ENTRY.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a CIK entry name: " + name);
        }
        return Long.parseLong(m.group(1));
    }

    /** Wraps an entry's inflating stream so it stops with {@link EntryRefusedException} once it inflates too far. */
    public InputStream bounded(InputStream in, ZipEntry entry) {
        return new Bounded(in, entry);
    }

    private final class Bounded extends FilterInputStream {

        private final ZipEntry entry;
        private long count;

        Bounded(InputStream in, ZipEntry entry) {
            super(in);
            this.entry = entry;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > maxEntryBytes) {
                throw new EntryRefusedException("inflates beyond import.max-entry-bytes (" + maxEntryBytes + ")");
            }
            if (entry.getSize() >= 0 && count > entry.getSize()) {
                throw new EntryRefusedException("inflates beyond its declared size of " + entry.getSize() + " bytes");
            }
            if (count > RATIO_GRACE_BYTES && entry.getCompressedSize() > 0
                    && count / entry.getCompressedSize() > maxCompressionRatio) {
                throw new EntryRefusedException("inflates beyond import.max-compression-ratio (" + maxCompressionRatio
                        + ":1), a zip bomb?");
            }
        }
    }
}
