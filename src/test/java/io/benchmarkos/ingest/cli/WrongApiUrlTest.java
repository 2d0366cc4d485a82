package io.benchmarkos.ingest.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A read command refused at a wrong --api-url names the URL it asked, not the path it would have had. */
class WrongApiUrlTest {

    private static final String HINT = "is --api-url right? It is the API's base URL, such as"
            + " http://127.0.0.1:8080/api";

    private HttpServer server;
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Another web server's 404 page, and the API's own JSON 404s: an unknown endpoint and a missing job.
        server.createContext("/", exchange -> answer(exchange, 404, "text/html", "<html>Not Found</html>"));
        server.createContext("/elsewhere", exchange -> answer(exchange, 404, "application/json",
                "{\"status\":404,\"error\":\"no API endpoint at GET " + exchange.getRequestURI()
                        + "; the endpoints are listed in /api/openapi.json\"}"));
        server.createContext("/api/jobs", exchange -> answer(exchange, 404, "application/json",
                "{\"status\":404,\"error\":\"no job abc\"}"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aPageNotFoundElsewhereNamesTheUrlAskedAndTheOption() throws Exception {
        assertThat(companies(base + "/nope")).isEqualTo("GET " + base + "/nope/companies?limit="
                + CompaniesCommand.PAGE + "&offset=0 answered 404; " + HINT);
    }

    @Test
    void theApisOwnUnknownEndpointAnswerAlsoPointsAtTheOption() throws Exception {
        assertThat(companies(base + "/elsewhere")).startsWith("GET " + base + "/elsewhere/companies?")
                .contains("answered 404: no API endpoint at GET /elsewhere/companies").endsWith("; " + HINT);
    }

    @Test
    void aMissingJobIsNotBlamedOnTheOption() throws Exception {
        ClientOptions client = options(base + "/api");
        String printed = stderrOf(() -> ReadCommands.printJson(new ApiClient(client), "/jobs/abc"));

        assertThat(printed).isEqualTo("GET " + base + "/api/jobs/abc answered 404: no job abc");
    }

    private String companies(String apiUrl) throws Exception {
        ClientOptions client = options(apiUrl);
        return stderrOf(() -> ReadCommands.printAllPages(new ApiClient(client), "/companies", CompaniesCommand.PAGE,
                rows -> 0));
    }

    private static ClientOptions options(String apiUrl) {
        ClientOptions client = new ClientOptions();
        client.apiUrl = apiUrl;
        return client;
    }

    @FunctionalInterface
    private interface Command {
        int run() throws Exception;
    }

    /** What the command printed to stderr (its exit code must be 1), without the line end. */
    private static String stderrOf(Command command) throws Exception {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(command.run()).isEqualTo(1);
        } finally {
            System.setErr(before);
        }
        return err.toString(StandardCharsets.UTF_8).strip();
    }

    private static void answer(HttpExchange exchange, int status, String type, String text)
            throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
