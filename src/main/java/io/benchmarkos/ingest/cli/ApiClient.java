package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
         * A stopping application's answer: 503 with the server's "stopping" error, or with no body at all, which is
         * how Camel's suspended HTTP consumers answer (an older build's, or a route suspended on its own). The API's
         * other 503s say why in JSON.
         */
        boolean stopping() {
            return status == 503 && (body.isBlank() || errorText().startsWith(STOPPING));
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

        private final String reason;
        private final boolean stopping;

        private NoAnswerException(String line, String reason, boolean stopping, Throwable cause) {
            super(line, cause);
            this.reason = reason;
            this.stopping = stopping;
        }

        /** Why, in a few words, for a line about something else ("nothing listens there"). */
        String reason() {
            return reason;
        }

        /** The application answered that it is stopping, rather than not answering at all. */
        boolean stopping() {
            return stopping;
        }
    }

    /** How long a request may wait for its answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How the server's 404 for a path it has no endpoint at begins (HttpRefusalAnswers). */
    private static final String NO_ENDPOINT = "no API endpoint at ";
    /** How the server's answer to any request while it stops begins (HttpRefusalAnswers). */
    private static final String STOPPING = "the application is stopping";

    private final ClientOptions options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

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
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw noAnswer(e);
        }
        Response answer = new Response(request.method() + " " + request.uri(), response.statusCode(), response.body());
        if (answer.stopping()) {
            // Not a refusal of this request: any request fails until the application is back.
            throw new NoAnswerException(stoppingAt() + " (retry once it is back up)", "it is stopping", true, null);
        }
        return answer;
    }

    /** What a request that got no answer at all says, told apart by how it failed. */
    NoAnswerException noAnswer(IOException e) {
        String at = "the application at " + options.apiUrl();
        // A connect timeout is an HttpTimeoutException too, but nothing was asked yet: the address is the problem.
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
            String why = e instanceof ConnectException ? "nothing listens there" : "no connection within "
                    + CONNECT_TIMEOUT.toSeconds() + " s";
            return new NoAnswerException("cannot reach " + at + ": " + why + "; " + options.startHint(), why, false,
                    e);
        }
        if (e instanceof HttpTimeoutException) {
            return new NoAnswerException(at + " did not answer in time; it may be waiting for its database or broker"
                    + " (its log says which, and so does /observe/health/ready)",
                    "no answer within " + TIMEOUT.toSeconds() + " s", false, e);
        }
        // Connected, then dropped without an answer: a process that is stopping or died mid-request.
        return new NoAnswerException(at + " closed the connection without answering (" + e.getClass().getSimpleName()
                + ": " + e.getMessage() + "); it may be stopping or restarting: try again, or check its log",
                "it closed the connection without answering", false, e);
    }

    /** "the application at URL is stopping", the start of every line that says so. */
    String stoppingAt() {
        return "the application at " + options.apiUrl() + " is stopping";
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
