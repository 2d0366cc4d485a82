package io.benchmarkos.ingest.batch;

import io.benchmarkos.ingest.jobs.CompanyRef;
import io.benchmarkos.ingest.jobs.InvalidJobException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The companies a batch run covers: tickers or CIKs, one a line; {@code #} starts a comment, blank lines are
 * ignored, and a company listed twice is kept once, however it is spelled (BRK.B and brk-b, 0000789019 and 789019).
 * A ticker and its CIK are only known to be one company once resolved: the run finds that when it submits them.
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
                        + " (nor classpath:" + resource + "); set batch.coverage-list");
            }
            return parse("classpath:" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read coverage list classpath:" + resource, e);
        }
    }

    public static CoverageList parse(String name, String text) {
        List<String> companies = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // A byte-order mark (lists saved by some Windows editors) would make the first line an invalid ticker.
        String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (String line : withoutBom.split("\\R")) {
            int comment = line.indexOf('#');
            String entry = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (!entry.isEmpty() && seen.add(sameCompanyKey(entry))) {
                companies.add(entry);
            }
        }
        return new CoverageList(name, List.copyOf(companies));
    }

    private static String sameCompanyKey(String entry) {
        try {
            return CompanyRef.parse(entry).key();
        } catch (InvalidJobException e) {
            return entry.toUpperCase(Locale.ROOT);
        }
    }
}
