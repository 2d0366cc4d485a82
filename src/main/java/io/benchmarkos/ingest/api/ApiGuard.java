package io.benchmarkos.ingest.api;

import org.apache.camel.Exchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Bearer-token check for the HTTP API. An empty token (the embedded demo profile) lets every loopback caller in;
 * any other profile must configure {@code api.token}.
 */
public class ApiGuard {

    private final byte[] token;

    public ApiGuard(String token) {
        this.token = token == null ? new byte[0] : token.trim().getBytes(StandardCharsets.UTF_8);
    }

    public boolean isOpen() {
        return token.length == 0;
    }

    public void check(Exchange exchange) {
        Optional<String> refusal = refusal(exchange.getMessage().getHeader("Authorization", String.class));
        if (refusal.isPresent()) {
            throw new UnauthorizedException(refusal.get());
        }
    }

    /** Why a request with this Authorization header is refused (HTTP 401), or empty when it may go on. */
    public Optional<String> refusal(String header) {
        if (isOpen()) {
            return Optional.empty();
        }
        if (header == null || header.isBlank()) {
            return Optional.of("no API token: send 'Authorization: Bearer <api.token>'");
        }
        // The scheme name is case-insensitive (RFC 9110): "bearer x" is the same credential as "Bearer x".
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of("the Authorization header is not a bearer token: send"
                    + " 'Authorization: Bearer <api.token>'");
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, given)) {
            return Optional.of("wrong API token: send the api.token this server was started with"
                    + " (API_TOKEN in production)");
        }
        return Optional.empty();
    }

    /** The request has no valid token (HTTP 401). */
    public static class UnauthorizedException extends RuntimeException {
        public UnauthorizedException(String message) {
            super(message);
        }
    }
}
