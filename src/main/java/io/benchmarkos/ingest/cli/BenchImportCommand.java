package io.benchmarkos.ingest.cli;

import io.benchmarkos.ingest.imports.ImportBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "bench-import", mixinStandardHelpOptions = true,
        description = {"Benchmark the bulk import on a generated archive of real-sized entries: parser alone, full"
                + " import into a fresh H2 file database, projection for SEC's full archive, peak heap.",
            "Launch with the heap bound to check: java -Xmx256m -jar target/benchmarkos-ingest.jar bench-import"})
final class BenchImportCommand implements Callable<Integer> {

    @Option(names = "--entries", description = "Entries in the generated archive (default ${DEFAULT-VALUE})")
    int entries = 200;

    @Option(names = "--source", required = true, description = "Folder of real CIK##########.json companyfacts"
            + " files, searched recursively (SEC downloads, or the project's shared sample data)")
    Path source;

    @Option(names = "--work", description = "Where the archive and the fresh database go (default ${DEFAULT-VALUE})")
    Path work = Path.of("target/bench-import");

    @Option(names = "--full-archive-mb", description = "Compressed size of SEC's full companyfacts.zip in MB, for"
            + " the projection (default ${DEFAULT-VALUE}, 'about 1 GB')")
    double fullArchiveMb = 1000;

    @Option(names = "--full-archive-companies",
            description = "Entries in SEC's full archive (default ${DEFAULT-VALUE})")
    int fullArchiveCompanies = 19_000;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(source)) {
            System.err.println("not a folder: " + source + " (give --source DIR with real companyfacts files)");
            return 2;
        }
        new ImportBenchmark(source, work, entries, fullArchiveMb, fullArchiveCompanies, System.out).run();
        return 0;
    }
}
