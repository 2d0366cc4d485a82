package io.benchmarkos.ingest.cli;

import io.benchmarkos.ingest.support.CliRun;
import io.benchmarkos.ingest.support.HeldSec;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real application while it stops, a job held by a slow SEC: its intake is suspended, so {@code submit} gets no
 * answer until the embedded broker stops with it, and then says the broker closed the connection, in one line.
 */
class StoppingApplicationBrokerTest {

    @Test
    void submitToAStoppingApplicationSaysItsBrokerClosedTheConnection() throws Exception {
        HeldSec sec = new HeldSec();
        TestApp app = TestApp.start(sec.baseUrl(),
                Map.of("camel.main.shutdown-timeout", "2"));
        String broker = "tcp://127.0.0.1:" + app.brokerPort();
        Thread stopping = new Thread(() -> app.app().close(), "test-stop");
        try {
            app.submitTicker("AAPL");
            assertThat(sec.awaitAsked(Duration.ofSeconds(30))).as("the job asked the slow SEC").isTrue();
            stopping.start();
            awaitStopping(app.apiUrl());
            // The stub SEC lets the job go a while after the request is sent, so the stop, and its broker, can end.
            Thread releaser = new Thread(() -> {
                sleep(3000);
                sec.release();
            });
            releaser.start();

            long started = System.nanoTime();
            String line = CliRun.errorLine("submit", "MSFT", "--broker-url", broker);
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(line).isEqualTo("3 the broker at " + broker + " closed the connection while submit waited"
                    + " (is the application stopping or restarting? retry once it is back up)");
            assertThat(seconds).isLessThan(25);
        } finally {
            sec.release();
            if (stopping.isAlive()) {
                stopping.join(60_000);
            }
            app.close();
            sec.close();
        }
    }

    /** Until the API answers 503: by then the stop has suspended the intake routes. */
    private static void awaitStopping(String apiUrl) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest companies = HttpRequest.newBuilder(URI.create(apiUrl + "/companies"))
                .timeout(Duration.ofSeconds(10)).build();
        long started = System.nanoTime();
        while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10)) {
            if (http.send(companies, HttpResponse.BodyHandlers.discarding()).statusCode() == 503) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the application never said it was stopping");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
