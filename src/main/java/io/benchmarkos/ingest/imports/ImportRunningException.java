package io.benchmarkos.ingest.imports;

/** Another process is importing the same archive into the same database right now; the message names its run. */
public class ImportRunningException extends RuntimeException {

    public ImportRunningException(String message) {
        super(message);
    }
}
