package io.benchmarkos.ingest.bench;

import io.benchmarkos.ingest.sec.SecUrls;
import io.benchmarkos.ingest.tools.SecMirror;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The SEC throttle under a backlog: {@code requests} calls of {@code direct:sec-get} queued at once against a mirror
 * that answers instantly, with the production budget (limit per second, one-second permit window). Arrival times
 * are taken where SEC would see them: at the mirror.
 */
final class ThrottleBench {

    /** Max arrivals in any sliding one-second window, and the average rate from first to last arrival. */
    record Result(int requests, int limit, int maxInAnySecond, double averagePerSecond, long nanos) {
    }

    private static final long SECOND = 1_000_000_000L;
    // Enough blocked callers that the throttle, not the callers, sets the pace.
    private static final int CALLERS = 64;

    private ThrottleBench() {
    }

    static Result run(Path corpus, Path dataDir, int requests, int limit) throws Exception {
        try (SecMirror mirror = new SecMirror(corpus, 0).start();
             EndToEndBench bench = EndToEndBench.start(mirror.baseUrl(), dataDir, null,
                     Map.of("sec.max-requests-per-second", Integer.toString(limit),
                             "sec.budget-window-ms", "1000", "sec.budget-margin-ms", "20"))) {
            ProducerTemplate producer = bench.app().camel().createProducerTemplate();
            String url = mirror.baseUrl() + "/files/company_tickers.json";
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            long started = System.nanoTime();
            try {
                List<Future<Exchange>> calls = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    calls.add(callers.submit(() -> {
                        Exchange exchange = new DefaultExchange(bench.app().camel());
                        exchange.setProperty(SecUrls.URL_PROPERTY, url);
                        Exchange done = producer.send("direct:sec-get", exchange);
                        if (done.getException() != null) {
                            throw done.getException();
                        }
                        return done;
                    }));
                }
                for (Future<Exchange> call : calls) {
                    call.get();
                }
            } finally {
                callers.shutdownNow();
                producer.stop();
            }
            long nanos = System.nanoTime() - started;
            List<Long> arrivals = mirror.requests().stream().map(SecMirror.Request::nanoTime).sorted().toList();
            return new Result(arrivals.size(), limit, maxInWindow(arrivals, SECOND), averageRate(arrivals), nanos);
        }
    }

    /** The most arrivals within any window of {@code window} nanoseconds (sorted input). */
    static int maxInWindow(List<Long> sorted, long window) {
        int max = 0;
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            while (sorted.get(last) - sorted.get(first) >= window) {
                first++;
            }
            max = Math.max(max, last - first + 1);
        }
        return max;
    }

    static double averageRate(List<Long> sorted) {
        if (sorted.size() < 2) {
            return 0;
        }
        return (sorted.size() - 1) * 1e9 / (sorted.get(sorted.size() - 1) - sorted.get(0));
    }
}
