package io.benchmarkos.ingest.app;

import io.vertx.core.http.HttpServerResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request body over {@code camel.server.max-body-size} is refused by Vert.x before any route runs: without this,
 * the caller gets a plain-text "Request Entity Too Large" and the log an ERROR without detail. This answers it
 * like the API's other errors, as JSON that names the limit, and logs one WARN line.
 */
final class OversizedBodyAnswer {

    private static final Logger LOG = LoggerFactory.getLogger(OversizedBodyAnswer.class);
    private static final int PAYLOAD_TOO_LARGE = 413;

    private OversizedBodyAnswer() {
    }

    static void install(CamelContext camel, int port, long maxBodyBytes) {
        // The API server's router, by its port: the management server has a router of its own.
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camel,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            LOG.debug("No platform-http router: oversized bodies keep Vert.x's own answer");
            return;
        }
        String answer = "{\"status\":413,\"error\":\"request body over " + maxBodyBytes
                + " bytes (camel.server.max-body-size)\"}";
        // A failure handler of the routes' own router: Vert.x calls error handlers of the root router only, which
        // Camel keeps to itself.
        router.route().failureHandler(context -> {
            HttpServerResponse response = context.response();
            if (context.statusCode() != PAYLOAD_TOO_LARGE || response.ended()) {
                context.next();
                return;
            }
            LOG.warn("Refused {} {}: body over camel.server.max-body-size ({} bytes)", context.request().method(),
                    context.request().path(), maxBodyBytes);
            response.setStatusCode(PAYLOAD_TOO_LARGE).putHeader("Content-Type", "application/json").end(answer);
        });
    }
}
