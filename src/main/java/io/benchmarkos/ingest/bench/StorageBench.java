package io.benchmarkos.ingest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.db.PostgresCopy;
import io.benchmarkos.ingest.facts.CompanyFactsReader;
import io.benchmarkos.ingest.facts.ConceptIds;
import io.benchmarkos.ingest.facts.FactLoad;
import io.benchmarkos.ingest.facts.FactLoader;
import io.benchmarkos.ingest.facts.FactRows;
import io.benchmarkos.ingest.facts.FactValue;
import io.benchmarkos.ingest.facts.ReportedFact;

import javax.sql.DataSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * The storage-side limits, each on the same corpus: parsing alone, writing already-parsed records alone (several
 * JDBC paths, each into a fresh database), and the "simple script" reference (whole document as a tree, one
 * transaction per document).
 */
final class StorageBench {

    /** Facts handled in a timed section, the nanoseconds it took and the process CPU it used. */
    record Result(long facts, long bytes, long nanos, long peakHeapBytes, long cpuNanos) {

        double cpusUsed() {
            return nanos == 0 ? 0 : (double) cpuNanos / nanos;
        }

        double perSecond() {
            return nanos == 0 ? 0 : facts * 1e9 / nanos;
        }

        double megabytesPerSecond() {
            return nanos == 0 ? 0 : bytes / 1e6 * 1e9 / nanos;
        }
    }

    /** One way to write a document's records: gets a fresh, migrated database, then the documents one by one. */
    interface Writer {
        void write(DataSource db, long cik, byte[] document, List<ReportedFact> facts) throws Exception;
    }

    private static final int BATCH = 2000;
    private static final int WARM_UP_DOCUMENTS = 10;
    /** The previous design, one row per entry, for the reference figure 2e. */
    private static final String ENTRY_TABLE = "CREATE TABLE fact_entry (cik BIGINT NOT NULL,"
            + " concept_id BIGINT NOT NULL, unit VARCHAR(64) NOT NULL, period_start DATE, period_end DATE NOT NULL,"
            + " accession VARCHAR(25) NOT NULL, val NUMERIC(38, 12) NOT NULL, fy INTEGER, fp VARCHAR(8),"
            + " form VARCHAR(40) NOT NULL, filed DATE NOT NULL, frame VARCHAR(20), CONSTRAINT fact_entry_reported"
            + " UNIQUE NULLS NOT DISTINCT (cik, concept_id, unit, period_end, period_start, accession))";
    private static final String ENTRY_INSERT = "INSERT INTO fact_entry (cik, concept_id, unit, period_start,"
            + " period_end, accession, val, fy, fp, form, filed, frame) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final List<BenchCorpus.Document> documents;
    private final BenchDatabase.Target target;

    StorageBench(List<BenchCorpus.Document> documents, BenchDatabase.Target target) {
        this.documents = documents;
        this.target = target;
    }

    /** Figure 1: CompanyFactsReader alone, documents read from the (page-cached) corpus files. */
    Result parse() throws IOException {
        parseAll(documents.subList(0, Math.min(WARM_UP_DOCUMENTS, documents.size())));
        HeapPeak.reset();
        long cpu = ThreadCpu.processCpuNanos();
        long started = System.nanoTime();
        long facts = parseAll(documents);
        long nanos = System.nanoTime() - started;
        cpu = ThreadCpu.processCpuNanos() - cpu;
        long bytes = documents.stream().mapToLong(BenchCorpus.Document::bytes).sum();
        return new Result(facts, bytes, nanos, HeapPeak.peakBytes(), cpu);
    }

