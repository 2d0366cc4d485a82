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
        System.exit(commandLine().execute(args));
    }

    /** The command line with this jar's handling of a client command's failures. */
    public static CommandLine commandLine() {
        return new CommandLine(new Cli()).setExecutionExceptionHandler(Cli::unanswered);
    }

    /**
     * A client command whose request got no answer it can use prints one line that says why and where to look, not a
     * stack trace: nothing listens at the API's address, the application is stopping, it dropped the connection, or it
     * timed out (with its database or broker down, it holds a request until its own waits run out).
     */
    static int unanswered(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof ApiClient.NoAnswerException) {
            command.getErr().println(typed(command) + ": " + e.getMessage());
            return 3;
        }
        throw e;
    }

    /** The command as the user typed it ("batch status"), without the jar's own name. */
    private static String typed(CommandLine command) {
        String name = command.getCommandSpec().qualifiedName(" ");
        return name.substring(name.indexOf(' ') + 1);
    }

    @Override
    public void run() {
        // No command is a usage error (exit 2), not a success.
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of those below");
    }
}
