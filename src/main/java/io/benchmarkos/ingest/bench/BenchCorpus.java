package io.benchmarkos.ingest.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bench corpus: SEC's real companyfacts files replicated under new CIKs (only the top-level {@code cik} value
 * is rewritten, every other byte is the original), laid out as SEC's URL paths for {@link
 * io.benchmarkos.ingest.tools.SecMirror}: {@code api/xbrl/companyfacts/}, {@code submissions/} (a minimal document
 * per CIK) and {@code files/company_tickers.json}.
 */
public final class BenchCorpus {

    /** Bench CIKs start here: far above real CIKs, still 10 digits in SEC's URLs. */
    public static final long FIRST_CIK = 900_000_001L;
    /** CIKs of the large documents (several source documents merged) for the small-heap figure. */
    public static final long FIRST_LARGE_CIK = 800_000_001L;

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One generated companyfacts document. */
    public record Document(Path file, long cik, long sourceCik, String ticker, long bytes) {
    }

    /** A source file's top-level identity, read without parsing its facts. */
    record Header(long cik, String entityName, int cikStart, int cikEnd) {
    }

    private final Path root;
    private final List<Document> documents;
    private final List<Document> large;

    private BenchCorpus(Path root, List<Document> documents, List<Document> large) {
        this.root = root;
        this.documents = documents;
        this.large = large;
    }

    /** The large documents, smallest first. */
    public List<Document> large() {
        return large;
    }

    public Path root() {
        return root;
    }

    public List<Document> documents() {
        return documents;
    }

    public List<Document> first(int count) {
        return documents.subList(0, Math.min(count, documents.size()));
    }

    public long totalBytes() {
        return documents.stream().mapToLong(Document::bytes).sum();
    }

    /** Replicates every {@code CIK*.json} under {@code source} (recursively) round-robin to {@code count} documents. */
    public static BenchCorpus generate(Path source, Path root, int count) throws IOException {
        return generate(source, root, count, List.of());
    }

