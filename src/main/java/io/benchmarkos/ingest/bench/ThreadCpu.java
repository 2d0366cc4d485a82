package io.benchmarkos.ingest.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time used by this JVM during a timed section, in total and by kind of thread, so that a figure can say
 * whether the machine's CPUs were the bound and what used them: the job workers, H2's background writer, the JIT
 * compiler or the garbage collector. Reads Linux's per-thread counters ({@code /proc/self/task}); elsewhere only the
 * process total is known.
 * <p>
 * Limitation: a thread that ends between two snapshots loses its time from the groups (the process total keeps it).
 */
final class ThreadCpu {

    static final String JIT_COMPILER = "JIT compiler";
    static final String CAMEL_THREADS = "Camel threads";

    /** CPU used between two snapshots: the process total and, where known, the share of each thread group. */
    record Usage(long cpuNanos, long wallNanos, Map<String, Long> groupNanos) {

        /** The share of the CPU time that threads of {@code group} used, 0 when not known. */
        double share(String group) {
            long grouped = groupNanos.values().stream().mapToLong(Long::longValue).sum();
            return grouped == 0 ? 0 : (double) groupNanos.getOrDefault(group, 0L) / grouped;
        }

        /** CPU time the threads of {@code group} used, 0 when not known. */
        long nanos(String group) {
            return groupNanos.getOrDefault(group, 0L);
        }

        double cpusUsed() {
            return wallNanos == 0 ? 0 : (double) cpuNanos / wallNanos;
        }

        /** "1.93 of 2 CPUs: Camel threads 53 %, H2 background 22 %, …", groups by share, largest first. */
        String describe() {
            String head = String.format("%.2f of %d CPUs", cpusUsed(), Runtime.getRuntime().availableProcessors());
            long grouped = groupNanos.values().stream().mapToLong(Long::longValue).sum();
            if (grouped == 0) {
                return head;
            }
            return head + ": " + groupNanos.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> String.format("%s %.0f %%", e.getKey(), 100.0 * e.getValue() / grouped))
                    .collect(Collectors.joining(", "));
        }
    }

    /** Linux's USER_HZ: /proc reports thread times in these ticks, 100 per second on every mainstream kernel. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path TASKS = Path.of("/proc/self/task");

    private final long processCpuNanos;
    private final long wallNanos;
    private final Map<String, Long> ticksByThread;

    private ThreadCpu(long processCpuNanos, long wallNanos, Map<String, Long> ticksByThread) {
        this.processCpuNanos = processCpuNanos;
        this.wallNanos = wallNanos;
        this.ticksByThread = ticksByThread;
    }

    static ThreadCpu snapshot() {
        return new ThreadCpu(processCpuNanos(), System.nanoTime(), threadTicks());
    }

    /** What was used from this snapshot to now. */
    Usage since() {
        ThreadCpu now = snapshot();
        Map<String, Long> groups = new LinkedHashMap<>();
        now.ticksByThread.forEach((thread, ticks) -> {
            long used = ticks - ticksByThread.getOrDefault(thread, 0L);
            if (used > 0) {
                groups.merge(group(thread.substring(thread.indexOf(' ') + 1)), used * NANOS_PER_TICK, Long::sum);
            }
        });
        return new Usage(now.processCpuNanos - processCpuNanos, now.wallNanos - wallNanos, groups);
    }

    /** Thread names as Linux keeps them (15 characters), sorted into the kinds a reader can act on. */
    static String group(String name) {
        if (name.startsWith("Camel (")) {
            return CAMEL_THREADS;
        }
        if (name.startsWith("H2-")) {
            return "H2 background";
        }
        if (name.contains("CompilerThre")) {
            return JIT_COMPILER;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "GC";
        }
        return "other";
    }

    /** CPU time of the whole process so far (0 where the JVM does not tell). */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** "tid name" -> user + system ticks of each live thread; empty where /proc is not there. */
    private static Map<String, Long> threadTicks() {
        Map<String, Long> ticks = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return ticks;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // The name is in parentheses and may hold spaces; the fields after it are space-separated.
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] fields = stat.substring(close + 2).split(" ");
                    // Fields 14 and 15 of proc(5) (utime, stime) are 11 and 12 after the name.
                    long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    ticks.put(task.getFileName() + " " + stat.substring(open + 1, close), used);
                } catch (IOException | RuntimeException gone) {
                    // The thread ended while we listed it.
                }
            }
        } catch (IOException e) {
            ticks.clear();
        }
        return ticks;
    }
}
