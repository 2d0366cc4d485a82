package io.benchmarkos.ingest.app;

/** Start-up refused because another instance holds what this one needs (ports, the broker journal). */
public final class InstanceConflictException extends IllegalStateException {

    public InstanceConflictException(String message) {
        super(message);
    }
}
