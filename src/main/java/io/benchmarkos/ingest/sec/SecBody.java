package io.benchmarkos.ingest.sec;

import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;

/**
 * What {@link SecResponses#check} learnt while inflating a gzip body from SEC: the compressed bytes as SEC sent
 * them, and the sha256 and size of the document. Carried as the exchange property {@value #PROPERTY}, so the raw
 * copy can be stored without compressing or digesting the document again.
 *
 * @param body   the decoded body this record describes (the message body {@code check} left)
 * @param gzip   SEC's gzip bytes of {@code body}, deleted with the exchange like the body
 * @param sha256 hex SHA-256 of the decoded document
 */
public record SecBody(StreamCache body, StreamCache gzip, String sha256) {

    public static final String PROPERTY = "secBody";

    /** Bytes of the decoded document. */
    public long size() {
        return body.length();
    }

    /**
     * The record of the current message body, or null: an exchange makes several SEC requests, and a record left
     * by an earlier one (or a body replaced since) must not be taken for this body's.
     */
    public static SecBody of(Exchange exchange) {
        SecBody record = exchange.getProperty(PROPERTY, SecBody.class);
        return record != null && record.body() == exchange.getMessage().getBody() ? record : null;
    }
}
