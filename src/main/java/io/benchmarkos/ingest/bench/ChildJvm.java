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
        return command(heap, List.of(), args);
    }

    private static List<String> command(String heap, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add("io.benchmarkos.ingest.cli.Cli");
        command.addAll(args);
        return command;
    }

    /**
     * This JVM's class path with absolute entries: a class-data archive is only used by a JVM whose class path names
     * the jar as the archiving JVM did, and bin/benchmarkos names it by its absolute path.
     */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /**
     * The JVM's class-data sharing archive of the application's classes: {@code serve} started once with
     * {@code -XX:ArchiveClassesAtExit} and stopped, as a deployment would do once per build of the jar.
     */
    static Path createClassArchive(Path dataDir, Path archive, Path log) throws IOException, InterruptedException {
        Files.deleteIfExists(archive);
        coldStart(dataDir, List.of("-XX:ArchiveClassesAtExit=" + archive), log);
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("no class-data archive written; see " + log);
        }
        return archive;
    }

    /**
     * Starts {@code serve} on free ports with an empty data folder and extra JVM options (e.g. a class-data archive),
     * waits for its "started in N ms" line, then stops it.
     */
    static ColdStart coldStart(Path dataDir, List<String> jvmOptions, Path log) throws IOException,
            InterruptedException {
        Files.createDirectories(dataDir);
        int brokerPort = EndToEndBench.freePort();
        List<String> command = command("1g", jvmOptions, List.of("serve", "--profile", "embedded",
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
            ColdStart start = null;
            String line;
            while (start == null && (line = out.readLine()) != null) {
                copy.println(line);
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    start = new ColdStart((System.nanoTime() - launched) / 1_000_000, Long.parseLong(m.group(1)));
                }
            }
            // Stop it as an operator would (SIGTERM) and read on until it exits: a JVM writing a class-data archive
            // at exit must not find its output closed, and Process.destroy() would close it.
            process.toHandle().destroy();
            while ((line = out.readLine()) != null) {
                copy.println(line);
            }
            if (start == null) {
                throw new IllegalStateException("serve exited without its start-up line; see " + log);
            }
            return start;
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
