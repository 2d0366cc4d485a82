package io.benchmarkos.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API reads request bodies as UTF-8 whatever charset their Content-Type names, and answers in UTF-8 as well:
 * a request labelled UTF-16 or ISO-8859-1 used to get its answer encoded in that charset (CJK noise, or "Ã©").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiCharsetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private TestApp app;

    @BeforeAll
    void start() throws Exception {
        app = TestApp.serving(Fixtures.copyToTemp());
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void aTicketIsUtf8WhenTheRequestNamesUtf16() throws Exception {
        HttpResponse<byte[]> response = post("/jobs", "application/json; charset=UTF-16", "{\"ticker\":\"NVDA\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode ticket = JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
        assertThat(ticket.path("jobId").asText()).isNotEmpty();
        app.awaitFinished(ticket.path("jobId").asText());
    }

    @Test
    void anAnswerIsUtf8WhenTheRequestNamesLatin1() throws Exception {
        HttpResponse<byte[]> response = post("/ask", "application/json; charset=ISO-8859-1",
                "{\"question\":\"metrics for ZZZZ\",\"correlationId\":\"café-1\"}");

        JsonNode answer = JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
        assertThat(answer.path("correlationId").asText()).isEqualTo("café-1");
    }

    private HttpResponse<byte[]> post(String path, String contentType, String utf8Body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.apiUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(utf8Body.getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
