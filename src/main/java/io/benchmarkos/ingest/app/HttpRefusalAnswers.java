package io.benchmarkos.ingest.app;

import io.vertx.core.http.HttpServerResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests Vert.x refuses before any route runs: a body over {@code camel.server.max-body-size} (413). Without this
 * the caller gets plain text and the log an ERROR without detail; here it is answered like the API's other errors,
 * as JSON that names the limit.
 * <p>
 * Limitation: a Content-Type an endpoint does not consume is refused by Vert.x's root router (415, empty body),
 * which Camel keeps to itself, so that answer stays empty.
 */
final class HttpRefusalAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRefusalAnswers.class);
    private static final int PAYLOAD_TOO_LARGE = 413;

    private HttpRefusalAnswers() {
    }

    static void install(CamelContext camel, int port, long maxBodyBytes) {
        // The API server's router, by its port: the management server has a router of its own.
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camel,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            LOG.debug("No platform-http router on port {}: refusals keep Vert.x's own answers", port);
            return;
        }
        // A failure handler of the routes' own router: Vert.x calls error handlers of the root router only, which
        // Camel keeps to itself.
        String error = "request body over " + maxBodyBytes + " bytes (camel.server.max-body-size)";
        router.route().failureHandler(context -> {
            HttpServerResponse response = context.response();
            if (context.statusCode() != PAYLOAD_TOO_LARGE || response.ended()) {
                context.next();
                return;
            }
            LOG.warn("Refused {} {}: {}", context.request().method(), context.request().path(), error);
            response.setStatusCode(PAYLOAD_TOO_LARGE).putHeader("Content-Type", "application/json")
                    .end("{\"status\":413,\"error\":\"" + error + "\"}");
        });
    }
}
