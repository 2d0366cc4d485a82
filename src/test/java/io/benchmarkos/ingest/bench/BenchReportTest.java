package io.benchmarkos.ingest.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReportTest {

    /** A result of {@code perSecond} facts a second (one second, a million facts scaled). */
    private static StorageBench.Result rate(long perSecond) {
        return new StorageBench.Result(perSecond, 0, 1_000_000_000L, 0, 0);
    }

    @Test
    void theInsertLimitIsTheFastestWriterCountNotTheJobWorkersOne() {
        BenchReport report = new BenchReport(true);
        report.jobWorkers = 3;
        report.insertFactLoad = rate(232_000);
        report.insertBatch = rate(140_000);
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
        BenchReport report = new BenchReport(false);
        report.jobWorkers = 2;
        report.insertFactLoad = rate(172_000);
        report.insertBatch = rate(165_000);

        assertThat(report.insertName(report.fastestCorrectInsert())).isEqualTo("FactLoad");
    }
}
