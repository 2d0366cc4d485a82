package io.benchmarkos.ingest.cli;

import com.sun.net.httpserver.HttpServer;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real application while it stops, a job held by a slow SEC: its intake is suspended, so {@code submit} gets no
 * answer until the embedded broker stops with it, and then says the broker closed the connection, in one line.
 */
class StoppingApplicationBrokerTest {

    @Test
    void submitToAStoppingApplicationSaysItsBrokerClosedTheConnection() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer sec = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sec.createContext("/", exchange -> {
            asked.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        sec.setExecutor(Executors.newCachedThreadPool());
        sec.start();
        TestApp app = TestApp.start("http://127.0.0.1:" + sec.getAddress().getPort(),
                Map.of("camel.main.shutdown-timeout", "2"));
        String broker = "tcp://127.0.0.1:" + app.brokerPort();
        Thread stopping = new Thread(() -> app.app().close(), "test-stop");
        try {
            app.submitTicker("AAPL");
            assertThat(asked.await(30, TimeUnit.SECONDS)).as("the job asked the slow SEC").isTrue();
            stopping.start();
            awaitStopping(app.apiUrl());
            // The stub SEC lets the job go a while after the request is sent, so the stop, and its broker, can end.
            Thread releaser = new Thread(() -> {
                sleep(3000);
                release.countDown();
            });
            releaser.start();

            long started = System.nanoTime();
            String line = submit(broker);
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(line).isEqualTo("3 the broker at " + broker + " closed the connection while submit waited"
                    + " (is the application stopping or restarting? retry once it is back up)");
            assertThat(seconds).isLessThan(25);
        } finally {
            release.countDown();
            if (stopping.isAlive()) {
                stopping.join(60_000);
            }
            app.close();
            sec.stop(0);
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

    /** Runs {@code submit MSFT} against the stopping app: its exit code and what it printed on stderr. */
    private static String submit(String brokerUrl) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            int code = Cli.commandLine().execute("submit", "MSFT", "--broker-url", brokerUrl);
            return code + " " + stderr.toString(StandardCharsets.UTF_8).strip();
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
    }
}
