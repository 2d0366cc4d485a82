package io.benchmarkos.ingest.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The figures of one bench run and their printing as a Markdown table (pasteable into the docs). */
final class BenchReport {

    private final boolean postgres;
    StorageBench.Result parse;
    StorageBench.Result insertFactLoad;
    StorageBench.Result insertBatch;
    StorageBench.Result insertUnkeyed;
    StorageBench.Result insertCopy;
    /**
     * 2f: batch INSERT, and 2g: on PostgreSQL COPY, by writers side by side: writer count → result (two, and as many
     * as the app has job workers).
     */
    final Map<Integer, StorageBench.Result> insertBatchConcurrent = new TreeMap<>();
    final Map<Integer, StorageBench.Result> insertCopyConcurrent = new TreeMap<>();
    int jobWorkers;
    /** "number: reason" of each figure that failed; the others are printed all the same. */
    final List<String> failedFigures = new ArrayList<>();
    StorageBench.Result insertRowPerEntry;
    StorageBench.Result simpleScript;
    EndToEndBench.Result endToEnd;
    /** The untimed first pass through a throwaway app, while the JIT compiler is still at work. */
    BenchCommand.WarmUp warmUp;
    /** The same jobs again on the database the timed run loaded: every document unchanged, as on a quiet night. */
    EndToEndBench.Result refresh;
    List<EndToEndBench.Stage> refreshStages = List.of();
    long factsBeforeRefresh;
    long factsAfterRefresh;
    long endToEndHeap;
    ThreadCpu.Usage endToEndCpu;
    List<EndToEndBench.Stage> stages = List.of();
    EndToEndBench.Latency askJms;
    EndToEndBench.Latency askDirect;
    String smallHeapName;
    Path smallHeapLog;
    BenchCommand.ChildResult smallHeap;
    ChildJvm.ColdStart coldStart;
    ChildJvm.ColdStart coldStartArchived;
    /** Who made the archive of figure 7: "mvn package" (the one bin/benchmarkos uses) or "this run". */
    String coldStartArchiveSource;
    ThrottleBench.Result throttle;

    BenchReport(boolean postgres) {
        this.postgres = postgres;
    }

