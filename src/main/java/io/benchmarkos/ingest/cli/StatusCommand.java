package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.net.ConnectException;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a job: status, timestamps, counts, reason.")
final class StatusCommand implements Callable<Integer> {

    @Parameters(paramLabel = "JOB_ID")
    String jobId;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
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
            Object body = JSON.readTree(response.body());
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
            return response.status() == 200 ? 0 : 1;
        } catch (ConnectException e) {
            System.err.println("cannot reach the application at " + client.apiUrl()
                    + "; start it with: java -jar target/benchmarkos-ingest.jar serve");
            return 3;
        }
    }
}
