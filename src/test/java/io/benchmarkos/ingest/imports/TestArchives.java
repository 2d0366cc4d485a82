package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.support.Fixtures;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Zip archives built in the tests from the small companyfacts fixtures. */
final class TestArchives {

    static final String APPLE = "api/xbrl/companyfacts/CIK0000320193.json";
    static final String NVIDIA = "api/xbrl/companyfacts/CIK0001045810.json";
    static final String APPLE_OLDER = "api/xbrl/companyfacts/older/CIK0000320193.json";

    private TestArchives() {
    }

    static Path newDir() {
        try {
            return Files.createDirectories(Path.of("target", "test-data", "imports-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture document moved to another company: its top-level cik rewritten. */
    static byte[] asCik(String fixture, long cik) {
        return ImportBenchmark.withCik(Fixtures.read(fixture), cik);
    }

    static String entryName(long cik) {
        return String.format("CIK%010d.json", cik);
    }

    /** Writes the entries in order (deflated, as SEC's archive is). */
    static Path zip(Path dir, String name, Map<String, byte[]> entries) {
        return write(dir.resolve(name), entries, Deflater.DEFAULT_COMPRESSION, (entryName, bytes) ->
                new ZipEntry(entryName));
    }

    /** Writes the entries uncompressed (STORED): their bytes stand in the file as they are. */
    static Path zipStored(Path dir, String name, Map<String, byte[]> entries) {
        return write(dir.resolve(name), entries, Deflater.DEFAULT_COMPRESSION, (entryName, bytes) -> {
            ZipEntry stored = new ZipEntry(entryName);
            CRC32 crc = new CRC32();
            crc.update(bytes);
            stored.setMethod(ZipEntry.STORED);
            stored.setSize(bytes.length);
            stored.setCompressedSize(bytes.length);
            stored.setCrc(crc.getValue());
            return stored;
        });
    }

    /**
     * Writes the entries DEFLATED at level 0: deflate's own stored blocks, so the inflated bytes stand in the file as
     * they are and one flipped bit still inflates, to other bytes than the entry's CRC-32 was computed over.
     */
    static Path zipDeflatedLevel0(Path dir, String name, Map<String, byte[]> entries) {
        return write(dir.resolve(name), entries, Deflater.NO_COMPRESSION, (entryName, bytes) ->
                new ZipEntry(entryName));
    }

    private static Path write(Path archive, Map<String, byte[]> entries, int level,
                              BiFunction<String, byte[], ZipEntry> entryOf) {
        try (OutputStream file = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.setLevel(level);
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(entryOf.apply(entry.getKey(), entry.getValue()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archive;
    }

    /**
     * Changes the byte {@code offset} bytes after the first occurrence of {@code marker} in the archive file, as a
     * bad disk or transfer would: the zip's headers and CRC-32s are left as they were. Returns the old byte.
     */
    static byte corrupt(Path archive, String marker, int offset, java.util.function.IntUnaryOperator change) {
        try {
            byte[] bytes = Files.readAllBytes(archive);
            int at = indexOf(bytes, marker.getBytes(StandardCharsets.UTF_8), 0);
            if (at < 0) {
                throw new IllegalArgumentException(marker + " is not in " + archive);
            }
            byte old = bytes[at + offset];
            bytes[at + offset] = (byte) change.applyAsInt(old);
            Files.write(archive, bytes);
            return old;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Renames every entry named {@code placeholder} to {@code name} (of the same length) in the local headers and the
     * central directory: ZipOutputStream refuses to write two entries of one name, other zip writers do not.
     */
    static void rename(Path archive, String placeholder, String name) {
        byte[] from = placeholder.getBytes(StandardCharsets.UTF_8);
        byte[] to = name.getBytes(StandardCharsets.UTF_8);
        if (from.length != to.length) {
            throw new IllegalArgumentException("names of different lengths");
        }
        try {
            byte[] bytes = Files.readAllBytes(archive);
            for (int at = indexOf(bytes, from, 0); at >= 0; at = indexOf(bytes, from, at + 1)) {
                System.arraycopy(to, 0, bytes, at, to.length);
            }
            Files.write(archive, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] bytes, byte[] part, int from) {
        outer:
        for (int i = from; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The same documents as files, for the independent counts of {@link Fixtures}. */
    static Path[] asFiles(Path dir, Map<String, byte[]> entries) {
        try {
            Path folder = Files.createDirectories(dir.resolve("docs-" + UUID.randomUUID()));
            Path[] files = new Path[entries.size()];
            int i = 0;
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                files[i++] = Files.write(folder.resolve(entry.getKey()), entry.getValue());
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
