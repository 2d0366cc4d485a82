package io.benchmarkos.ingest.imports;

/** An import stopped between entries (the application is shutting down); the next import of the archive resumes it. */
public class ImportInterruptedException extends RuntimeException {

    public ImportInterruptedException(String message) {
        super(message);
    }
}
