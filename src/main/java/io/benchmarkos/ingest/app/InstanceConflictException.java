package io.benchmarkos.ingest.app;

/** Start-up refused because another instance holds what this one needs (ports, the broker journal). */
public final class InstanceConflictException extends IllegalStateException {

    /** What the other instance holds. */
    public enum Held { PORTS, BROKER_JOURNAL }

    private final Held held;

    public InstanceConflictException(Held held, String message) {
        super(message);
        this.held = held;
    }

    public Held held() {
        return held;
    }
}
