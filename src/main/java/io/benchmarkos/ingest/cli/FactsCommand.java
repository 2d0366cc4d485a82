package io.benchmarkos.ingest.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "facts", mixinStandardHelpOptions = true,
        description = "List stored facts of a company, newest period first: each value with the filing that reported"
                + " it first and every later filing that repeated it.")
final class FactsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TICKER_OR_CIK")
    String company;

    @Option(names = "--concept", description = "Concept name, optionally with taxonomy (us-gaap:Revenues)")
    String concept;

    @Option(names = "--unit", description = "Unit, e.g. USD, USD/shares, shares")
    String unit;

    @Option(names = "--limit", description = "Rows at most (default ${DEFAULT-VALUE})")
    int limit = 50;

    @Option(names = "--offset", description = "Rows to skip: the next page starts at the previous offset + limit")
    long offset;

    @Option(names = "--json", description = "Print the API's JSON instead of a table.")
    boolean json;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        StringBuilder path = new StringBuilder("/companies/" + ApiClient.encode(company) + "/facts?limit=" + limit
                + "&offset=" + offset);
        if (concept != null) {
            path.append("&concept=").append(ApiClient.encode(concept));
        }
        if (unit != null) {
            path.append("&unit=").append(ApiClient.encode(unit));
        }
        if (json) {
            return ReadCommands.printJson(new ApiClient(client), path.toString());
        }
        return ReadCommands.print(new ApiClient(client), path.toString(), rows -> {
            System.out.print(FactsTable.render(rows, limit, offset));
            return 0;
        });
    }
}
