package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.net.ConnectException;
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
            return SystemStatusView.print(new ApiClient(client), client);
        }
        return ReadCommands.printJson(new ApiClient(client), "/jobs/" + ApiClient.encode(jobId), client);
    }
}

final class ReadCommands {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadCommands() {
    }

    static int printJson(ApiClient api, String path, ClientOptions client) throws Exception {
        try {
            ApiClient.Response response = api.get(path);
            if (response.status() != 200) {
                System.err.println(response.problem("GET /api" + path));
                return 1;
            }
            Object body = JSON.readTree(response.body());
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
            return 0;
        } catch (ConnectException e) {
            System.err.println("cannot reach the application at " + client.apiUrl() + ": " + client.startHint());
            return 3;
        }
    }
}