    /** As {@link #generate(Path, Path, int)}, plus one large document of at least each of {@code largeMegabytes}. */
    public static BenchCorpus generate(Path source, Path root, int count, List<Integer> largeMegabytes)
            throws IOException {
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException("no companyfacts folder at " + source.toAbsolutePath()
                    + ": pass --source (the real files are in shared/data/sec/companyfacts)");
        }
        List<Path> sources = sourceFiles(source);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no CIK*.json companyfacts files under " + source.toAbsolutePath());
        }
        deleteRecursively(root);
        Path facts = Files.createDirectories(root.resolve("api/xbrl/companyfacts"));
        Path submissions = Files.createDirectories(root.resolve("submissions"));
        Files.createDirectories(root.resolve("files"));
        List<byte[]> bodies = new ArrayList<>();
        List<Header> headers = new ArrayList<>();
        for (Path file : sources) {
            byte[] body = Files.readAllBytes(file);
            bodies.add(body);
            headers.add(header(body));
        }
        List<Document> documents = new ArrayList<>();
        ObjectNode tickers = MAPPER.createObjectNode();
        for (int i = 0; i < count; i++) {
            int s = i % bodies.size();
            long cik = FIRST_CIK + i;
            String ticker = "BN" + (i + 1);
            Path file = facts.resolve(String.format("CIK%010d.json", cik));
            writeWithCik(bodies.get(s), headers.get(s), cik, file);
            gzipBeside(file);
            String name = headers.get(s).entityName() + " (bench copy " + (i + 1) + ")";
            Files.write(submissions.resolve(String.format("CIK%010d.json", cik)),
                    submissionsDocument(cik, name, ticker, fiscalYearEnd(source, headers.get(s).cik())));
            tickers.putObject(Integer.toString(i)).put("cik_str", cik).put("ticker", ticker).put("title", name);
            documents.add(new Document(file, cik, headers.get(s).cik(), ticker, Files.size(file)));
        }
        MAPPER.writeValue(root.resolve("files/company_tickers.json").toFile(), tickers);
        List<Document> large = new ArrayList<>();
        List<Integer> sizes = largeMegabytes.stream().sorted().toList();
        for (int k = 0; k < sizes.size(); k++) {
            long cik = FIRST_LARGE_CIK + k;
            Path file = facts.resolve(String.format("CIK%010d.json", cik));
            writeLarge(bodies, file, cik, sizes.get(k) * 1_000_000L);
            gzipBeside(file);
            Files.write(submissions.resolve(String.format("CIK%010d.json", cik)), submissionsDocument(cik,
                    "Large bench document " + sizes.get(k) + " MB", "BL" + (k + 1), "1231"));
            large.add(new Document(file, cik, 0, "BL" + (k + 1), Files.size(file)));
        }
        return new BenchCorpus(root, List.copyOf(documents), List.copyOf(large));
    }

    /**
     * SEC compresses on its own servers; the mirror sends this copy instead of compressing each request on the
     * bench's CPUs, which the application under test needs.
     */
    private static void gzipBeside(Path file) throws IOException {
        try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(
                file.resolveSibling(file.getFileName() + ".gz")), 65536)) {
            Files.copy(file, out);
        }
    }

    /** The first {@code count} documents of a corpus generated earlier (by the parent JVM of a child run). */
    public static BenchCorpus existing(Path root, int count, int largeCount) throws IOException {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long cik = FIRST_CIK + i;
            Path file = root.resolve(String.format("api/xbrl/companyfacts/CIK%010d.json", cik));
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no generated document " + file + ": run bench without --child-e2e");
            }
            // The source CIK is not recorded in the generated files; the child run does not need it.
            documents.add(new Document(file, cik, 0, "BN" + (i + 1), Files.size(file)));
        }
        List<Document> large = new ArrayList<>();
        for (int k = 0; k < largeCount; k++) {
            long cik = FIRST_LARGE_CIK + k;
            Path file = root.resolve(String.format("api/xbrl/companyfacts/CIK%010d.json", cik));
            large.add(new Document(file, cik, 0, "BL" + (k + 1), Files.size(file)));
        }
        return new BenchCorpus(root, List.copyOf(documents), List.copyOf(large));
    }

    /**
     * A document of at least {@code minBytes}: the facts of the source documents, round-robin, each copy's taxonomy
     * names suffixed ({@code us-gaap-c2}) so that no entry repeats another (a big filer has more concepts, not the
     * same ones twice).
     */
    static void writeLarge(List<byte[]> sources, Path file, long cik, long minBytes) throws IOException {
        try (com.fasterxml.jackson.core.JsonGenerator out = JSON.createGenerator(Files.newOutputStream(file))) {
            out.writeStartObject();
            out.writeNumberField("cik", cik);
            out.writeStringField("entityName", "Large bench document");
            out.writeObjectFieldStart("facts");
            for (int copy = 0; copy == 0 || Files.size(file) < minBytes; copy++) {
                copyFacts(sources.get(copy % sources.size()), out, copy == 0 ? "" : "-c" + copy);
                out.flush();
            }
            out.writeEndObject();
            out.writeEndObject();
        }
    }

    private static void copyFacts(byte[] source, com.fasterxml.jackson.core.JsonGenerator out, String suffix)
            throws IOException {
        try (JsonParser p = JSON.createParser(source)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean facts = "facts".equals(p.currentName());
                p.nextToken();
                if (!facts) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    out.writeFieldName(p.currentName() + suffix);
                    p.nextToken();
                    out.copyCurrentStructure(p);
                }
            }
        }
    }

    /** The document with its top-level {@code cik} value replaced by {@code cik}; all other bytes unchanged. */
    static byte[] withCik(byte[] document, long cik) throws IOException {
        Header header = header(document);
        byte[] value = Long.toString(cik).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[document.length - (header.cikEnd() - header.cikStart()) + value.length];
        System.arraycopy(document, 0, out, 0, header.cikStart());
        System.arraycopy(value, 0, out, header.cikStart(), value.length);
        System.arraycopy(document, header.cikEnd(), out, header.cikStart() + value.length,
                document.length - header.cikEnd());
        return out;
    }

    private static void writeWithCik(byte[] document, Header header, long cik, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(document, 0, header.cikStart());
            out.write(Long.toString(cik).getBytes(StandardCharsets.US_ASCII));
            out.write(document, header.cikEnd(), document.length - header.cikEnd());
        }
    }

    /**
     * Finds the top-level {@code cik} value's byte range (a number, or a string of digits whose quotes are kept out
     * of the range) and {@code entityName}, skipping {@code facts} without reading it entry by entry.
     */
    static Header header(byte[] document) throws IOException {
        try (JsonParser p = JSON.createParser(document)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("companyfacts document is not a JSON object");
            }
            Long cik = null;
            String name = null;
            int start = -1;
            int end = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("cik".equals(field)) {
                    int offset = (int) p.currentTokenLocation().getByteOffset();
                    boolean quoted = value == JsonToken.VALUE_STRING;
                    start = quoted ? offset + 1 : offset;
                    end = start + p.getTextLength();
                    cik = Long.parseLong(p.getText().trim());
                } else if ("entityName".equals(field)) {
                    name = p.getText();
                }
                if (cik != null && name != null) {
                    break;
                }
                p.skipChildren();
            }
            if (cik == null) {
                throw new IOException("companyfacts document has no top-level cik");
            }
            return new Header(cik, name == null ? "CIK " + cik : name, start, end);
        }
    }

    /** A minimal submissions document, enough for the worker's load-submissions stage. */
    private static byte[] submissionsDocument(long cik, String name, String ticker, String fiscalYearEnd)
            throws IOException {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("cik", String.format("%010d", cik));
        doc.put("name", name);
        doc.put("entityType", "operating");
        doc.put("fiscalYearEnd", fiscalYearEnd);
        doc.putArray("tickers").add(ticker);
        doc.putArray("exchanges").add("Nasdaq");
        ObjectNode recent = doc.putObject("filings").putObject("recent");
        for (String column : List.of("accessionNumber", "filingDate", "reportDate", "acceptanceDateTime", "form",
                "primaryDocument", "isXBRL")) {
            recent.putArray(column);
        }
        ((ObjectNode) doc.get("filings")).set("files", MAPPER.createArrayNode());
        return MAPPER.writeValueAsBytes(doc);
    }

    /** The source company's real fiscal year end, from a submissions file beside the companyfacts folder if any. */
    private static String fiscalYearEnd(Path source, long sourceCik) {
        Path submissions = source.toAbsolutePath().normalize().getParent()
                .resolve("submissions").resolve(String.format("CIK%010d.json", sourceCik));
        if (Files.isRegularFile(submissions)) {
            try {
                String fye = MAPPER.readTree(submissions.toFile()).path("fiscalYearEnd").asText("");
                if (fye.matches("\\d{4}")) {
                    return fye;
                }
            } catch (IOException e) {
                // fall through to the default: the fiscal calendar only shifts period labels
            }
        }
        return "1231";
    }

    private static List<Path> sourceFiles(Path source) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches("CIK\\d{10}\\.json"))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
