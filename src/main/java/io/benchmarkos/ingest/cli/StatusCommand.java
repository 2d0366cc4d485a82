package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Without JOB_ID: the system at a glance (routes, queues, SEC budget, jobs, last batch run).",
            "With JOB_ID: one job's status, timestamps, counts and reason."})
final class StatusCommand implements Callable<Integer> {

    @Parameters(paramLabel = "JOB_ID", arity = "0..1")
    String jobId;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        if (jobId == null) {
            return SystemStatusView.print(new ApiClient(client));
        }
        return ReadCommands.printJson(new ApiClient(client), "/jobs/" + ApiClient.encode(jobId));
    }
}

final class ReadCommands {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadCommands() {
    }

    /** What a read command does with a 200 answer's JSON; returns the command's exit code. */
    @FunctionalInterface
    interface Rendering {
        int print(JsonNode answer) throws Exception;
    }

    static int printJson(ApiClient api, String path) throws Exception {
        return print(api, path, answer -> {
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            return 0;
        });
    }

    /**
     * GET a paged list ({@code limit}, {@code offset}) page after page until a page is short, and render all its
     * rows as one array. A refusal is one line and an exit code, as in {@link #print}.
     */
    static int printAllPages(ApiClient api, String path, int pageSize, Rendering rendering) throws Exception {
        ArrayNode rows = JSON.createArrayNode();
        for (long offset = 0; ; offset += pageSize) {
            String page = path + "?limit=" + pageSize + "&offset=" + offset;
            int before = rows.size();
            int code = print(api, page, answer -> {
                answer.forEach(rows::add);
                return 0;
            });
            if (code != 0) {
                return code;
            }
            if (rows.size() - before < pageSize) {
                return rendering.print(rows);
            }
        }
    }

    /**
     * GET the path and render its answer; a refusal is one line and exit code 1. No answer at all is left to
     * {@link Cli#unanswered}, as for every client command.
     */
    static int print(ApiClient api, String path, Rendering rendering) throws Exception {
        ApiClient.Response response = api.get(path);
        if (response.status() != 200) {
            System.err.println(response.problem());
            return 1;
        }
        return rendering.print(JSON.readTree(response.body()));
    }
}
