package io.benchmarkos.ingest.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Measurements that need a new JVM: cold start, and the end-to-end run under a smaller heap. */
final class ChildJvm {

    /** Wall time from launching {@code java} to the start-up log line, and the time the line itself reports. */
    record ColdStart(long wallMillis, long reportedMillis) {
    }

    private static final Pattern STARTED = Pattern.compile("benchmarkos-ingest started in (\\d+) ms");
    static final String RESULT_PREFIX = "BENCH-CHILD ";

    private ChildJvm() {
    }

    /** {@code java -Xmx<heap> -cp <this classpath> io.benchmarkos.ingest.cli.Cli <args>}. */
    static List<String> command(String heap, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.benchmarkos.ingest.cli.Cli");
        command.addAll(args);
        return command;
    }

    /** Starts {@code serve} on free ports with an empty data folder and waits for its "started in N ms" line. */
    static ColdStart coldStart(Path dataDir, Path log) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        int brokerPort = EndToEndBench.freePort();
        List<String> command = command("1g", List.of("serve", "--profile", "embedded",
                "-P", "benchmarkos.data-dir=" + dataDir,
                "-P", "camel.server.port=" + EndToEndBench.freePort(),
                "-P", "camel.management.port=" + EndToEndBench.freePort(),
                "-P", "broker.port=" + brokerPort,
                "-P", "broker.stomp-port=" + EndToEndBench.freePort(),
                "-P", "broker.url=tcp://127.0.0.1:" + brokerPort));
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log))) {
            String line;
            while ((line = out.readLine()) != null) {
                copy.println(line);
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    long wall = (System.nanoTime() - launched) / 1_000_000;
                    return new ColdStart(wall, Long.parseLong(m.group(1)));
                }
            }
            throw new IllegalStateException("serve exited without its start-up line; see " + log);
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Runs {@code args} in a child JVM with {@code heap}; returns the child's result line (null if none). */
    static String run(String heap, List<String> args, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(heap, args)).redirectError(log.toFile()).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(RESULT_PREFIX)) {
                    result = line.substring(RESULT_PREFIX.length());
                }
            }
        }
        process.waitFor();
        return result;
    }
}
