package io.benchmarkos.ingest.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "companies", mixinStandardHelpOptions = true,
        description = "List loaded companies with their latest fiscal year and when their facts were loaded.")
final class CompaniesCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        return ReadCommands.printJson(new ApiClient(client), "/companies", client);
    }
}
