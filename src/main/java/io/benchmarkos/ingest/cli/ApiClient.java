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

    /** {@code request}: the method and the URL asked, as the user's --api-url made it. */
    record Response(String request, int status, String body) {

        /** One line for the user: what was refused and why (the API's "error" when it gave one). */
        String problem() {
            String error = errorText();
            if (status == 401) {
                // The server's words say whether the token was missing or wrong; the CLI says how to give it.
                String what = error.startsWith("wrong") ? "the token given is not the server's"
                        : "the API wants its token";
                return request + " answered 401: " + what + "; give --token, or set BENCHMARKOS_API_TOKEN"
                        + " (or API_TOKEN, as the server has it)";
            }
            String answer = answer(error);
            // A 404 without this API's JSON error is another server's page, and "no API endpoint" is this API
            // saying the CLI's path is not one of its own: either way the base URL is what is wrong.
            if (status == 404 && (error.isEmpty() || error.startsWith(NO_ENDPOINT))) {
                answer += "; is --api-url right? It is the API's base URL, such as http://127.0.0.1:8080/api";
            }
            return answer;
        }

        /** "GET … answered 503", with the API's "error" when it gave one: what came back, without advice. */
        String answer() {
            return answer(errorText());
        }

        private String errorText() {
            try {
                return JSON.readTree(body).path("error").asText("");
            } catch (IOException notJson) {
                return "";
            }
        }

        private String answer(String error) {
            return request + " answered " + status + (error.isEmpty() ? "" : ": " + error);
        }
    }

    /** How long a request may wait for its answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How the server's 404 for a path it has no endpoint at begins (HttpRefusalAnswers). */
    private static final String NO_ENDPOINT = "no API endpoint at ";

    private final ClientOptions options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(ClientOptions options) {
        this.options = options;
    }

    Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(options.apiUrl() + path)).GET());
    }

    Response post(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(options.apiUrl() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private Response send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        builder.timeout(TIMEOUT);
        if (options.token() != null) {
            builder.header("Authorization", "Bearer " + options.token());
        }
        HttpRequest request = builder.build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(request.method() + " " + request.uri(), response.statusCode(), response.body());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
