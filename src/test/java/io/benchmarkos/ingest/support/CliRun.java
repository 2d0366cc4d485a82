package io.benchmarkos.ingest.support;

import io.benchmarkos.ingest.cli.Cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A CLI command run in this JVM, with what it printed on stdout. */
public record CliRun(int exitCode, String output) {

    public static CliRun of(String... args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exitCode;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exitCode = Cli.commandLine().execute(args);
        } finally {
            System.setOut(original);
        }
        return new CliRun(exitCode, captured.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command in this JVM, stdout discarded: "exit code, space, what it printed on stderr". */
    public static String errorLine(String... args) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            int code = Cli.commandLine().execute(args);
            return code + " " + stderr.toString(StandardCharsets.UTF_8).strip();
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
    }
}
