package io.benchmarkos.ingest.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.support.TestApp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Starting runs over the HTTP API and reading their rows, for the batch tests. */
final class BatchSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BatchSupport() {
    }

    /** POST /api/batches with the list as text; returns the run id from the 202 answer. */
    static String startRun(TestApp app, String list) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(app.apiUrl() + "/batches"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(list)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("batchId").asText();
    }

    static JsonNode get(TestApp app, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(app.apiUrl() + path)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Any request; answers "status error" for an error, else "status body". */
    static String send(TestApp app, String method, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(app.apiUrl() + path))
                .header("Content-Type", "text/plain").method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        return response.statusCode() + " " + (json.has("error") ? json.get("error").asText() : response.body());
    }

    /** Waits until every company of the run has been submitted (queued, tracked, skipped or rejected). */
    static void awaitSubmitted(TestApp app, String batchId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> app.count(
                "SELECT COUNT(*) FROM batch_item WHERE batch_id = ? AND disposition = 'pending'", batchId) == 0);
    }

    /**
     * Waits until the run is no longer running and its report is recorded, then returns its row. The report is
     * written just after the run is marked ended (batch-check, batch-recover), so a row read between the two has
     * no report_path yet.
     */
    static Map<String, Object> awaitEnded(TestApp app, String batchId, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> app.count(
                "SELECT COUNT(*) FROM batch_run WHERE id = ? AND status <> 'running' AND report_path IS NOT NULL",
                batchId) == 1);
        return run(app, batchId);
    }

    static Map<String, Object> run(TestApp app, String batchId) {
        return row(app, "SELECT * FROM batch_run WHERE id = ?", batchId);
    }

    static Map<String, Object> row(TestApp app, String sql, Object... params) {
        try (Connection c = app.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("a row for %s", sql).isTrue();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                }
                return row;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
