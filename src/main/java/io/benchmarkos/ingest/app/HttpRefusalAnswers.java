package io.benchmarkos.ingest.app;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.benchmarkos.ingest.api.ApiGuard;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests Vert.x refuses before any route runs: a request it cannot make sense of (400), no endpoint at that path
 * (404), a method the path does not take (405), an Accept the endpoint cannot serve (406), a body over
 * {@code camel.server.max-body-size} (413), a Content-Type the endpoint does not consume (415); and every request
 * that comes while the application stops (503).
 * Vert.x answers them with an empty body or plain text, and logs the 413 as an ERROR without detail; here they are
 * answered like the API's other errors, as JSON that says what to change.
 * <p>
 * Limitation: the HTTP server itself still answers a request line over its limit (414) with an empty body, and
 * for about half a second of start-up, after the server listens and before the routes start, a valid path gets
 * Vert.x's HTML 404.
 */
final class HttpRefusalAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRefusalAnswers.class);
    private static final String ENDPOINT_LIST = "the endpoints are listed in /api/openapi.json";
    /** The error of every request answered while the application stops; the CLI knows it by its start. */
    private static final String STOPPING = "the application is stopping; try again once it is back up";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^/}]+}");

    private HttpRefusalAnswers() {
    }

    static void install(CamelContext camel, int port, long maxBodyBytes) {
        Optional<Router> root = rootRouter(camel, port);
        if (root.isEmpty()) {
            LOG.debug("No platform-http router on port {}: refusals keep Vert.x's own answers", port);
            return;
        }
        Router router = root.get();
        // Vert.x matches a route's consumes case-sensitively, but a media type's type and subtype are not
        // (RFC 9110): without this, "Application/JSON" would get 415. First of all routes, before any mounted one.
        router.route().order(-1).handler(context -> {
            if (camel.isStopping()) {
                // Camel's suspended consumers answer 503 with no body, and once the routes are gone the 404 below
                // would send the caller looking for a wrong URL: say what it is, until the server closes.
                answer(context, 503, STOPPING);
                return;
            }
            lowerCaseMediaType(context);
            context.next();
        });
        // Error handlers of the root router: Vert.x calls only those when a mounted router matches nothing.
        router.errorHandler(404, context -> answer(context, 404, "no API endpoint at " + request(context) + "; "
                + ENDPOINT_LIST));
        router.errorHandler(405, context -> {
            // Without a valid token the caller learns nothing of the API, not even which methods a path takes.
            ApiGuard guard = camel.getRegistry().lookupByNameAndType("apiGuard", ApiGuard.class);
            Optional<String> refusal = guard == null ? Optional.empty()
                    : guard.refusal(context.request().getHeader("Authorization"));
            if (refusal.isPresent()) {
                answer(context, 401, refusal.get());
                return;
            }
            // RFC 9110: a 405 names the methods the resource takes.
            String allowed = allowedMethods(camel, context.request().path());
            if (!allowed.isEmpty()) {
                context.response().putHeader("Allow", allowed);
            }
            answer(context, 405, request(context) + " is not allowed: this path takes "
                    + (allowed.isEmpty() ? "other methods" : allowed) + "; " + ENDPOINT_LIST);
        });
        router.errorHandler(415, context -> answer(context, 415, "Content-Type "
                + header(context, "Content-Type")
                + " is not accepted by " + request(context) + ": send the body as application/json"));
        router.errorHandler(406, context -> answer(context, 406, "Accept "
                + header(context, "Accept") + " cannot be served by "
                + request(context) + ": the API answers application/json"));
        // Vert.x's own 400 ("Bad Request", or no failure) is a path or query it could not decode (a % without
        // two hex digits after it): say that rather than repeat the status text.
        router.errorHandler(400, context -> answer(context, 400, "bad request: " + request(context) + " ("
                + Optional.ofNullable(context.failure()).map(Throwable::getMessage)
                .filter(message -> !message.equalsIgnoreCase("Bad Request"))
                .orElse("the path or query cannot be read: check its percent-encoding, % is written %25") + ")"));
        String tooLarge = "request body over " + maxBodyBytes + " bytes (camel.server.max-body-size)";
        router.errorHandler(413, context -> {
            LOG.warn("Refused {}: {}", request(context), tooLarge);
            // The client may hang up before sending the rest of the body: that is the end of this request, not an
            // error. Left to the body handler, Vert.x would log it as an ERROR "Unhandled exception in router".
            context.request().exceptionHandler(closed -> LOG.debug("Client of refused {} went away: {}",
                    request(context), closed.toString()));
            answer(context, 413, tooLarge);
        });
    }

    /**
     * The router the server on this port hands every request to. Camel does not expose it, but the HTTP server it
     * built does, as its request handler.
     */
    private static Optional<Router> rootRouter(CamelContext camel, int port) {
        return camel.hasServices(VertxPlatformHttpServer.class).stream()
                .filter(server -> server.getServer() != null && server.getServer().actualPort() == port)
                .map(server -> server.getServer().requestHandler())
                .filter(Router.class::isInstance).map(Router.class::cast)
                .findFirst();
    }

    /** The methods of the API endpoints whose path template ({@code /api/jobs/{id}}) matches {@code path}. */
    static String allowedMethods(CamelContext camel, String path) {
        Set<String> methods = new TreeSet<>();
        for (Endpoint endpoint : camel.getEndpoints()) {
            if (endpoint instanceof PlatformHttpEndpoint http && http.getHttpMethodRestrict() != null
                    && templatePattern(http.getPath(), http.isMatchOnUriPrefix()).matcher(path).matches()) {
                methods.addAll(Arrays.asList(http.getHttpMethodRestrict().split(",")));
            }
        }
        return String.join(", ", methods);
    }

    private static Pattern templatePattern(String template, boolean prefix) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PATH_PARAMETER.matcher(template);
        int last = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(last, parameter.start()))).append("[^/]+");
            last = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append(prefix ? ".*" : "/?");
        return Pattern.compile(regex.toString());
    }

    private static void lowerCaseMediaType(RoutingContext context) {
        String contentType = context.request().getHeader("Content-Type");
        if (contentType == null) {
            return;
        }
        // Only the type/subtype: a parameter such as a multipart boundary is case-sensitive.
        int parameters = contentType.indexOf(';');
        String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
        String lowerCase = mediaType.toLowerCase(Locale.ROOT);
        if (!lowerCase.equals(mediaType)) {
            context.request().headers().set("Content-Type", lowerCase + contentType.substring(mediaType.length()));
        }
    }

    private static String header(RoutingContext context, String name) {
        return Optional.ofNullable(context.request().getHeader(name)).orElse("(none)");
    }

    private static String request(RoutingContext context) {
        return context.request().method() + " " + context.request().path();
    }

    private static void answer(RoutingContext context, int status, String error) {
        if (context.response().ended()) {
            return;
        }
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end("{\"status\":" + status + ",\"error\":\""
                        + new String(JsonStringEncoder.getInstance().quoteAsString(error)) + "\"}");
    }
}
