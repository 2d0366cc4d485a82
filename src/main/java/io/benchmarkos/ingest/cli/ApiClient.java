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

        /**
         * A stopping application's answer: while Camel suspends its HTTP consumers for the stop, it answers 503 with
         * no body; the API's own 503s always say why in JSON.
         */
        boolean stopping() {
            return status == 503 && body.isBlank();
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

    /**
     * The application gave no answer a command can use. Every client command ends with its line (prefixed with the
     * command's name by {@link Cli#unanswered}) and exit code 3.
     */
    static final class NoAnswerException extends IOException {

        NoAnswerException(String line, Throwable cause) {
            super(line, cause);
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
        Response answer = new Response(request.method() + " " + request.uri(), response.statusCode(), response.body());
        if (answer.stopping()) {
            // Not a refusal of this request: any request fails until the application is back.
            throw new NoAnswerException(stoppingAt() + " (retry once it is back up)", null);
        }
        return answer;
    }

    /** "the application at URL is stopping", the start of every line that says so. */
    String stoppingAt() {
        return "the application at " + options.apiUrl() + " is stopping";
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
