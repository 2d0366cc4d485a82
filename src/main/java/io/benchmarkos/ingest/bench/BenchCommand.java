package io.benchmarkos.ingest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.app.ConfigLoader;
import io.benchmarkos.ingest.tools.SecMirror;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code bench}: every figure of issue 7 in one run, each beside a reference measured in the same run on the same
 * corpus and database kind (figures move ±25 % between runs, so only same-run comparisons mean anything).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure ingest against the parse and insert limits of this machine, in one run.")
public final class BenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--documents", description = "Corpus size in documents (default ${DEFAULT-VALUE})")
    int documents = 200;

    @Option(names = "--source", required = true,
            description = "Folder of real companyfacts CIK*.json files (SEC downloads, or the shared sample data)")
    Path source;

    @Option(names = "--work-dir",
            description = "Where the corpus and databases are generated (default ${DEFAULT-VALUE})")
    Path workDir = Path.of("target/bench");

    @Option(names = "--postgres", paramLabel = "JDBC_URL",
            description = "Use PostgreSQL: fresh databases are created on this server and dropped afterwards")
    String postgres;

    @Option(names = "--pg-user", description = "PostgreSQL user allowed to create databases (default ${DEFAULT-VALUE})")
    String pgUser = "postgres";

    @Option(names = "--pg-password", description = "Its password (default empty)")
    String pgPassword = "";

    @Option(names = "--warm-up-passes", description = "End-to-end warm-up passes at most, before the timed run;"
            + " they stop early once the JIT compiler takes under 5 %% of a pass's CPU (default ${DEFAULT-VALUE})")
    int warmUpPasses = 4;

    /** A warm-up pass in which the JIT compiler took less than this share of the CPU is the last one. */
    private static final double SETTLED_JIT_SHARE = 0.05;

    @Option(names = "--ask-requests", description = "ask requests timed (default ${DEFAULT-VALUE})")
    int askRequests = 1000;

    @Option(names = "--throttle-requests", description = "SEC requests in the throttle backlog, 0 to skip"
            + " (default ${DEFAULT-VALUE}: about 50 s at 20/s)")
    int throttleRequests = 1000;

    @Option(names = "--throttle-limit", description = "SEC requests per second for the throttle figure"
            + " (default ${DEFAULT-VALUE})")
    int throttleLimit = 20;

    @Option(names = "--cold-starts", description = "Starts timed for each cold-start figure (7, 7b), their median"
            + " reported; 0 to skip them (default ${DEFAULT-VALUE}: about 2.5 min)")
    int coldStarts = 3;

    @Option(names = "--small-heap", description = "Heap of the child JVM's end-to-end run (default ${DEFAULT-VALUE})")
    String smallHeap = "256m";

    @Option(names = "--small-heap-documents", description = "Documents for the small-heap run, 0 to skip"
            + " (default: same as --documents)")
    Integer smallHeapDocuments;

    @Option(names = "--large-mb", split = ",", description = "Large merged documents (MB) the small-heap run"
            + " ingests one by one after the corpus, smallest first (default ${DEFAULT-VALUE}; 0 for none)")
    List<Integer> largeMegabytes = List.of(16, 32, 64);

    @Option(names = "--child-e2e", hidden = true, description = "Internal: end-to-end only on an existing corpus")
    boolean childEndToEnd;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        Locale.setDefault(Locale.ROOT);
        String problem = optionProblem();
        if (problem != null) {
            System.err.println("bench: " + problem);
            return 2;
        }
        BenchDatabase.Target target = new BenchDatabase.Target(workDir.resolve("db"), postgres, pgUser, pgPassword);
        if (childEndToEnd) {
            return childEndToEnd(target);
        }
        if (target.postgres()) {
            // Before the corpus and the first figures: a wrong URL or password should not cost minutes.
            try (Connection admin = DriverManager.getConnection(postgres, pgUser, pgPassword)) {
                progress("PostgreSQL at %s answers (%s)", postgres, admin.getMetaData().getDatabaseProductVersion());
            } catch (SQLException e) {
                System.err.println("bench: cannot connect to PostgreSQL at " + postgres + " as " + pgUser + ": "
                        + e.getMessage() + " (is the server running? see --pg-user and --pg-password)");
                return 1;
            }
        }
        BenchReport report = new BenchReport(target.postgres());
        // Databases and data folders of earlier runs are gigabytes: start clean.
        BenchCorpus.deleteRecursively(workDir.resolve("run"));
        BenchCorpus.deleteRecursively(workDir.resolve("db"));
        long t0 = System.nanoTime();
        progress("generating corpus of %d documents from %s", documents, source);
        BenchCorpus corpus = BenchCorpus.generate(source, workDir.resolve("corpus"), documents, largeSizes());
        progress("corpus: %d documents, %.0f MB in %.1f s", corpus.documents().size(), corpus.totalBytes() / 1e6,
                seconds(System.nanoTime() - t0));

        storage(corpus, target, report);
        endToEnd(corpus, target, report);
        // A figure that fails after these costs its own row, not the quarter of an hour of figures before it.
        figure("5", report, () -> smallHeap(report));
        figure("7", report, () -> coldStart(report));
        figure("8", report, () -> throttle(corpus, report));

        out.println();
        out.println(BenchReport.header(corpus, target, documents, seconds(System.nanoTime() - t0)));
        report.print(out);
        report.failedFigures.forEach(failure -> out.println("FAILED: figure " + failure));
        return report.failedFigures.isEmpty() ? 0 : 1;
    }

    private interface Figure {
        void measure() throws Exception;
    }

    private void figure(String number, BenchReport report, Figure figure) {
        try {
            figure.measure();
        } catch (Exception e) {
            progress("   -> figure %s failed: %s", number, e.getMessage());
            report.failedFigures.add(number + ": " + e.getMessage());
        }
    }

    private void storage(BenchCorpus corpus, BenchDatabase.Target target, BenchReport report) throws Exception {
        StorageBench storage = new StorageBench(corpus.documents(), target);
        progress("1. parse limit (CompanyFactsReader alone)");
        report.parse = done(storage.parse());
        progress("2. insert limit: FactLoad (the project's write path) into a fresh %s database", kind(target));
        report.insertFactLoad = done(storage.insert("factload", StorageBench.factLoad(), false));
        progress("2. insert limit: plain batch INSERT, natural key kept");
        report.insertBatch = done(storage.insert("batch", StorageBench.batchInsert(), false));
        progress("2. insert limit: plain batch INSERT, natural key dropped (reference only: not idempotent)");
        report.insertUnkeyed = done(storage.insert("unkeyed", StorageBench.batchInsert(), true));
        progress("2. reference: the previous design, a row per entry, plain batch INSERT, natural key kept");
        report.insertRowPerEntry = done(storage.insert("entries", StorageBench.rowPerEntry(), false));
        if (target.postgres()) {
            progress("2. insert limit: COPY, natural key kept");
            report.insertCopy = done(storage.insert("copy", StorageBench.postgresCopy(), false));
        }
        // As many writers as the end-to-end app has job workers, and two (one per CPU here) when that differs: the
        // limit is the fastest of them, so more job workers than the database gains from cannot lower it.
        int workers = Integer.parseInt(ConfigLoader.load(ConfigLoader.DEFAULT_PROFILE).getProperty("jobs.concurrency"));
        report.jobWorkers = workers;
        for (int writers : new TreeSet<>(List.of(2, workers))) {
            progress("2. insert limit: plain batch INSERT, natural key kept, %d writers", writers);
            report.insertBatchConcurrent.put(writers, done(storage.insertConcurrently("batch_" + writers,
                    StorageBench.batchInsert(), writers)));
            if (target.postgres()) {
                progress("2. insert limit: COPY, natural key kept, %d writers", writers);
                report.insertCopyConcurrent.put(writers, done(storage.insertConcurrently("copy_" + writers,
                        StorageBench.postgresCopy(), writers)));
            }
        }
        progress("reference: simple script (Jackson tree, one transaction per document, H2 file without key)");
        report.simpleScript = done(storage.simpleScript());
    }

    private void endToEnd(BenchCorpus corpus, BenchDatabase.Target target, BenchReport report) throws Exception {
        progress("3. end-to-end: %d jobs through JMS, HTTP, raw store, facts, KPIs, events", corpus.documents().size());
        try (SecMirror mirror = new SecMirror(corpus.root(), 0).start()) {
            report.warmUp = warmUp(corpus, target, mirror);
            endToEnd(corpus, target, report, mirror);
        }
    }

    private void endToEnd(BenchCorpus corpus, BenchDatabase.Target target, BenchReport report, SecMirror mirror)
            throws Exception {
        try (EndToEndBench bench = EndToEndBench.onFreshDatabase(mirror.baseUrl(), runDir("e2e"), target, "e2e")) {
            report.endToEnd = bench.run(corpus.documents());
            report.endToEndHeap = HeapPeak.maxHeapBytes();
            report.stages = bench.stages();
            report.endToEndCpu = bench.cpu();
            long cik = corpus.documents().get(0).cik();
            progress("6. ask latency: %d requests for CIK %d over JMS, then over direct:ask", askRequests, cik);
            report.askJms = bench.ask(cik, askRequests, true);
            report.askDirect = bench.ask(cik, askRequests, false);
            progress("3d. refresh: the same %d jobs again on the loaded database", corpus.documents().size());
            report.factsBeforeRefresh = bench.storedFacts();
            List<EndToEndBench.Stage> before = bench.stages();
            report.refresh = bench.run(corpus.documents());
            report.refreshStages = EndToEndBench.Stage.since(before, bench.stages());
            report.factsAfterRefresh = bench.storedFacts();
            progress("   -> %d/%d jobs, %.2f jobs/s", report.refresh.succeeded(), report.refresh.jobs(),
                    report.refresh.jobsPerSecond());
        }
    }

    private void smallHeap(BenchReport report) throws Exception {
        int count = smallHeapDocuments == null ? documents : smallHeapDocuments;
        if (count <= 0) {
            return;
        }
        progress("5. end-to-end in a child JVM with -Xmx%s (%d documents)", smallHeap, count);
        List<String> args = new ArrayList<>(List.of("bench", "--child-e2e", "--documents", Integer.toString(count),
                "--large-mb", largeSizes().isEmpty() ? "0" : String.join(",", largeSizes().stream().map(String::valueOf)
                        .toList()),
                "--warm-up-passes", Integer.toString(warmUpPasses),
                "--work-dir", workDir.toString(), "--source", source.toString(), "--pg-user", pgUser,
                "--pg-password", pgPassword));
        if (postgres != null) {
            args.addAll(List.of("--postgres", postgres));
        }
        Path log = workDir.resolve("child-" + smallHeap + ".log");
        String line = ChildJvm.run(smallHeap, args, log);
        report.smallHeapName = smallHeap;
        report.smallHeapLog = log;
        report.smallHeap = line == null ? null : JSON.readValue(line, ChildResult.class);
    }

    /** In the child JVM: the end-to-end run alone on the corpus the parent generated; one JSON line on stdout. */
    private Integer childEndToEnd(BenchDatabase.Target target) throws Exception {
        BenchCorpus corpus = BenchCorpus.existing(workDir.resolve("corpus"), documents, largeSizes().size());
        try (SecMirror mirror = new SecMirror(corpus.root(), 0).start()) {
            warmUp(corpus, target, mirror);
            childEndToEnd(corpus, target, mirror);
        }
        return 0;
    }

    private void childEndToEnd(BenchCorpus corpus, BenchDatabase.Target target, SecMirror mirror) throws Exception {
        try (EndToEndBench bench = EndToEndBench.onFreshDatabase(mirror.baseUrl(), runDir("e2e-child"), target,
                "e2e_small")) {
            EndToEndBench.Result result = bench.run(corpus.documents());
            // Printed, not left to the parent: --child-e2e alone is how two settings are compared run by run.
            // The job workers' CPU a job moves less than the rate between runs: it is what a change to a job's
            // code is compared by, where the rate also depends on the database server's share of the machine.
            ThreadCpu.Usage cpu = bench.cpu();
            progress("   -> timed: %d/%d jobs, %.0f facts/s; Camel threads %.1f ms of CPU a job; %s",
                    result.succeeded(), result.jobs(), result.factsPerSecond(),
                    cpu.nanos(ThreadCpu.CAMEL_THREADS) / 1e6 / result.jobs(), cpu.describe());
            long largestOk = result.largestSucceededBytes();
            long firstFailed = 0;
            String failure = null;
            for (BenchCorpus.Document large : corpus.large()) {
                EndToEndBench.Result one = bench.run(List.of(large));
                if (one.succeeded() == 0) {
                    firstFailed = large.bytes();
                    failure = one.firstFailure();
                    break;
                }
                largestOk = Math.max(largestOk, large.bytes());
            }
            out.println(ChildJvm.RESULT_PREFIX + JSON.writeValueAsString(new ChildResult(result, largestOk,
                    firstFailed, failure)));
        }
    }

    /**
     * The corpus through throwaway apps (each with its own data folder and database) before the timed run: figures 1
     * and 2 time code the JIT compiler has already compiled (each after a warm-up), and a nightly run of thousands of
     * companies spends all but its first minutes in compiled code. One pass is not enough for that: in the timed run
     * after it, the compiler threads still took 11–24 % of the CPU (3c). So passes repeat until the compiler's share
     * of a pass falls under {@link #SETTLED_JIT_SHARE}, or {@code --warm-up-passes} ran. Returns the first pass
     * (figure 3b, a new JVM's rate) with the count of passes.
     */
    private WarmUp warmUp(BenchCorpus corpus, BenchDatabase.Target target, SecMirror mirror) throws Exception {
        EndToEndBench.Result first = null;
        double jitShare = 1;
        int pass = 0;
        while (pass < warmUpPasses && jitShare >= SETTLED_JIT_SHARE) {
            pass++;
            progress("3. warm-up pass %d (at most %d): the %d jobs through a throwaway app (not timed for 3)", pass,
                    warmUpPasses, corpus.documents().size());
            Path dir = runDir("e2e-warm-up");
            try (EndToEndBench bench = EndToEndBench.onFreshDatabase(mirror.baseUrl(), dir, target,
                    "e2e_warm_up")) {
                EndToEndBench.Result result = bench.run(corpus.documents());
                jitShare = bench.cpu().share(ThreadCpu.JIT_COMPILER);
                progress("   -> %d/%d jobs, %.0f facts/s, JIT compiler %.0f %% of the CPU", result.succeeded(),
                        result.jobs(), result.factsPerSecond(), 100 * jitShare);
                first = first == null ? result : first;
            } finally {
                BenchCorpus.deleteRecursively(dir);
            }
        }
        return new WarmUp(first, pass, jitShare);
    }

    /** The warm-up's first pass, how many passes ran and the JIT compiler's share of the last one's CPU. */
    record WarmUp(EndToEndBench.Result firstPass, int passes, double lastJitShare) {
    }

    /** Why the options cannot give a run, or null: found before minutes of corpus generation and warm-up. */
    private String optionProblem() {
        if (!Files.isDirectory(source)) {
            return "no folder " + source + ": --source must name a folder of companyfacts CIK*.json files";
        }
        for (Map.Entry<String, Integer> atLeastOne : Map.of("--documents", documents, "--warm-up-passes",
                warmUpPasses, "--ask-requests", askRequests, "--throttle-limit", throttleLimit).entrySet()) {
            if (atLeastOne.getValue() < 1) {
                return atLeastOne.getKey() + " must be at least 1, not " + atLeastOne.getValue();
            }
        }
        if (throttleRequests < 0 || coldStarts < 0 || smallHeapDocuments != null && smallHeapDocuments < 0
                || largeMegabytes.stream().anyMatch(mb -> mb < 0)) {
            return "--throttle-requests, --cold-starts, --small-heap-documents and --large-mb take 0 (skip) or more";
        }
        return null;
    }

    /** What the small-heap child JVM reports: the corpus run, then the large documents one by one. */
    record ChildResult(EndToEndBench.Result corpus, long largestOkBytes, long firstFailedBytes, String failure) {
    }


    private List<Integer> largeSizes() {
        return largeMegabytes.stream().filter(mb -> mb > 0).sorted().toList();
    }

    /**
     * Median of three starts each, every one in a new JVM with a new, empty data folder: as bin/benchmarkos starts
     * the app (with the class-data archive mvn package writes beside the jar; made here if that one is missing or
     * older than the jar), then plain {@code java -cp jar} as the reference.
     */
    private void coldStart(BenchReport report) throws Exception {
        if (coldStarts == 0) {
            return;
        }
        Path jar = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0])
                .toAbsolutePath();
        Path archive = jar.resolveSibling("benchmarkos-ingest.jsa");
        boolean fromBuild = Files.isRegularFile(archive)
                && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0;
        if (!fromBuild) {
            progress("7. no class-data archive of this jar beside it (mvn package writes one): making one");
            archive = ChildJvm.createClassArchive(runDir("cold-start-archive"),
                    workDir.resolve("benchmarkos-ingest.jsa"), workDir.resolve("cold-start-archive.log"));
        }
        report.coldStartArchiveSource = fromBuild ? "mvn package" : "this run";
        progress("7. cold start as bin/benchmarkos starts serve (class-data archive), median of %d", coldStarts);
        // -Xshare:on: a start that cannot use the archive fails instead of being timed as one that did.
        report.coldStartArchived = medianStart(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive),
                "cold-start-cds");
        progress("7b. cold start of plain java without the archive (reference), median of %d", coldStarts);
        report.coldStart = medianStart(List.of(), "cold-start");
    }

    private ChildJvm.ColdStart medianStart(List<String> jvmOptions, String name) throws Exception {
        List<ChildJvm.ColdStart> starts = new ArrayList<>();
        for (int i = 0; i < coldStarts; i++) {
            starts.add(ChildJvm.coldStart(runDir(name + "-" + i), jvmOptions, workDir.resolve(name + ".log")));
        }
        starts.sort(java.util.Comparator.comparingLong(ChildJvm.ColdStart::wallMillis));
        progress("   -> %s ms", starts.stream().map(st -> Long.toString(st.wallMillis())).toList());
        return starts.get(coldStarts / 2);
    }

    private void throttle(BenchCorpus corpus, BenchReport report) throws Exception {
        if (throttleRequests <= 0) {
            return;
        }
        progress("8. throttle: %d SEC requests queued through direct:sec-get at %d/s (about %d s)", throttleRequests,
                throttleLimit, throttleRequests / throttleLimit);
        report.throttle = ThrottleBench.run(corpus.root(), runDir("throttle"), throttleRequests, throttleLimit);
    }

    /** Each figure also goes to stderr as soon as it is measured, so a run that dies later still shows it. */
    private static StorageBench.Result done(StorageBench.Result r) {
        System.err.printf("[bench]    -> %d facts in %.1f s: %.0f facts/s%n", r.facts(), seconds(r.nanos()),
                r.perSecond());
        return r;
    }

    private Path runDir(String name) throws java.io.IOException {
        Path dir = workDir.resolve("run").resolve(name + "-" + System.currentTimeMillis());
        BenchCorpus.deleteRecursively(dir);
        return Files.createDirectories(dir);
    }

    private static String kind(BenchDatabase.Target target) {
        return target.postgres() ? "PostgreSQL" : "H2 file";
    }

    private void progress(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
