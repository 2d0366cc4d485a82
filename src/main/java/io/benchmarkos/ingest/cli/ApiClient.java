package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Minimal HTTP client of the application's API for the CLI's read commands. */
final class ApiClient {

    record Response(int status, String body) {

        /** One line for the user: what was refused and why (the API's "error" when it gave one). */
        String problem(String request) {
            String error;
            try {
                error = JSON.readTree(body).path("error").asText("");
            } catch (IOException notJson) {
                error = "";
            }
            if (status == 401) {
                // The server's words say whether the token was missing or wrong; the CLI says how to give it.
                String what = error.startsWith("wrong") ? "the token given is not the server's"
                        : "the API wants its token";
                return request + " answered 401: " + what + "; give --token, or set BENCHMARKOS_API_TOKEN"
                        + " (or API_TOKEN, as the server has it)";
            }
            return request + " answered " + status + (error.isEmpty() ? "" : ": " + error);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientOptions options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(ClientOptions options) {
        this.options = options;
    }

    Response get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(options.apiUrl() + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (options.token() != null) {
            request.header("Authorization", "Bearer " + options.token());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    Response post(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(options.apiUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (options.token() != null) {
            request.header("Authorization", "Bearer " + options.token());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
