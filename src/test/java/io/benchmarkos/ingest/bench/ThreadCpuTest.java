package io.benchmarkos.ingest.bench;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ThreadCpuTest {

    @Test
    void threadNamesAsLinuxKeepsThemFallIntoTheGroupsTheReportNames() {
        assertEquals("Camel threads", ThreadCpu.group("Camel (camel-1)"));
        assertEquals("H2 background", ThreadCpu.group("H2-serializatio"));
        assertEquals("JIT compiler", ThreadCpu.group("C2 CompilerThre"));
        assertEquals("GC", ThreadCpu.group("GC Thread#1"));
        assertEquals("GC", ThreadCpu.group("G1 Conc#0"));
        assertEquals("other", ThreadCpu.group("main"));
    }

    @Test
    void aGroupsShareIsOfTheGroupedTimeAndNoneWhenNothingWasGrouped() {
        ThreadCpu.Usage usage = new ThreadCpu.Usage(100, 50, Map.of(ThreadCpu.JIT_COMPILER, 30L, "Camel threads", 90L));
        assertEquals(0.25, usage.share(ThreadCpu.JIT_COMPILER), 1e-9);
        assertEquals(0, usage.share("GC"));
        assertEquals(0, new ThreadCpu.Usage(100, 50, Map.of()).share(ThreadCpu.JIT_COMPILER));
    }

    @Test
    void aBusyThreadShowsUpInTheTotalAndInItsGroup() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "per-thread counters exist on Linux only");
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        ThreadCpu before = ThreadCpu.snapshot();
        Thread busy = new Thread(() -> {
            // Spin until this thread has had 300 ms of CPU, however busy the machine is.
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            while (threads.getCurrentThreadCpuTime() < 300_000_000L) {
                Thread.onSpinWait();
            }
            spun.countDown();
            awaitQuietly(measured);
        }, "Camel (test) busy");
        busy.start();
        spun.await();
        ThreadCpu.Usage usage = before.since();
        measured.countDown();
        busy.join();
        assertTrue(usage.cpuNanos() >= 250_000_000L, "process CPU " + usage.cpuNanos());
        assertTrue(usage.groupNanos().getOrDefault("Camel threads", 0L) >= 250_000_000L, usage.describe());
        assertTrue(usage.describe().contains("Camel threads"), usage.describe());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
