package io.benchmarkos.ingest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The trimmed SEC fixtures in src/test/resources/sec, and independent counts over them (Jackson trees). */
public final class Fixtures {

    /** Counts stored facts (entries): a row holds one value and counts every filing that reported it. */
    public static final String STORED_FACTS = "SELECT COALESCE(SUM(filings), 0) FROM fact";

    public static final long APPLE = 320193;
    public static final long NVIDIA = 1045810;

    private Fixtures() {
    }

    public static Path secRoot() {
        try {
            return Path.of(Fixtures.class.getResource("/sec").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code body} gzipped at {@code level} (a {@link java.util.zip.Deflater} level), as a server would send it. */
    public static byte[] gzip(byte[] body, int level) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out) {
            {
                def.setLevel(level);
            }
        }) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code body} gzipped at the default level. */
    public static byte[] gzip(byte[] body) {
        return gzip(body, java.util.zip.Deflater.DEFAULT_COMPRESSION);
    }

    public static byte[] gunzip(byte[] gzip) {
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hex SHA-256, as raw_document and SecBody keep it. */
    public static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] read(String relative) {
        try {
            return Files.readAllBytes(secRoot().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String companyFacts(long cik) {
        return String.format("api/xbrl/companyfacts/CIK%010d.json", cik);
    }

    /** A copy of the fixtures a test may change (swap a snapshot, truncate a file) without touching others. */
    public static Path copyToTemp() {
        try {
            Path target = Files.createTempDirectory(Path.of("target"), "sec-");
            try (Stream<Path> files = Files.walk(secRoot())) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path dest = target.resolve(secRoot().relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Entries in a companyfacts file, counted without the product's parser. */
    public static long entryCount(Path file) {
        long count = 0;
        for (JsonNode units : unitsOf(file)) {
            for (Iterator<JsonNode> it = units.elements(); it.hasNext(); ) {
                count += it.next().size();
            }
        }
        return count;
    }

    /** Distinct (taxonomy, concept, unit, start, end, accession) keys over several companyfacts files. */
    public static Set<String> distinctKeys(Path... files) {
        Set<String> keys = new HashSet<>();
        for (Path file : files) {
            JsonNode doc = tree(file);
            long cik = doc.get("cik").asLong();
            for (Iterator<Map.Entry<String, JsonNode>> tax = doc.get("facts").fields(); tax.hasNext(); ) {
                Map.Entry<String, JsonNode> taxonomy = tax.next();
                for (Iterator<Map.Entry<String, JsonNode>> con = taxonomy.getValue().fields(); con.hasNext(); ) {
                    Map.Entry<String, JsonNode> concept = con.next();
                    for (Iterator<Map.Entry<String, JsonNode>> un = concept.getValue().get("units").fields();
                         un.hasNext(); ) {
                        Map.Entry<String, JsonNode> unit = un.next();
                        for (JsonNode e : unit.getValue()) {
                            keys.add(cik + "|" + taxonomy.getKey() + "|" + concept.getKey() + "|" + unit.getKey()
                                    + "|" + e.path("start").asText("") + "|" + e.get("end").asText() + "|"
                                    + e.get("accn").asText());
                        }
                    }
                }
            }
        }
        return keys;
    }

    private static Iterable<JsonNode> unitsOf(Path file) {
        JsonNode doc = tree(file);
        java.util.List<JsonNode> all = new java.util.ArrayList<>();
        doc.get("facts").forEach(taxonomy -> taxonomy.forEach(concept -> all.add(concept.get("units"))));
        return all;
    }

    private static JsonNode tree(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
