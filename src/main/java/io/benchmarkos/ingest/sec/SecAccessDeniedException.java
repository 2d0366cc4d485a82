package io.benchmarkos.ingest.sec;

import io.benchmarkos.ingest.PermanentFailure;

/** SEC answered 403: it refuses this client, most often for a missing or undeclared User-Agent. */
public class SecAccessDeniedException extends PermanentFailure {

    public SecAccessDeniedException(String url) {
        super("SEC access denied (HTTP 403) for " + url
                + " — check sec.user-agent: SEC requires 'Organisation contact@domain' and blocks generic clients");
    }
}
