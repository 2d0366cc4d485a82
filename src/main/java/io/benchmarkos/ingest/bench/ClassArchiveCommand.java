package io.benchmarkos.ingest.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Writes the class-data archive {@code bin/benchmarkos} starts the JVM with: {@code serve} is started once in a new
 * JVM (empty data folder, free ports) with {@code -XX:ArchiveClassesAtExit} and stopped. {@code mvn package} runs it.
 * A start with the archive skips loading, verifying and linking most of the application's classes again.
 */
@Command(name = "class-archive", hidden = true,
        description = "Write the JVM class-data archive of this jar (mvn package runs it)")
public final class ClassArchiveCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ARCHIVE", description = "Archive file to write, e.g. target/benchmarkos-ingest.jsa")
    Path archive;

    @Override
    public Integer call() throws Exception {
        Path absolute = archive.toAbsolutePath();
        Path run = Files.createTempDirectory(absolute.getParent(), "class-archive-run");
        long started = System.nanoTime();
        try {
            ChildJvm.createClassArchive(run.resolve("data"), absolute, run.resolve("serve.log"));
            System.out.printf("class-data archive written in %.1f s: %s (%d KB)%n",
                    (System.nanoTime() - started) / 1e9, absolute, Files.size(absolute) / 1024);
            return 0;
        } catch (Exception e) {
            // The archive only speeds up the start: a build must not fail for it, but must say so.
            System.out.printf("WARNING: class-data archive not written (%s); bin/benchmarkos starts without it, about a"
                    + " second slower. The training start's log: %s%n", e.getMessage(), run.resolve("serve.log"));
            return 0;
        } finally {
            if (Files.exists(absolute)) {
                BenchCorpus.deleteRecursively(run);
            }
        }
    }
}
