package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** {@code status} without a job id: GET /api/status printed as a few aligned lines for a terminal. */
final class SystemStatusView {

    private SystemStatusView() {
    }

    /** Exit code 0 when the application is ready, 2 when it answers but is not. */
    static int print(ApiClient api) throws Exception {
        return ReadCommands.print(api, "/status", status -> {
            render(status, System.out);
            return "UP".equals(status.path("ready").path("status").asText()) ? 0 : 2;
        });
    }

    static void render(JsonNode s, PrintStream out) {
        JsonNode ready = s.path("ready");
        out.printf("%-10s %s%s%n", "ready", ready.path("status").asText(),
                ready.path("down").isEmpty() ? "" : "  " + join(ready.path("down")));
        JsonNode routes = s.path("routes");
        out.printf("%-10s %d of %d started%s%s%n", "routes", routes.path("started").asInt(),
                routes.path("total").asInt(),
                routes.path("offByConfiguration").isEmpty() ? ""
                        : " (off by configuration: " + join(routes.path("offByConfiguration")) + ")",
                routes.path("notStarted").isEmpty() ? "" : "; not started: " + join(routes.path("notStarted")));
        out.printf("%-10s %s%n", "queues", pairs(s.path("queues")));
        JsonNode sec = s.path("sec");
        // With a shared budget, each live process counts the permits against its own limit: show them all.
        List<String> limits = new ArrayList<>();
        sec.path("limitsOnSharedBudget").forEach(limit -> limits.add(limit.asText() + "/s"));
        String shared = limits.isEmpty() ? "" : " (each process on the shared budget: " + String.join(", ", limits)
                + ")";
        out.printf("%-10s limit %d/s%s, %s%s%n", "sec", sec.path("maxRequestsPerSecond").asInt(), shared,
                sec.path("paused").asBoolean() ? "PAUSED " + sec.path("pausedForSeconds").asLong() + " s: "
                        + sec.path("pauseReason").asText()
                        : sec.path("reachable").asBoolean(true) ? "flowing" : "UNREACHABLE",
                sec.has("lastStatus") ? "; last answer " + sec.path("lastStatus").asText() + " at "
                        + sec.path("lastAnswerAt").asText() + (sec.hasNonNull("lastError") ? " ("
                        + sec.path("lastError").asText() + ")" : "") : "");
        out.printf("%-10s %s%n", "jobs", pairs(s.path("jobs")));
        JsonNode batch = s.path("lastBatch");
        out.printf("%-10s %s%n", "batch", batch.isNull() || batch.isMissingNode() ? "none"
                : batch.has("error") ? "unavailable: " + batch.path("error").asText()
                : batch.path("id").asText() + " " + batch.path("status").asText() + " (started "
                        + batch.path("started_at").asText() + "): " + batchOutcome(batch));
    }

    private static String batchOutcome(JsonNode batch) {
        // A run that could not start has no companies to count, only why.
        if ("failed".equals(batch.path("status").asText())) {
            return batch.path("reason").asText();
        }
        return batch.path("succeeded").asInt() + " succeeded, " + batch.path("failed").asInt() + " failed, "
                + batch.path("skipped").asInt() + " skipped, " + batch.path("unfinished").asInt() + " unfinished of "
                + batch.path("total").asInt()
                + (batch.has("atInterruption") ? " (its jobs ran on after the interruption)" : "");
    }

    private static String pairs(JsonNode object) {
        if (object.has("error")) {
            return "unavailable: " + object.path("error").asText();
        }
        StringBuilder text = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            text.append(text.length() == 0 ? "" : "  ").append(e.getKey()).append(' ').append(e.getValue().asText());
        }
        return text.toString();
    }

    private static String join(JsonNode array) {
        StringBuilder text = new StringBuilder();
        array.forEach(n -> text.append(text.length() == 0 ? "" : "; ").append(n.asText()));
        return text.toString();
    }
}