    private static long parseAll(List<BenchCorpus.Document> docs) throws IOException {
        long facts = 0;
        for (BenchCorpus.Document d : docs) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(d.file()), 65536);
                 CompanyFactsReader reader = new CompanyFactsReader(in)) {
                while (reader.hasNext()) {
                    reader.next();
                    facts++;
                }
            }
        }
        return facts;
    }

    /**
     * Figure 2: the records of each document, parsed beforehand (untimed), written by {@code writer} into a fresh
     * database; only the writing is timed.
     *
     * @param dropUniqueKey drop the fact table's natural key first (a reference for what the index costs)
     */
    Result insert(String label, Writer writer, boolean dropUniqueKey) throws Exception {
        warmUp(label, writer, dropUniqueKey);
        try (BenchDatabase db = freshDatabase(label, dropUniqueKey)) {
            HeapPeak.reset();
            long facts = 0;
            long nanos = 0;
            long cpu = 0;
            for (BenchCorpus.Document d : documents) {
                byte[] body = Files.readAllBytes(d.file());
                List<ReportedFact> records = records(body);
                long cpuBefore = ThreadCpu.processCpuNanos();
                long started = System.nanoTime();
                writer.write(db.dataSource(), d.cik(), body, records);
                nanos += System.nanoTime() - started;
                cpu += ThreadCpu.processCpuNanos() - cpuBefore;
                facts += records.size();
            }
            return new Result(facts, 0, nanos, HeapPeak.peakBytes(), cpu);
        }
    }

    /**
     * Figure 2f: as {@link #insert}, with {@code writers} threads writing documents side by side, as the app's job
     * workers do (with every commit written before it returns, a writer serializes its own commit, so a second
     * writer can use the second CPU). One more thread parses the documents ahead into a small queue, full before
     * the clock starts; parsing costs about a tenth of writing, so the writers do not wait for it.
     */
    Result insertConcurrently(String label, Writer writer, int writers) throws Exception {
        warmUp(label, writer, false);
        record Parsed(long cik, byte[] body, List<ReportedFact> records) {
        }
        Parsed end = new Parsed(0, null, null);
        try (BenchDatabase db = freshDatabase(label, false)) {
            BlockingQueue<Parsed> queue = new ArrayBlockingQueue<>(2 * writers);
            ExecutorService threads = Executors.newFixedThreadPool(writers + 1);
            try {
                Future<?> reader = threads.submit(() -> {
                    for (BenchCorpus.Document d : documents) {
                        byte[] body = Files.readAllBytes(d.file());
                        queue.put(new Parsed(d.cik(), body, records(body)));
                    }
                    for (int i = 0; i < writers; i++) {
                        queue.put(end);
                    }
                    return null;
                });
                while (queue.remainingCapacity() > 0 && !reader.isDone()) {
                    Thread.sleep(10);
                }
                HeapPeak.reset();
                AtomicLong facts = new AtomicLong();
                long cpuBefore = ThreadCpu.processCpuNanos();
                long started = System.nanoTime();
                List<Future<?>> writing = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    writing.add(threads.submit(() -> {
                        for (Parsed next = queue.take(); next != end; next = queue.take()) {
                            writer.write(db.dataSource(), next.cik(), next.body(), next.records());
                            facts.addAndGet(next.records().size());
                        }
                        return null;
                    }));
                }
                for (Future<?> w : writing) {
                    w.get();
                }
                long nanos = System.nanoTime() - started;
                long cpu = ThreadCpu.processCpuNanos() - cpuBefore;
                reader.get();
                return new Result(facts.get(), 0, nanos, HeapPeak.peakBytes(), cpu);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    /**
     * Writes the first documents with {@code writer} into a throwaway database first: each writer is timed with its
     * code compiled, as the parse figure is, not with the JIT's warm-up counted against whichever runs first.
     */
    private void warmUp(String label, Writer writer, boolean dropUniqueKey) throws Exception {
        try (BenchDatabase db = freshDatabase(label + "_warmup", dropUniqueKey)) {
            for (BenchCorpus.Document d : documents.subList(0, Math.min(WARM_UP_DOCUMENTS, documents.size()))) {
                byte[] body = Files.readAllBytes(d.file());
                writer.write(db.dataSource(), d.cik(), body, records(body));
            }
        }
    }

    /** A fresh database of the app's schema; without the natural key, for the reference that shows its cost. */
    private BenchDatabase freshDatabase(String label, boolean dropUniqueKey) throws Exception {
        BenchDatabase db = BenchDatabase.fresh(target, label);
        if (dropUniqueKey) {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE fact DROP CONSTRAINT fact_value_key");
            }
        }
        return db;
    }

    private static List<ReportedFact> records(byte[] body) {
        List<ReportedFact> records = new ArrayList<>(32_768);
        try (CompanyFactsReader reader = new CompanyFactsReader(new java.io.ByteArrayInputStream(body))) {
            reader.forEachRemaining(records::add);
        }
        return records;
    }

    /** Concept ids cached per database: a writer runs against several fresh databases in one bench. */
    private static final class ConceptIdsPerDatabase {
        private DataSource owner;
        private ConceptIds ids;

        synchronized ConceptIds of(DataSource db) {
            if (owner != db) {
                owner = db;
                ids = new ConceptIds(db);
            }
            return ids;
        }
    }

    /** The project's write path: FactLoader.open + FactLoad.write in batches + commit (identity map, hashes, key). */
    static Writer factLoad() {
        return new Writer() {
            private FactLoader loader;
            private DataSource owner;

            @Override
            public void write(DataSource db, long cik, byte[] document, List<ReportedFact> facts) throws Exception {
                if (owner != db) {
                    owner = db;
                    loader = new FactLoader(db, new ConceptIds(db), Clock.systemUTC(), BATCH);
                }
                try (FactLoad load = loader.open(cik, document, null)) {
                    for (int i = 0; i < facts.size(); i += BATCH) {
                        load.write(facts.subList(i, Math.min(facts.size(), i + BATCH)));
                    }
                    load.commit(null);
                }
            }
        };
    }

    /**
     * The design's rows (entries grouped into one row per value and period, grouping timed) by plain JDBC batch
     * INSERT, one transaction per document, concept ids from ConceptIds.
     */
    static Writer batchInsert() {
        return new Writer() {
            private final ConceptIdsPerDatabase concepts = new ConceptIdsPerDatabase();

            @Override
            public void write(DataSource db, long cik, byte[] document, List<ReportedFact> facts) throws Exception {
                List<FactValue> rows = FactValue.group(facts, conceptIds(concepts.of(db)));
                try (Connection c = db.getConnection()) {
                    insertInBatches(c, FactRows.INSERT, rows, (s, row) -> {
                        FactRows.bindKey(s, 1, cik, row);
                        FactRows.bindReports(s, 7, row);
                    });
                }
            }
        };
    }

    /** Reference 2e: the previous design, a row per entry with its natural key, by plain batch INSERT. */
    static Writer rowPerEntry() {
        return new Writer() {
            private final ConceptIdsPerDatabase concepts = new ConceptIdsPerDatabase();
            private DataSource prepared;

            @Override
            public void write(DataSource db, long cik, byte[] document, List<ReportedFact> facts) throws Exception {
                try (Connection c = db.getConnection()) {
                    if (prepared != db) {
                        try (Statement s = c.createStatement()) {
                            s.execute(ENTRY_TABLE);
                        }
                        prepared = db;
                    }
                    insertInBatches(c, ENTRY_INSERT, facts,
                            (s, f) -> bindEntry(s, cik, concepts.of(db).idOf(f.taxonomy(), f.concept(), null), f));
                }
            }
        };
    }

    /** PostgreSQL's COPY of the design's rows through pgjdbc's CopyManager, one transaction per document. */
    static Writer postgresCopy() {
        return new Writer() {
            private final ConceptIdsPerDatabase concepts = new ConceptIdsPerDatabase();

            @Override
            public void write(DataSource db, long cik, byte[] document, List<ReportedFact> facts) throws Exception {
                StringBuilder csv = new StringBuilder(facts.size() * 64);
                for (FactValue row : FactValue.group(facts, conceptIds(concepts.of(db)))) {
                    FactRows.appendCsv(csv, cik, row);
                }
                try (Connection c = db.getConnection()) {
                    c.setAutoCommit(false);
                    PostgresCopy.copyIn(c, FactRows.COPY, csv);
                    c.commit();
                    c.setAutoCommit(true);
                }
            }
        };
    }

    /** Binds one item's parameters. */
    private interface Binder<T> {
        void bind(PreparedStatement s, T item) throws SQLException;
    }

    /** Plain JDBC batch INSERT of {@code items}, {@link #BATCH} per batch, in one transaction. */
    private static <T> void insertInBatches(Connection c, String sql, List<T> items, Binder<T> binder)
            throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int pending = 0;
            for (T item : items) {
                binder.bind(s, item);
                s.addBatch();
                if (++pending == BATCH) {
                    s.executeBatch();
                    pending = 0;
                }
            }
            s.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    private static ToLongFunction<ReportedFact> conceptIds(ConceptIds ids) {
        return f -> {
            try {
                return ids.idOf(f.taxonomy(), f.concept(), null);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /**
     * The "simple script" reference: each document read whole as a Jackson tree and every entry inserted
     * with one statement execution, one transaction per document, into an embedded file database table without a
     * key. Limitation: issue 7 measured it with SQLite; sqlite-jdbc (~13 MB of native libraries) is not bundled, so
     * this reference runs on an H2 file database (in memory, 200 documents do not fit a 1 GB heap).
     */
    Result simpleScript() throws Exception {
        // Warmed up like the writers: the first documents into a throwaway database, untimed.
        simpleScript(documents.subList(0, Math.min(WARM_UP_DOCUMENTS, documents.size())));
        return simpleScript(documents);
    }

    private Result simpleScript(List<BenchCorpus.Document> timed) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        java.nio.file.Path dir = target.h2Dir().resolve("simple_script_" + System.nanoTime());
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + BenchDatabase.H2_OPTIONS;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE fact (cik BIGINT, taxonomy VARCHAR(64), concept VARCHAR(300), unit VARCHAR(64),"
                        + " period_start DATE, period_end DATE, val NUMERIC(38, 12), accession VARCHAR(25), fy INTEGER,"
                        + " fp VARCHAR(8), form VARCHAR(40), filed DATE, frame VARCHAR(20))");
            }
            c.setAutoCommit(false);
            HeapPeak.reset();
            long facts = 0;
            long bytes = 0;
            long cpu = ThreadCpu.processCpuNanos();
            long started = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO fact VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?)")) {
                for (BenchCorpus.Document d : timed) {
                    JsonNode doc = mapper.readTree(d.file().toFile());
                    facts += simpleScriptDocument(doc, insert);
                    c.commit();
                    bytes += d.bytes();
                }
            }
            long nanos = System.nanoTime() - started;
            cpu = ThreadCpu.processCpuNanos() - cpu;
            return new Result(facts, bytes, nanos, HeapPeak.peakBytes(), cpu);
        } finally {
            BenchCorpus.deleteRecursively(dir);
        }
    }

    private static long simpleScriptDocument(JsonNode doc, PreparedStatement insert) throws SQLException {
        long cik = doc.path("cik").asLong();
        long facts = 0;
        for (Iterator<Map.Entry<String, JsonNode>> taxonomies = doc.path("facts").fields(); taxonomies.hasNext(); ) {
            Map.Entry<String, JsonNode> taxonomy = taxonomies.next();
            for (Iterator<Map.Entry<String, JsonNode>> concepts = taxonomy.getValue().fields(); concepts.hasNext(); ) {
                Map.Entry<String, JsonNode> concept = concepts.next();
                for (Iterator<Map.Entry<String, JsonNode>> units = concept.getValue().path("units").fields();
                     units.hasNext(); ) {
                    Map.Entry<String, JsonNode> unit = units.next();
                    for (JsonNode e : unit.getValue()) {
                        insert.setLong(1, cik);
                        insert.setString(2, taxonomy.getKey());
                        insert.setString(3, concept.getKey());
                        insert.setString(4, unit.getKey());
                        insert.setObject(5, e.has("start") ? LocalDate.parse(e.get("start").asText()) : null);
                        insert.setObject(6, LocalDate.parse(e.path("end").asText()));
                        insert.setBigDecimal(7, e.path("val").decimalValue());
                        insert.setString(8, e.path("accn").asText());
                        insert.setObject(9, e.hasNonNull("fy") ? e.get("fy").asInt() : null, Types.INTEGER);
                        insert.setString(10, e.path("fp").asText(null));
                        insert.setString(11, e.path("form").asText());
                        insert.setObject(12, LocalDate.parse(e.path("filed").asText()));
                        insert.setString(13, e.path("frame").asText(null));
                        insert.executeUpdate();
                        facts++;
                    }
                }
            }
        }
        return facts;
    }

    private static void bindEntry(PreparedStatement s, long cik, long conceptId, ReportedFact f) throws SQLException {
        s.setLong(1, cik);
        s.setLong(2, conceptId);
        s.setString(3, f.unit());
        if (f.start() == null) {
            s.setNull(4, Types.DATE);
        } else {
            s.setObject(4, f.start());
        }
        s.setObject(5, f.end());
        s.setString(6, f.accession());
        s.setBigDecimal(7, f.value());
        s.setObject(8, f.fiscalYear(), Types.INTEGER);
        s.setString(9, f.fiscalPeriod());
        s.setString(10, f.form());
        s.setObject(11, f.filed());
        s.setString(12, f.frame());
    }
}
