package io.benchmarkos.ingest.tools;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * A local stand-in for SEC's hosts on 127.0.0.1, serving a folder laid out like SEC's URL paths
 * ({@code files/}, {@code submissions/}, {@code api/xbrl/companyfacts/}) or like {@code shared/data/sec}
 * ({@code tickers/}, {@code submissions/}, {@code companyfacts/}). Bodies are gzipped when asked, as SEC does; a
 * {@code NAME.gz} beside a file is sent as its gzipped form.
 * It records when each request arrived, so tests can check the request rate.
 */
public final class SecMirror implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SecMirror.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** One request as the mirror saw it. */
    public record Request(long nanoTime, String path, String userAgent, String acceptEncoding, int status) {
    }

    private final Path root;
    private final HttpServer server;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final java.util.Map<String, Long> slowPaths = new java.util.concurrent.ConcurrentHashMap<>();

    public SecMirror(Path root, int port) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
    }

    public SecMirror start() {
        server.start();
        LOG.info("SEC mirror serving {} at {}", root, baseUrl());
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests whose path contains {@code fragment} only after a delay (a slow SEC, for tests). */
    public void slowDown(String fragment, long millis) {
        slowPaths.put(fragment, millis);
    }

    public void clearSlowDowns() {
        slowPaths.clear();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean get = "GET".equals(exchange.getRequestMethod());
        Optional<Path> file = get ? resolve(path) : Optional.empty();
        int status = file.isPresent() ? 200 : get ? 404 : 405;
        requests.add(new Request(System.nanoTime(), path, exchange.getRequestHeaders().getFirst("User-Agent"),
                exchange.getRequestHeaders().getFirst("Accept-Encoding"), status));
        slowPaths.forEach((fragment, millis) -> {
            if (path.contains(fragment)) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try (exchange) {
            if (file.isEmpty()) {
                byte[] body = ("<html><body>" + (get ? "Not Found" : "Method Not Allowed")
                        + "</body></html>").getBytes();
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
            Path precompressed = file.get().resolveSibling(file.get().getFileName() + ".gz");
            if (accept != null && accept.contains("gzip") && Files.isRegularFile(precompressed)) {
                // A gzip kept beside the file (as static web servers keep them): no compressing per request.
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                exchange.sendResponseHeaders(200, Files.size(precompressed));
                Files.copy(precompressed, exchange.getResponseBody());
            } else if (accept != null && accept.contains("gzip")) {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = new GZIPOutputStream(exchange.getResponseBody())) {
                    Files.copy(file.get(), out);
                }
            } else {
                exchange.sendResponseHeaders(200, Files.size(file.get()));
                Files.copy(file.get(), exchange.getResponseBody());
            }
        }
    }

    private Optional<Path> resolve(String path) {
        String[][] layouts = {
            {"/files/", "files/", "tickers/"},
            {"/submissions/", "submissions/", "submissions/"},
            {"/api/xbrl/companyfacts/", "api/xbrl/companyfacts/", "companyfacts/"},
        };
        for (String[] layout : layouts) {
            if (path.startsWith(layout[0])) {
                String name = path.substring(layout[0].length());
                if (!SAFE_NAME.matcher(name).matches() || name.contains("..")) {
                    return Optional.empty();
                }
                for (int i = 1; i < layout.length; i++) {
                    Path candidate = root.resolve(layout[i] + name).normalize();
                    if (candidate.startsWith(root) && Files.isRegularFile(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
