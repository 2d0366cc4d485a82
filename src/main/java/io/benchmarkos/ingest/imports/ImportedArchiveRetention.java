package io.benchmarkos.ingest.imports;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The filter of the route that deletes old imported archives: it accepts an archive in {@code done/} when at least
 * {@code keep} newer ones are there. The inbox route names each archive it files there after the time of its import
 * ({@code yyyyMMdd-HHmmss-name.zip}), so the newest sort last by name; files named otherwise were put there by
 * someone else and are never accepted.
 */
public final class ImportedArchiveRetention implements GenericFileFilter<Object> {

    private static final Pattern FILED_ARCHIVE = Pattern.compile("\\d{8}-\\d{6}-.+\\.zip");

    private final int keep;

    /** @param keep how many of the newest imported archives stay; 0 or less keeps all of them */
    public ImportedArchiveRetention(int keep) {
        this.keep = keep;
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        String name = file.getFileNameOnly();
        if (keep <= 0 || file.isDirectory() || !FILED_ARCHIVE.matcher(name).matches()) {
            return false;
        }
        List<String> newestFirst = filedArchives(Path.of(file.getAbsoluteFilePath()).getParent());
        int position = newestFirst.indexOf(name);
        return position >= keep;
    }

    private static List<String> filedArchives(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(path -> path.getFileName().toString())
                    .filter(name -> FILED_ARCHIVE.matcher(name).matches())
                    .sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
