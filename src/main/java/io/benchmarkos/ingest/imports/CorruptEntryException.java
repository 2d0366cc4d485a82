package io.benchmarkos.ingest.imports;

import java.io.IOException;

/** An entry's bytes are not the ones the archive was written with: their CRC-32 or length differ from its record. */
class CorruptEntryException extends IOException {

    CorruptEntryException(String message) {
        super(message);
    }
}
