package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.PermanentFailure;

/** An archive entry the import will not read (unsafe name, absurd size, compression bomb); the message says why. */
public class EntryRefusedException extends PermanentFailure {

    public EntryRefusedException(String message) {
        super(message);
    }
}
