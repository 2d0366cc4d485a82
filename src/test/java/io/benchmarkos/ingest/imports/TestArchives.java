package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.support.Fixtures;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
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
        Path archive = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archive;
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
