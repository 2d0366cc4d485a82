package io.benchmarkos.ingest.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar benchmarkos-ingest.jar <command>}: the application and its client commands in one jar. */
@Command(name = "benchmarkos-ingest", mixinStandardHelpOptions = true, version = "benchmarkos-ingest 0.1",
        description = "SEC EDGAR ingest back end for the BenchmarkOS chatbot.",
        subcommands = {ServeCommand.class, IngestCommand.class, SubmitCommand.class, AskCommand.class,
            StatusCommand.class,
            FactsCommand.class, CompaniesCommand.class, BatchCommand.class,
            SecMirrorCommand.class, ImportCommand.class, BenchImportCommand.class,
            io.benchmarkos.ingest.bench.BenchCommand.class, io.benchmarkos.ingest.bench.ClassArchiveCommand.class,
            CommandLine.HelpCommand.class})
public final class Cli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Cli()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
