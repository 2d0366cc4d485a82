package io.benchmarkos.ingest.sec;

import io.benchmarkos.ingest.Sha256;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.converter.stream.ByteArrayInputStreamCache;
import org.apache.camel.converter.stream.CachedOutputStream;
import org.apache.camel.support.MessageHelper;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Classifies an SEC HTTP response before anyone parses it: status first, then Content-Type, then size.
 * A good response leaves the body as a Camel {@link StreamCache} (in memory when small, spooled to disk beyond
 * camel.main.stream-caching-spool-threshold), so a big companyfacts document is never held whole on the heap;
 * anything else becomes a typed exception that the routes know how to handle (retry, pause, or fail the job with a
 * reason). A gzip body (routes/sec.yaml asks for one and leaves it encoded) is inflated here, and its compressed
 * bytes are kept beside it as a {@link SecBody}, for the raw copy.
 */
public class SecResponses {

    private static final Logger LOG = LoggerFactory.getLogger(SecResponses.class);
    /** Text of the page SEC serves (sometimes with status 200 or 403) when a client exceeds its rate. */
    private static final String RATE_THRESHOLD_MARKER = "request rate threshold exceeded";
    private static final int SNIPPET = 160;
    private static final int COPY_BUFFER = 65536;
    /** Exchange property: requests made per SEC URL in this exchange. */
    public static final String ATTEMPTS_PROPERTY = "secAttempts";

    private final SecGate gate;
    private final long maxBodyBytes;
    /**
     * The longest a body may take to arrive. The HTTP client's timeouts bound each read, not the whole body: a server
     * that sends a byte now and then would hold a worker (and its job's claim) for ever.
     */
    private final Duration maxDownload;

    public SecResponses(SecGate gate, long maxBodyBytes, Duration maxDownload) {
        this.gate = gate;
        this.maxBodyBytes = maxBodyBytes;
        this.maxDownload = maxDownload;
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
        StreamCache body;
        try {
            body = decodedBody(exchange, message, url);
        } catch (IOException | RuntimeException e) {
            // The HTTP stream is spent. Left as the body, the calling route's stream caching reads it again and
            // fails with a TypeConversionException in place of this one: no retry, and the broker dead-letters the
            // job with no reason (it stays running until the stale-job sweeper).
            message.setBody(null);
            if (status == 200) {
                throw e;
            }
            // A refusal or an error page still means what its status says (a 429 pauses SEC traffic, a 503 is
            // retried), however unreadable its body.
            LOG.debug("SEC {} -> {}: body not readable ({})", url, status, e.getMessage());
            body = new ByteArrayInputStreamCache(new ByteArrayInputStream(new byte[0]));
        }
        message.setBody(body);
        LOG.debug("SEC {} -> {} {} ({} bytes)", url, status, contentType, body.length());

        if (isRateThresholdPage(status, contentType, message)) {
            // SEC sends the same page for too many requests and for a User-Agent it does not accept.
            gate.pauseForRateLimit(status == 429 ? "HTTP 429 from " + url : "SEC's rate-threshold page (HTTP " + status
                    + ") from " + url + ": too many requests, or a User-Agent SEC does not accept (check"
                    + " sec.user-agent names you and an email address)", SecGate.requester(exchange));
            // The job's reason, should every attempt meet the page: the User-Agent hint must be in it, not only in
            // the pause note.
            throw new SecRateLimitedException("SEC rate limit (HTTP " + status + ") for " + url + (status == 429 ? ""
                    : ": SEC's rate-threshold page, served for too many requests and for a User-Agent it does not"
                    + " accept (check sec.user-agent)"));
        }
        switch (status) {
            case 200 -> requireJson(url, contentType, message);
            case 403 -> throw new SecAccessDeniedException(url);
            case 404 -> throw new SecNotFoundException(url);
            case 408 -> throw new SecTransientException("SEC timed out (HTTP 408) for " + url);
            default -> {
                if (status >= 500) {
                    throw new SecTransientException("SEC server error HTTP " + status + " for " + url);
                }
                String snippet = snippet(message);
                String location = message.getHeader("Location", String.class);
                // The HTTP client follows no redirects: one here usually means a base URL names the wrong host.
                throw new SecUnexpectedResponseException("SEC answered HTTP " + status + " for " + url
                        + (location == null ? "" : " (a redirect to " + location + ": check sec.www-base-url and"
                        + " sec.data-base-url)") + (snippet.isEmpty() ? "" : ": " + snippet));
            }
        }
    }

    private static boolean isRateThresholdPage(int status, String contentType, Message message) throws IOException {
        if (status == 429) {
            return true;
        }
        return (status == 200 || status == 403) && contentType.contains("html")
                && head(message, 4096).toLowerCase(Locale.ROOT).contains(RATE_THRESHOLD_MARKER);
    }

