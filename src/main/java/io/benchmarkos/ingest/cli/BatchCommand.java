package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.batch.CoverageList;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Batch refresh runs over a coverage list (the nightly schedule, or one started now).",
        subcommands = {BatchCommand.Run.class, BatchCommand.Status.class})
final class BatchCommand implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Start a batch run now in the running application; with --wait, show progress until it ends.")
    static final class Run implements Callable<Integer> {

        @Option(names = "--list", paramLabel = "FILE",
                description = "Tickers or CIKs, one a line (# comments); default: the application's"
                        + " batch.coverage-list")
        Path list;

        @Option(names = "--wait", description = "Show progress until the run ends, then its summary and failures")
        boolean await;

        @Option(names = "--timeout", description = "Seconds to wait with --wait (default ${DEFAULT-VALUE})")
        long timeoutSeconds = 86_400;

        @Option(names = "--poll-seconds",
                description = "How often to check progress with --wait (default ${DEFAULT-VALUE})")
        long pollSeconds = 2;

        @Mixin
        ClientOptions client;

        @Override
        public Integer call() throws Exception {
            String body = "";
            if (list != null) {
                if (!Files.isRegularFile(list)) {
                    String what = Files.isDirectory(list) ? "a folder, not a file"
                            : Files.exists(list) ? "not a regular file" : "no such file";
                    System.err.println(list + ": " + what + " (--list names a file of one ticker or CIK a line)");
                    return 2;
                }
                body = Files.readString(list, StandardCharsets.UTF_8);
                if (CoverageList.parse(list.toString(), body).companies().isEmpty()) {
                    System.err.println(list + " names no company (one ticker or CIK a line)");
                    return 2;
                }
            }
            ApiClient api = new ApiClient(client);
            ApiClient.Response response = api.post(list == null ? "/batches"
                    : "/batches?listName=" + ApiClient.encode(list.getFileName().toString()), "text/plain", body);
            if (response.status() != 202) {
                System.err.println(response.problem());
                return 2;
            }
            JsonNode answer = JSON.readTree(response.body());
            String id = answer.get("batchId").asText();
            System.out.println("batch run " + id + " started: " + answer.path("total").asInt() + " companies from "
                    + answer.path("coverageList").asText());
            if (!await) {
                System.out.println("follow it with: batch status " + id);
                return 0;
            }
            return follow(api, id);
        }

        /**
         * Prints a progress line whenever the counts move, until the run is no longer running. Only a 200 answer is
         * the run: a stopping application answers 503, then nothing (an older build: 503, its own 404 once its routes
         * are gone, then nothing), and none of those has ended it.
         */
        private int follow(ApiClient api, String id) throws Exception {
            long deadline = System.currentTimeMillis() + timeoutSeconds * 1000;
            String last = "";
            while (System.currentTimeMillis() < deadline) {
                ApiClient.Response response;
                try {
                    response = api.get("/batches/" + ApiClient.encode(id));
                } catch (ApiClient.NoAnswerException e) {
                    if (e.stopping()) {
                        System.err.println(api.stoppingAt() + " while run " + id + " was running; retry once it is"
                                + " back up with: batch status " + id);
                        return 3;
                    }
                    return stoppedAnswering(id, e.reason());
                }
                if (response.status() != 200) {
                    return stoppedAnswering(id, response.answer());
                }
                JsonNode run = JSON.readTree(response.body());
                String line = progress(run);
                if (!line.equals(last)) {
                    System.out.println(LocalTime.now().format(CLOCK) + " " + line);
                    last = line;
                }
                if (!"running".equals(run.path("status").asText())) {
                    printDetail(run);
                    return "completed".equals(run.path("status").asText()) && run.path("failed").asInt() == 0 ? 0 : 1;
                }
                Thread.sleep(pollSeconds * 1000);
            }
            System.err.println("batch run " + id + " still running after " + timeoutSeconds + " s; check later with:"
                    + " batch status " + id);
            return 4;
        }

        private static int stoppedAnswering(String id, String why) {
            System.err.println("the application stopped answering while run " + id + " was running (" + why
                    + "); check later with: batch status " + id);
            return 3;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the latest batch runs, or one run with its failures and reasons.")
    static final class Status implements Callable<Integer> {

        @Parameters(paramLabel = "BATCH_ID", arity = "0..1", description = "A run's id (default: list the latest runs)")
        String batchId;

        @Option(names = "--limit", description = "How many runs to list (default ${DEFAULT-VALUE})")
        int limit = 10;

        @Mixin
        ClientOptions client;

        @Override
        public Integer call() throws Exception {
            ApiClient api = new ApiClient(client);
            ApiClient.Response response = batchId == null ? api.get("/batches?limit=" + limit)
                    : api.get("/batches/" + ApiClient.encode(batchId));
            if (response.status() != 200) {
                System.err.println(response.problem());
                return 1;
            }
            JsonNode body = JSON.readTree(response.body());
            if (batchId == null) {
                printTable(body);
            } else {
                printDetail(body);
            }
            return 0;
        }
    }

    static String progress(JsonNode run) {
        int done = run.path("succeeded").asInt() + run.path("failed").asInt() + run.path("skipped").asInt();
        return String.format("%s %d/%d done (%d succeeded, %d failed, %d skipped, %d unfinished)",
                run.path("status").asText(), done, run.path("total").asInt(), run.path("succeeded").asInt(),
                run.path("failed").asInt(), run.path("skipped").asInt(), run.path("unfinished").asInt());
    }

    static void printTable(JsonNode runs) {
        if (runs.isEmpty()) {
            System.out.println("no batch runs yet");
            return;
        }
        String format = "%-36s  %-11s  %-20s  %-20s  %6s %6s %7s %7s %9s %6s %10s%n";
        System.out.printf(format, "BATCH ID", "STATUS", "STARTED", "FINISHED", "TOTAL", "QUEUED", "ALREADY",
                "SKIPPED", "SUCCEEDED", "FAILED", "UNFINISHED");
        for (JsonNode run : runs) {
            System.out.printf(format, run.path("id").asText(), run.path("status").asText(),
                    shortTime(run.path("started_at")), shortTime(run.path("finished_at")), run.path("total").asInt(),
                    run.path("queued").asInt(), run.path("already_queued").asInt(), run.path("skipped").asInt(),
                    run.path("succeeded").asInt(), run.path("failed").asInt(), run.path("unfinished").asInt());
        }
    }

    static void printDetail(JsonNode run) {
        System.out.println("batch run " + run.path("id").asText() + " (" + run.path("triggered_by").asText()
                + ", list " + run.path("coverage_list").asText() + ")");
        System.out.println(progress(run) + "; " + run.path("queued").asInt() + " queued, "
                + run.path("already_queued").asInt() + " already queued");
        System.out.println("started " + shortTime(run.path("started_at")) + ", finished "
                + shortTime(run.path("finished_at")));
        if (run.hasNonNull("reason")) {
            System.out.println("reason: " + run.path("reason").asText());
        }
        JsonNode then = run.path("atInterruption");
        if (!then.isMissingNode()) {
            // The counts above are its jobs' now; they ran on after the interruption.
            System.out.println("when it was interrupted: " + then.path("succeeded").asInt() + " succeeded, "
                    + then.path("failed").asInt() + " failed, " + then.path("unfinished").asInt()
                    + " unfinished (its queued jobs ran on)");
        }
        JsonNode resumed = run.path("resumed");
        if (!resumed.isMissingNode()) {
            System.out.println(resumed.path("companies").asInt() + " companies it never queued were "
                    + resumed.path("by").asText());
        }
        run.path("failures").forEach(f -> System.out.println("  FAILED " + f.path("company").asText()
                + (f.path("jobId").isNull() ? "" : " (job " + f.path("jobId").asText() + ")") + ": "
                + f.path("reason").asText()));
        run.path("unfinishedJobs").forEach(f -> System.out.println("  UNFINISHED " + f.path("company").asText()
                + (f.path("jobId").isNull() ? "" : " (job " + f.path("jobId").asText() + ")") + ": "
                + f.path("reason").asText()));
        if (!run.path("report_path").isNull() && !run.path("report_path").asText().isEmpty()) {
            System.out.println("report: " + run.path("report_path").asText());
        }
    }

    private static String shortTime(JsonNode value) {
        String text = value.isNull() || value.isMissingNode() ? "-" : value.asText();
        return text.length() > 19 ? text.substring(0, 19).replace('T', ' ') : text;
    }

}
