package io.benchmarkos.ingest.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReportTest {

    /** A result of {@code perSecond} facts a second (one second, a million facts scaled). */
    private static StorageBench.Result rate(long perSecond) {
        return new StorageBench.Result(perSecond, 0, 1_000_000_000L, 0, 0);
    }

    private static BenchReport singleWriterPaths(boolean postgres, int jobWorkers, long factLoad, long batch) {
        BenchReport report = new BenchReport(postgres);
        report.jobWorkers = jobWorkers;
        report.insertFactLoad = rate(factLoad);
        report.insertBatch = rate(batch);
        return report;
    }

    @Test
    void theInsertLimitIsTheFastestWriterCountNotTheJobWorkersOne() {
        BenchReport report = singleWriterPaths(true, 3, 232_000, 140_000);
        report.insertCopy = rate(319_000);
        // Faster, but without the natural key it is not idempotent: never the limit.
        report.insertUnkeyed = rate(600_000);
        report.insertBatchConcurrent.put(2, rate(239_000));
        report.insertBatchConcurrent.put(3, rate(247_000));
        report.insertCopyConcurrent.put(2, rate(437_000));
        report.insertCopyConcurrent.put(3, rate(353_000));

        StorageBench.Result limit = report.fastestCorrectInsert();

        assertThat(limit.perSecond()).isEqualTo(437_000);
        assertThat(report.insertName(limit)).isEqualTo("COPY, 2 writers");
    }

    @Test
    void onH2WithoutConcurrentWritersTheSingleWriterPathsCompete() {
        BenchReport report = singleWriterPaths(false, 2, 172_000, 165_000);

        assertThat(report.insertName(report.fastestCorrectInsert())).isEqualTo("FactLoad");
    }
}
