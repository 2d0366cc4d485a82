package io.benchmarkos.ingest.sec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SEC server that sends a body a byte at a time keeps every read within the HTTP timeouts. The download limit must
 * end the attempt anyway, and closing the body must not read the rest of it first (that took for ever).
 */
class TricklingBodyTest {

    private HttpServer sec;
    private ExecutorService threads;
    private TestApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (sec != null) {
            sec.stop(0);
            threads.shutdownNow();
        }
    }

    @Test
    void aBodyThatTricklesInIsCutOffAtTheDownloadLimitAndTheJobFailsWithTheReason() throws Exception {
        Path files = Fixtures.copyToTemp();
        sec = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        threads = Executors.newCachedThreadPool();
        sec.setExecutor(threads);
        sec.createContext("/", exchange -> serve(files, exchange));
        sec.start();
        app = TestApp.start("http://127.0.0.1:" + sec.getAddress().getPort(), Map.of("sec.max-download-seconds", "1",
                "sec.redelivery.max", "1", "sec.redelivery.initial-delay-ms", "100"));

        long started = System.nanoTime();
        Map<String, Object> job = app.awaitFinished(app.submit("{\"cik\":320193}").path("jobId").asText(),
                Duration.ofSeconds(30));

        assertThat(job).containsEntry("status", "failed");
        assertThat((String) job.get("reason")).startsWith("SEC request failed after 2 HTTP attempts")
                .contains("the body took longer than sec.max-download-seconds=1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    /** Files as they are; companyfacts a byte every 50 ms, for up to ten minutes. */
    private static void serve(Path files, HttpExchange exchange) throws IOException {
        try (exchange) {
            Path file = files.resolve(exchange.getRequestURI().getPath().substring(1));
            if (!Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            if (!file.toString().contains("companyfacts")) {
                out.write(body);
                return;
            }
            for (int i = 0; i < body.length && i < 12_000; i++) {
                out.write(body[i]);
                out.flush();
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // The app hung up: what the test wants.
        }
    }
}