    static String header(BenchCorpus corpus, BenchDatabase.Target target, int documents, double seconds) {
        Runtime rt = Runtime.getRuntime();
        return String.format("bench %s: %d documents (%.0f MB, real companyfacts under new CIKs), database %s;"
                        + " java %s, %d CPUs, max heap %d MB, load average at end %.1f; whole run %.0f s",
                LocalDate.now(), documents, corpus.totalBytes() / 1e6, target.describe(),
                System.getProperty("java.version"), rt.availableProcessors(), rt.maxMemory() >> 20,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), seconds);
    }

    void print(PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"figure", "measured", "reference (same run)", "target", "met?"});
        rows.add(new String[] {"1. parse limit (CompanyFactsReader)", rate(parse) + ", " + mb(parse), ISSUE_PARSE,
            "-", "-"});
        StorageBench.Result insert = fastestCorrectInsert();
        rows.add(new String[] {"2. insert limit (fastest correct: " + insertName(insert) + ")", rate(insert),
            "unkeyed batch INSERT " + rate(insertUnkeyed) + "; " + (postgres ? "-" : ISSUE_INSERT), "-", "-"});
        rows.add(new String[] {"2a. insert: FactLoad (app's write path)", rate(insertFactLoad), "", "-", "-"});
        rows.add(new String[] {"2b. insert: rows per value, batch INSERT, key", rate(insertBatch), "", "-", "-"});
        rows.add(new String[] {"2c. insert: rows per value, batch INSERT, no key", rate(insertUnkeyed),
            "not idempotent: reference only", "-", "-"});
        if (insertCopy != null) {
            rows.add(new String[] {"2d. insert: rows per value, COPY, key", rate(insertCopy), "", "-", "-"});
        }
        insertBatchConcurrent.forEach((writers, result) -> rows.add(new String[] {
            "2f. insert: rows per value, batch INSERT, key, " + writers + " writers", rate(result),
            writersNote(writers), "-", "-"}));
        insertCopyConcurrent.forEach((writers, result) -> rows.add(new String[] {
            "2g. insert: rows per value, COPY, key, " + writers + " writers", rate(result), writersNote(writers),
            "-", "-"}));
        if (insertRowPerEntry != null) {
            rows.add(new String[] {"2e. insert: a row per entry, batch INSERT, key", rate(insertRowPerEntry),
                "the previous design: reference only", "-", "-"});
        }
        endToEndRows(rows, insert);
        smallHeapRows(rows);
        askRows(rows);
        if (coldStartArchived != null) {
            rows.add(new String[] {"7. cold start as bin/benchmarkos starts serve (to \"started\", median of 3)",
                coldStartArchived.wallMillis() + " ms", "app reports " + coldStartArchived.reportedMillis()
                    + " ms; class-data archive made by " + coldStartArchiveSource, "< 3000 ms",
                met(coldStartArchived.wallMillis() < 3000)});
        }
        if (coldStart != null) {
            rows.add(new String[] {"7b. cold start of plain java -cp jar, no archive (median of 3)",
                coldStart.wallMillis() + " ms", "app reports " + coldStart.reportedMillis() + " ms; JVM + config "
                    + (coldStart.wallMillis() - coldStart.reportedMillis()) + " ms", "reference only", "-"});
        }
        throttleRows(rows);
        printTable(out, rows);
        printStages(out);
    }

    private void endToEndRows(List<String[]> rows, StorageBench.Result insert) {
        if (endToEnd == null) {
            return;
        }
        double e2e = endToEnd.factsPerSecond();
        double script = simpleScript.perSecond();
        double factor = postgres ? 1.5 : 1.0;
        rows.add(new String[] {"3. end-to-end (JMS, HTTP, raw, facts, KPIs, events)",
            k(e2e) + ", " + String.format("%.2f jobs/s (%d/%d ok)", endToEnd.jobsPerSecond(), endToEnd.succeeded(),
                endToEnd.jobs()),
            "simple script " + rate(simpleScript) + " (x" + String.format("%.2f", e2e / script) + ")",
            ">= " + factor + " x simple script", met(e2e >= factor * script)});
        if (warmUp != null) {
            rows.add(new String[] {"3b. end-to-end, first pass of a new JVM (warm-up, not timed for 3)",
                k(warmUp.firstPass().factsPerSecond()) + String.format(", %.2f jobs/s", warmUp.firstPass()
                    .jobsPerSecond()), String.format("JIT compiling: reference only; %d warm-up pass%s, JIT compiler"
                    + " %.0f %% of the last one's CPU", warmUp.passes(), warmUp.passes() == 1 ? "" : "es",
                    100 * warmUp.lastJitShare()), "-", "-"});
        }
        if (endToEndCpu != null) {
            rows.add(new String[] {"3c. CPU used by the end-to-end run (this JVM, by thread)", endToEndCpu.describe(),
                String.format("while timed, 1 used %.2f CPUs, 2 (%s) %.2f, the simple script %.2f", parse.cpusUsed(),
                    insertName(insert), insert.cpusUsed(), simpleScript.cpusUsed()), "-", "-"});
        }
        if (refresh != null) {
            rows.add(new String[] {"3d. refresh: 3's jobs again, same app and database (after 6)",
                String.format("%.2f jobs/s (%d/%d ok; %d documents unchanged, not read again)",
                    refresh.jobsPerSecond(), refresh.succeeded(), refresh.jobs(), refresh.notReadAgain()),
                String.format("3: %.2f jobs/s (x%.1f); facts stored before %d, after %d", endToEnd.jobsPerSecond(),
                    refresh.jobsPerSecond() / endToEnd.jobsPerSecond(), factsBeforeRefresh, factsAfterRefresh),
                "same facts", met(factsBeforeRefresh == factsAfterRefresh && refresh.succeeded() == refresh.jobs())});
        }
        double slower = Math.min(parse.perSecond(), insert.perSecond());
        double serial = 1 / (1 / parse.perSecond() + 1 / insert.perSecond());
        rows.add(new String[] {"4. end-to-end / slower of 1 and 2", String.format("%.2f", e2e / slower),
            "slower = " + k(slower) + "; vs FactLoad " + String.format("%.2f", e2e / insertFactLoad.perSecond())
                + "; vs serial parse+insert " + String.format("%.2f", e2e / serial), ">= 0.7",
            met(e2e / slower >= 0.7)});
        rows.add(new String[] {"4b. peak heap, end-to-end (pool peaks / live after GC)",
            mbytes(endToEnd.peakHeapBytes()) + " / " + mbytes(endToEnd.maxLiveBytes()),
            "max heap " + mbytes(endToEndHeap) + "; parse alone " + mbytes(parse.peakHeapBytes()), "-", "-"});
    }

    private void smallHeapRows(List<String[]> rows) {
        if (smallHeapName == null) {
            return;
        }
        if (smallHeap == null) {
            rows.add(new String[] {"5. end-to-end with -Xmx" + smallHeapName, "no result (see " + smallHeapLog + ")",
                "", "runs", "no"});
            return;
        }
        EndToEndBench.Result corpusRun = smallHeap.corpus();
        rows.add(new String[] {"5. largest document ingested, -Xmx" + smallHeapName,
            mbytes(smallHeap.largestOkBytes()) + (smallHeap.firstFailedBytes() > 0 ? "; " + mbytes(
                smallHeap.firstFailedBytes()) + " failed" : "; every large document ok"),
            String.format("corpus %d/%d jobs ok; peak heap %s, max live after GC %s%s", corpusRun.succeeded(),
                corpusRun.jobs(), mbytes(corpusRun.peakHeapBytes()), mbytes(corpusRun.maxLiveBytes()),
                smallHeap.firstFailedBytes() > 0 ? "; see " + smallHeapLog + " for the failure" : ""),
            "reported", "-"});
        rows.add(new String[] {"5b. end-to-end at -Xmx" + smallHeapName + " / at " + mbytes(endToEndHeap) + " heap",
            k(corpusRun.factsPerSecond()) + " / " + (endToEnd == null ? "-" : k(endToEnd.factsPerSecond())), "",
            "reported", "-"});
    }

    private void askRows(List<String[]> rows) {
        if (askJms == null) {
            return;
        }
        rows.add(new String[] {"6. ask, fresh company, JMS request/reply on ingest.ask",
            String.format("p50 %.1f ms, p99 %.1f ms (%d req, %d not ready)", askJms.p50Micros() / 1e3,
                askJms.p99Micros() / 1e3, askJms.requests(), askJms.notReady()),
            String.format("direct:ask p50 %.1f ms, p99 %.1f ms", askDirect.p50Micros() / 1e3,
                askDirect.p99Micros() / 1e3), "p99 < 50 ms",
            met(askJms.p99Micros() < 50_000 && askJms.notReady() == 0)});
    }

    private void throttleRows(List<String[]> rows) {
        if (throttle == null) {
            return;
        }
        rows.add(new String[] {"8. throttle: max SEC requests in any 1 s window", Integer.toString(
            throttle.maxInAnySecond()), throttle.requests() + " requests queued, limit " + throttle.limit() + "/s",
            "<= " + throttle.limit(), met(throttle.maxInAnySecond() <= throttle.limit())});
        double share = throttle.averagePerSecond() / throttle.limit();
        rows.add(new String[] {"8b. throttle: average rate", String.format("%.2f/s (%.1f %%)",
            throttle.averagePerSecond(), share * 100), String.format("backlog drained in %.1f s",
                throttle.nanos() / 1e9), ">= 95 %", met(share >= 0.95)});
    }

    /** Where the worker's time goes, from Camel's processor statistics of the end-to-end and refresh runs. */
    private void printStages(PrintStream out) {
        printStages(out, stages, endToEnd, "");
        printStages(out, refreshStages, refresh, ", refresh run 3d");
    }

    private static void printStages(PrintStream out, List<EndToEndBench.Stage> stages, EndToEndBench.Result run,
                                    String which) {
        if (stages.isEmpty() || run == null) {
            return;
        }
        long worker = stages.stream().filter(s -> s.route().equals("job-worker") && s.step().equals("(whole route)"))
                .mapToLong(EndToEndBench.Stage::totalMillis).findFirst().orElse(1);
        out.println();
        out.printf("Where the worker's time goes (%d jobs%s, Camel processor totals summed over worker threads):%n",
                run.jobs(), which);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"route", "top-level step", "total ms", "ms/job", "% of job-worker"});
        for (EndToEndBench.Stage s : stages) {
            if (s.totalMillis() == 0) {
                continue;
            }
            rows.add(new String[] {s.route(), truncate(s.step(), 70), Long.toString(s.totalMillis()),
                String.format("%.1f", (double) s.totalMillis() / run.jobs()),
                String.format("%.1f", 100.0 * s.totalMillis() / worker)});
        }
        printTable(out, rows);
    }

    StorageBench.Result fastestCorrectInsert() {
        List<StorageBench.Result> correct = new ArrayList<>();
        correct.add(insertFactLoad);
        correct.add(insertBatch);
        correct.add(insertCopy);
        correct.addAll(insertBatchConcurrent.values());
        correct.addAll(insertCopyConcurrent.values());
        return correct.stream().filter(Objects::nonNull)
                .max(Comparator.comparingDouble(StorageBench.Result::perSecond)).orElseThrow();
    }

    private String writersNote(int writers) {
        return writers == jobWorkers ? "as many writers as job workers" : "one writer per CPU of this machine";
    }

    String insertName(StorageBench.Result r) {
        return writersOf(insertCopyConcurrent, r).map(n -> "COPY, " + n + " writers")
                .or(() -> writersOf(insertBatchConcurrent, r).map(n -> "batch INSERT, " + n + " writers"))
                .orElse(r == insertCopy ? "COPY" : r == insertBatch ? "batch INSERT" : "FactLoad");
    }

    /** The writer count under which {@code byWriters} holds this very result. */
    private static Optional<Integer> writersOf(Map<Integer, StorageBench.Result> byWriters, StorageBench.Result r) {
        return byWriters.entrySet().stream().filter(e -> e.getValue() == r).map(Map.Entry::getKey).findFirst();
    }

    private static final String ISSUE_PARSE = "issue 7 (other run): ~3.9 M/s";
    private static final String ISSUE_INSERT = "issue 7 (other run): 150-170 k/s keyed, ~420 k/s unkeyed";

    private static void printTable(PrintStream out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < width.length; i++) {
                line.append(' ').append(String.format("%-" + width[i] + "s", rows.get(r)[i])).append(" |");
            }
            out.println(line);
            if (r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int w : width) {
                    rule.append('-').append("-".repeat(w)).append("-|");
                }
                out.println(rule);
            }
        }
    }

    private static String rate(StorageBench.Result r) {
        return r == null ? "-" : k(r.perSecond());
    }

    private static String k(double perSecond) {
        return perSecond >= 1e6 ? String.format("%.2f M facts/s", perSecond / 1e6)
                : String.format("%.0f k facts/s", perSecond / 1e3);
    }

    private static String mb(StorageBench.Result r) {
        return String.format("%.0f MB/s", r.megabytesPerSecond());
    }

    private static String mbytes(long bytes) {
        return String.format("%.0f MB", bytes / 1e6);
    }

    private static String met(boolean met) {
        return met ? "yes" : "NO";
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