    private static void requireJson(String url, String contentType, Message message) throws IOException {
        if (!contentType.contains("json")) {
            throw new SecUnexpectedResponseException("SEC answered " + (contentType.isEmpty() ? "no Content-Type"
                    : contentType) + " instead of JSON for " + url + ": " + snippet(message));
        }
    }

    /**
     * The body as the document itself. An identity body is cached as it comes; a gzip body is cached compressed,
     * then inflated into the body's cache while its digest is taken, and recorded as a {@link SecBody}. Both caches
     * are bounded by sec.max-body-bytes, the inflated one too, so a small gzip cannot expand without limit. Every
     * IOException names the URL: a download cut short or a bad gzip is retried by the caller, then fails the job.
     */
    private StreamCache decodedBody(Exchange exchange, Message message, String url) throws IOException {
        exchange.removeProperty(SecBody.PROPERTY);
        String encoding = message.getHeader(Exchange.CONTENT_ENCODING, "", String.class).trim()
                .toLowerCase(Locale.ROOT);
        boolean identity = encoding.isEmpty() || encoding.equals("identity");
        // RFC 9110 asks recipients to take x-gzip for gzip; nothing else was asked for, so nothing else is read.
        if (!identity && !encoding.equals("gzip") && !encoding.equals("x-gzip")) {
            throw new SecUnexpectedResponseException("SEC answered Content-Encoding " + encoding + " for " + url
                    + "; only gzip or identity is accepted");
        }
        StreamCache received;
        try (InputStream in = message.getBody(InputStream.class)) {
            received = cacheBounded(exchange, in, url, null, "", System.nanoTime() + maxDownload.toNanos());
        } catch (IOException e) {
            throw new IOException("SEC body for " + url + " was cut short: " + e.getMessage(), e);
        }
        if (identity) {
            return received;
        }
        MessageDigest digest = Sha256.newDigest();
        StreamCache body;
        try (InputStream inflated = new GZIPInputStream(exchange.getContext().getTypeConverter()
                .convertTo(InputStream.class, received), COPY_BUFFER)) {
            body = cacheBounded(exchange, inflated, url, digest, " once decompressed", Long.MAX_VALUE);
        } catch (EOFException | ZipException e) {
            // An empty body marked gzip ends here too: it is no document, and no gzip to keep for the audit.
            throw new IOException("SEC body for " + url + " is truncated or corrupt gzip: " + e.getMessage(), e);
        }
        // The headers described the encoded body; the message now holds the decoded one.
        message.removeHeader(Exchange.CONTENT_ENCODING);
        message.removeHeader(Exchange.CONTENT_LENGTH);
        exchange.setProperty(SecBody.PROPERTY, new SecBody(body, received, Sha256.hex(digest)));
        return body;
    }

    /**
     * Copies the response into a stream cache that the exchange deletes when it completes, and stops reading as
     * soon as the body passes sec.max-body-bytes: the limit holds while streaming, not after the whole download.
     * Every byte copied also goes to {@code digest} when one is given. Reading stops at {@code deadlineNanos}
     * ({@link System#nanoTime} scale) with a timeout, which the caller's stage retries like any other.
     */
    private StreamCache cacheBounded(Exchange exchange, InputStream in, String url, MessageDigest digest,
                                     String limitNote, long deadlineNanos) throws IOException {
        try (CachedOutputStream cache = new CachedOutputStream(exchange)) {
            if (in != null) {
                byte[] buffer = new byte[COPY_BUFFER];
                long total = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    total += n;
                    if (System.nanoTime() - deadlineNanos > 0) {
                        abort(in, url);
                        throw new SocketTimeoutException("the body took longer than sec.max-download-seconds="
                                + maxDownload.toSeconds() + " (" + total + " bytes received)");
                    }
                    if (total > maxBodyBytes) {
                        abort(in, url);
                        throw new SecUnexpectedResponseException("SEC body for " + url
                                + " exceeds sec.max-body-bytes=" + maxBodyBytes + limitNote);
                    }
                    if (digest != null) {
                        digest.update(buffer, 0, n);
                    }
                    cache.write(buffer, 0, n);
                }
            }
            return cache.newStreamCache();
        }
    }


    /**
     * Drops the HTTP connection under a body that is given up on. Closing the body would read the rest of it first,
     * to reuse the connection, which at a trickle never ends.
     */
    private static void abort(InputStream body, String url) throws IOException {
        if (body instanceof EofSensorInputStream response) {
            LOG.debug("Dropping the connection of the SEC body for {}, left unread", url);
            response.abort();
        }
    }

    private static String snippet(Message message) throws IOException {
        return head(message, SNIPPET).replaceAll("\\s+", " ").trim();
    }

    /** The first bytes of the body as text; the cache is reset before and after, so later readers see it whole. */
    private static String head(Message message, int max) throws IOException {
        MessageHelper.resetStreamCache(message);
        try {
            return new String(message.getBody(InputStream.class).readNBytes(max), StandardCharsets.UTF_8);
        } finally {
            MessageHelper.resetStreamCache(message);
        }
    }
}
