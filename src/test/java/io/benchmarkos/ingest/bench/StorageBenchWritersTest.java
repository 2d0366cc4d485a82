package io.benchmarkos.ingest.bench;

import io.benchmarkos.ingest.facts.CompanyFactsReader;
import io.benchmarkos.ingest.facts.ReportedFact;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.MemoryDatabase;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's insert figures time writers fed with entries parsed beforehand: each must store what the app's own
 * load stores from the same document (a writer that refused or skipped it would time nothing).
 */
class StorageBenchWritersTest {

    @Test
    void theAppsWritePathAndThePlainBatchInsertStoreTheSameRows() throws Exception {
        byte[] document = Fixtures.read(Fixtures.companyFacts(Fixtures.APPLE));
        List<ReportedFact> facts = new ArrayList<>();
        try (CompanyFactsReader reader = new CompanyFactsReader(new ByteArrayInputStream(document))) {
            reader.forEachRemaining(facts::add);
        }

        long[] byFactLoad = storedBy(StorageBench.factLoad(), document, facts);
        long[] byBatchInsert = storedBy(StorageBench.batchInsert(), document, facts);

        assertThat(byFactLoad[0]).isPositive();
        assertThat(byBatchInsert).containsExactly(byFactLoad);
    }

    @Test
    void concurrentWritersStoreEveryDocumentOnce(@TempDir Path dir) throws Exception {
        BenchCorpus corpus = BenchCorpus.generate(Fixtures.secRoot().resolve("api/xbrl/companyfacts"),
                dir.resolve("corpus"), 7);
        StorageBench bench = new StorageBench(corpus.documents(), new BenchDatabase.Target(dir.resolve("db"), null,
                null, null));

        StorageBench.Result oneWriter = bench.insert("one", StorageBench.batchInsert(), false);
        StorageBench.Result twoWriters = bench.insertConcurrently("two", StorageBench.batchInsert(), 2);

        assertThat(oneWriter.facts()).isPositive();
        assertThat(twoWriters.facts()).isEqualTo(oneWriter.facts());
    }

    /** Rows and entries (sum of filings) in the fact table after {@code writer} stored the document. */
    private static long[] storedBy(StorageBench.Writer writer, byte[] document, List<ReportedFact> facts)
            throws Exception {
        JdbcDataSource db = MemoryDatabase.migrated("bench");
        writer.write(db, Fixtures.APPLE, document, facts);
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(filings) FROM fact")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }
}
