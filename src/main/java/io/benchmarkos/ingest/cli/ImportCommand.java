package io.benchmarkos.ingest.cli;

import io.benchmarkos.ingest.app.ConfigLoader;
import io.benchmarkos.ingest.imports.ImportReport;
import io.benchmarkos.ingest.imports.ImportRunningException;
import io.benchmarkos.ingest.imports.StandaloneImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipFile;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import SEC's companyfacts.zip (entries CIK##########.json) into the configured database, in"
                + " this process; the app need not run. Ctrl-C stops after the current entry; importing the same"
                + " archive again resumes where it stopped.",
            "On the default H2 file database the app must not be running: stop it, or drop the archive in its"
                + " inbox (import.inbox-dir) instead.",
            "Exit codes: 0 all entries stored, 1 some failed or refused (listed) or interrupted, 2 not a file or not"
                + " a readable zip, 3 the database or the archive is in use by another process."})
final class ImportCommand implements Callable<Integer> {

    private static final int SHOWN_PROBLEMS = 20;

    @Parameters(paramLabel = "PATH.zip", description = "The archive")
    Path archive;

    @Option(names = "--profile",
            description = "Configuration profile (default: ${DEFAULT-VALUE}; or BENCHMARKOS_PROFILE)")
    String profile = ConfigLoader.profileFromEnvironment();

    @Option(names = "-P", paramLabel = "KEY=VALUE", description = "Override a property, e.g. -P db.url=...")
    Map<String, String> overrides = Map.of();

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(archive)) {
            System.err.println("not a file: " + archive);
            return 2;
        }
        // Before any database is opened or migrated: a zip starts with "PK".
        if (!looksLikeZip(archive)) {
            System.err.println("not a zip archive: " + archive + " (import takes SEC's companyfacts.zip or a zip of"
                    + " CIK*.json files)");
            return 2;
        }
        // A zip cut short (a download that stopped) starts with "PK" too, but has no central directory at its end.
        String unreadable = unreadableZip(archive);
        if (unreadable != null) {
            System.err.println(unreadable);
            return 2;
        }
        Properties config = ConfigLoader.load(profile);
        config.putAll(overrides);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C or SIGTERM: finish the current entry (its own transaction), record the run as interrupted, and
        // hold the JVM until the database is closed: H2 writes its last commits to the file when it closes.
        Thread hook = new Thread(() -> {
            stop.set(true);
            awaitQuietly(closed);
        }, "import-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (StandaloneImport standalone = StandaloneImport.open(config)) {
            return run(standalone, stop);
        } catch (StandaloneImport.DatabaseInUseException e) {
            System.err.println("Cannot import: " + e.getMessage() + ".");
            System.err.println("Stop the app, or drop the file in the inbox (" + Path.of(e.inboxDir()).toAbsolutePath()
                    + ") and the running app imports it.");
            return 3;
        } catch (ImportRunningException e) {
            System.err.println("Cannot import: " + e.getMessage() + ".");
            return 3;
        } finally {
            closed.countDown();
            if (!stop.get()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The JVM began to stop just now: the hook runs, and finds the database closed.
                }
            }
        }
    }

    private int run(StandaloneImport standalone, AtomicBoolean stop) throws Exception {
        ImportReport report = standalone.importer().importArchive(archive, "cli", () -> !stop.get());
        print(report);
        return ImportReport.FINISHED.equals(report.status()) && report.failures().isEmpty() ? 0 : 1;
    }

    private static void print(ImportReport report) {
        System.out.println(report.summary());
        report.failures().stream().limit(SHOWN_PROBLEMS).forEach(f -> System.out.println(
                "  " + f.status() + " " + f.name() + ": " + f.reason()));
        if (report.failures().size() > SHOWN_PROBLEMS) {
            System.out.println("  ... " + (report.failures().size() - SHOWN_PROBLEMS)
                    + " more in table import_entry (run_id " + report.runId() + ")");
        }
        if (ImportReport.INTERRUPTED.equals(report.status())) {
            System.out.println("Interrupted: run the same command again to resume.");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why the file cannot be read as a zip (one line saying what to do), or null when it can. */
    private static String unreadableZip(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return null;
        } catch (IOException e) {
            return "not a readable zip archive: " + file + " (" + e.getMessage() + "): the file is incomplete or"
                    + " damaged; download it again (SEC's companyfacts.zip) and import the new copy";
        }
    }

    private static boolean looksLikeZip(Path file) throws java.io.IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && magic[0] == 'P' && magic[1] == 'K';
        }
    }
}
