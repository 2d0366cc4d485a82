package io.benchmarkos.ingest.jobs;

import java.util.Locale;

public enum JobStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
