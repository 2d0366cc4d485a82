package io.benchmarkos.ingest.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a batch run's list: tickers or CIKs, one a line; {@code #} starts a comment, blank lines are ignored.
 * Every other line is kept as written: a company listed twice (BRK.B and brk-b, a ticker and its CIK) is found by
 * the run, which skips the later line as a duplicate and says so in its report.
 *
 * @param name where the list came from (a path, or what the caller named it), for the run record and report
 */
public record CoverageList(String name, List<String> companies) {

    /**
     * Reads the list at {@code location}: a file relative to the working directory when there is one, else the
     * copy packaged in the jar under the same path (config/** is packaged).
     */
    public static CoverageList load(String location) {
        Path file = Path.of(location);
        if (Files.isRegularFile(file)) {
            try {
                return parse(file.toAbsolutePath().toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read coverage list " + file.toAbsolutePath(), e);
            }
        }
        String resource = location.replace('\\', '/').replaceFirst("^(\\./)+", "");
        try (InputStream in = CoverageList.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no coverage list at " + file.toAbsolutePath()
                        + " (nor classpath:" + resource + "): create it, or point batch.coverage-list at the list");
            }
            return parse("classpath:" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read coverage list classpath:" + resource, e);
        }
    }

    public static CoverageList parse(String name, String text) {
        List<String> companies = new ArrayList<>();
        for (String line : text.split("\\R")) {
            int comment = line.indexOf('#');
            // A byte-order mark (lists saved, or joined, by some Windows editors) would make its line an invalid
            // ticker; a tab is blank space (a column before a comment); any other control character is shown as
            // '?' so that the run's records and report stay printable.
            String entry = (comment >= 0 ? line.substring(0, comment) : line).replace("\uFEFF", "")
                    .replace('\t', ' ').replaceAll("\\p{Cntrl}", "?").strip();
            if (!entry.isEmpty()) {
                companies.add(entry);
            }
        }
        return new CoverageList(name, List.copyOf(companies));
    }
}
