package io.benchmarkos.ingest.sec;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Classifies an SEC HTTP response before anyone parses it: status first, then Content-Type, then size.
 * A good response leaves the body as {@code byte[]}; anything else becomes a typed exception that the
 * routes know how to handle (retry, pause, or fail the job with a reason).
 */
public class SecResponses {

    private static final Logger LOG = LoggerFactory.getLogger(SecResponses.class);
    /** Text of the page SEC serves (sometimes with status 200 or 403) when a client exceeds its rate. */
    private static final String RATE_THRESHOLD_MARKER = "request rate threshold exceeded";
    private static final int SNIPPET = 160;
    /** Exchange property: requests made per SEC URL in this exchange. */
    public static final String ATTEMPTS_PROPERTY = "secAttempts";

    private final SecGate gate;
    private final long maxBodyBytes;

    public SecResponses(SecGate gate, long maxBodyBytes) {
        this.gate = gate;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Counts the requests made for each URL within one exchange, so that a stage which exhausted its retries can
     * say how many attempts SEC got. Camel's own redelivery counter cannot tell: Camel removes that header before
     * a handled {@code onException} runs.
     */
    public void countAttempt(Exchange exchange) {
        @SuppressWarnings("unchecked")
        Map<String, Integer> attempts = exchange.getProperty(ATTEMPTS_PROPERTY, Map.class);
        if (attempts == null) {
            attempts = new HashMap<>();
            exchange.setProperty(ATTEMPTS_PROPERTY, attempts);
        }
        attempts.merge(exchange.getProperty(SecUrls.URL_PROPERTY, String.class), 1, Integer::sum);
    }

    /** Requests made so far in this exchange for the URL of the SEC request in flight (see {@link #countAttempt}). */
    public static int attempts(Exchange exchange) {
        Map<?, ?> attempts = exchange.getProperty(ATTEMPTS_PROPERTY, Map.class);
        Object count = attempts == null ? null : attempts.get(exchange.getProperty(SecUrls.URL_PROPERTY, String.class));
        return count instanceof Integer i ? i : 0;
    }

    public void check(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String url = exchange.getProperty(SecUrls.URL_PROPERTY, String.class);
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String contentType = String.valueOf(message.getHeader(Exchange.CONTENT_TYPE, "", String.class))
                .toLowerCase(Locale.ROOT);
        byte[] body = readBounded(message.getBody(InputStream.class), url);
        message.setBody(body);
        LOG.debug("SEC {} -> {} {} ({} bytes)", url, status, contentType, body.length);

        if (isRateThresholdPage(status, contentType, body)) {
            gate.pauseForRateLimit("HTTP " + status + " from " + url);
            throw new SecRateLimitedException("SEC rate limit (HTTP " + status + ") for " + url);
        }
        switch (status) {
            case 200 -> requireJson(url, contentType, body);
            case 403 -> throw new SecAccessDeniedException(url);
            case 404 -> throw new SecNotFoundException(url);
            case 408 -> throw new SecTransientException("SEC timed out (HTTP 408) for " + url);
            default -> {
                if (status >= 500) {
                    throw new SecTransientException("SEC server error HTTP " + status + " for " + url);
                }
                throw new SecUnexpectedResponseException("SEC answered HTTP " + status + " for " + url + ": "
                        + snippet(body));
            }
        }
    }

    private static boolean isRateThresholdPage(int status, String contentType, byte[] body) {
        if (status == 429) {
            return true;
        }
        return (status == 200 || status == 403) && contentType.contains("html")
                && snippet(body, 4096).toLowerCase(Locale.ROOT).contains(RATE_THRESHOLD_MARKER);
    }

    private static void requireJson(String url, String contentType, byte[] body) {
        if (!contentType.contains("json")) {
            throw new SecUnexpectedResponseException("SEC answered " + (contentType.isEmpty() ? "no Content-Type"
                    : contentType) + " instead of JSON for " + url + ": " + snippet(body));
        }
    }

    private byte[] readBounded(InputStream in, String url) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                throw new SecUnexpectedResponseException("SEC body for " + url + " exceeds sec.max-body-bytes="
                        + maxBodyBytes);
            }
            return body;
        }
    }

    private static String snippet(byte[] body) {
        return snippet(body, SNIPPET).replaceAll("\\s+", " ").trim();
    }

    private static String snippet(byte[] body, int max) {
        return new String(body, 0, Math.min(body.length, max), StandardCharsets.UTF_8);
    }
}
