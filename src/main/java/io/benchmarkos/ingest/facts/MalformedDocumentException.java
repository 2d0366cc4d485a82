package io.benchmarkos.ingest.facts;

import io.benchmarkos.ingest.PermanentFailure;

/** A SEC document that is not the JSON it should be: truncated, malformed, or missing required fields. */
public class MalformedDocumentException extends PermanentFailure {

    public MalformedDocumentException(String message) {
        super(message);
    }

    public MalformedDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
