package io.benchmarkos.ingest.sec;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import io.benchmarkos.ingest.tools.SecMirror;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** One request budget for the whole JVM: many companies at once still reach SEC at most N times per second. */
class ThrottleTest {

    private static final int PER_SECOND = 4;
    private static final long SECOND_NANOS = 1_000_000_000L;

    private TestApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void concurrentJobsShareOnePerSecondBudget() throws Exception {
        Path secDir = Fixtures.copyToTemp();
        app = TestApp.serving(secDir, Map.of("sec.max-requests-per-second", Integer.toString(PER_SECOND),
                "jobs.concurrency", "4"));
        // AAPL, NVDA, IMNN and CIK 350001 load documents; the rest have no submissions in the mirror and fail fast.
        List<String> requests = List.of("{\"ticker\":\"AAPL\"}", "{\"ticker\":\"NVDA\"}", "{\"ticker\":\"IMNN\"}",
                "{\"cik\":350001}", "{\"ticker\":\"MSFT\"}", "{\"ticker\":\"GOOGL\"}", "{\"ticker\":\"TSLA\"}",
                "{\"ticker\":\"FNMA\"}");

        List<String> jobIds = new ArrayList<>();
        ExecutorService submitters = Executors.newFixedThreadPool(requests.size());
        try {
            List<Future<String>> submitted = new ArrayList<>();
            for (String request : requests) {
                submitted.add(submitters.submit(() -> app.submit(request).get("jobId").asText()));
            }
            for (Future<String> f : submitted) {
                jobIds.add(f.get());
            }
        } finally {
            submitters.shutdownNow();
        }
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (String id : jobIds) {
            jobs.add(app.awaitFinished(id, Duration.ofSeconds(90)));
        }

        assertThat(jobs).filteredOn(j -> "AAPL".equals(j.get("ticker")) || "NVDA".equals(j.get("ticker")))
                .hasSize(2).allSatisfy(j -> assertThat(j).containsEntry("status", "succeeded"));
        List<SecMirror.Request> seen = app.mirror().requests().stream()
                .sorted(java.util.Comparator.comparingLong(SecMirror.Request::nanoTime)).toList();
        List<Long> times = seen.stream().map(SecMirror.Request::nanoTime).toList();
        String timeline = seen.stream().map(r -> (r.nanoTime() - times.get(0)) / 1_000_000 + "ms " + r.path())
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(times).as("enough SEC requests for the window check to mean something")
                .hasSizeGreaterThanOrEqualTo(12);
        for (int i = 0; i + PER_SECOND < times.size(); i++) {
            long span = times.get(i + PER_SECOND) - times.get(i);
            assertThat(span).as("requests %d..%d (of %d) arrived within %d ms:%n%s", i, i + PER_SECOND,
                    times.size(), span / 1_000_000, timeline).isGreaterThanOrEqualTo(SECOND_NANOS);
        }
        long total = times.get(times.size() - 1) - times.get(0);
        assertThat(total).as("%d requests at %d/s cannot take less", times.size(), PER_SECOND)
                .isGreaterThanOrEqualTo((long) ((times.size() - 1) / PER_SECOND) * SECOND_NANOS);
    }
}
