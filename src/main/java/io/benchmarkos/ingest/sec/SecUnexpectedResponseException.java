package io.benchmarkos.ingest.sec;

import io.benchmarkos.ingest.PermanentFailure;

/** SEC answered with something that is not the JSON document asked for (an HTML page, a 4xx, an oversized body). */
public class SecUnexpectedResponseException extends PermanentFailure {

    public SecUnexpectedResponseException(String message) {
        super(message);
    }
}
