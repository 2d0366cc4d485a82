package io.benchmarkos.ingest.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A list read command asks page after page until a page comes back short, and prints the rows of all of them. */
class ReadCommandsPagingTest {

    private HttpServer server;
    private final List<String> asked = new ArrayList<>();
    private int rowsOnServer;

    @BeforeEach
    void startApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/companies", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            asked.add(query);
            int limit = Integer.parseInt(query.replaceAll(".*limit=(\\d+).*", "$1"));
            int offset = Integer.parseInt(query.replaceAll(".*offset=(\\d+).*", "$1"));
            String rows = IntStream.range(offset, Math.min(offset + limit, rowsOnServer))
                    .mapToObj(i -> "{\"cik\":" + i + "}").collect(Collectors.joining(",", "[", "]"));
            byte[] body = rows.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopApi() {
        server.stop(0);
    }

    @Test
    void readsUntilAShortPage() throws Exception {
        rowsOnServer = 5;

        assertThat(allRows(2)).containsExactly(0, 1, 2, 3, 4);
        assertThat(asked).containsExactly("limit=2&offset=0", "limit=2&offset=2", "limit=2&offset=4");
    }

    @Test
    void aFullLastPageCostsOneEmptyPage() throws Exception {
        rowsOnServer = 4;

        assertThat(allRows(2)).containsExactly(0, 1, 2, 3);
        assertThat(asked).containsExactly("limit=2&offset=0", "limit=2&offset=2", "limit=2&offset=4");
    }

    private List<Integer> allRows(int pageSize) throws Exception {
        ClientOptions client = new ClientOptions();
        client.apiUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
        List<Integer> printed = new ArrayList<>();
        int code = ReadCommands.printAllPages(new ApiClient(client), "/companies", pageSize, rows -> {
            rows.forEach(row -> printed.add(row.path("cik").asInt()));
            return 0;
        });
        assertThat(code).isZero();
        return printed;
    }
}
