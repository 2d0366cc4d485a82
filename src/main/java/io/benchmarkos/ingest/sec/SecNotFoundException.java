package io.benchmarkos.ingest.sec;

import io.benchmarkos.ingest.PermanentFailure;

/** SEC answered 404 for a document. */
public class SecNotFoundException extends PermanentFailure {

    private final String url;

    public SecNotFoundException(String url) {
        super("SEC has no document at " + url + " (HTTP 404)");
        this.url = url;
    }

    public String url() {
        return url;
    }
}
