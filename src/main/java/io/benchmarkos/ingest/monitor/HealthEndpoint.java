package io.benchmarkos.ingest.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.service.ServiceSupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The management server's health endpoints ({@code camel.management.health-path}, /observe/health, and its
 * {@code /live} and {@code /ready}), answered here instead of by Camel's handler: Camel 4.18's handler JSON-escapes
 * each check's message and error text and then writes them with a JSON writer that escapes them again, so a client
 * that decodes the answer reads {@code https:\/\/…}, {@code \"} and {@code \u2014} instead of the text.
 * <p>
 * Same paths, parameters ({@code exposureLevel} default|full|oneline, {@code data=true}, {@code stackTrace=true}),
 * fields and status codes (200 UP, 503 DOWN) as Camel's; the routes are added to the management server's own
 * router after it has started, behind its authentication.
 */
public final class HealthEndpoint extends ServiceSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CamelContext camel;
    private final ManagementHttpServer server;
    private final String path;

    private HealthEndpoint(CamelContext camel, ManagementHttpServer server) {
        this.camel = camel;
        this.server = server;
        this.path = server.getHealthPath();
    }

    /**
     * Turns Camel's health handler off on the management server camel-main has configured and adds this one,
     * started after it. Nothing happens when there is no management server or its health endpoints are off.
     */
    public static void replaceCamelHandler(CamelContext camel) {
        ManagementHttpServer server = camel.hasService(ManagementHttpServer.class);
        if (server == null || !server.isHealthCheckEnabled()) {
            return;
        }
        server.setHealthCheckEnabled(false);
        try {
            camel.addService(new HealthEndpoint(camel, server));
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the health endpoint to the management server", e);
        }
    }

    @Override
    protected void doStart() {
        VertxPlatformHttpRouter router = server.getRouter();
        if (router == null) {
            throw new IllegalStateException("the management server has not started: no router for " + path);
        }
        add(router, path, HealthCheckHelper::invoke, false);
        add(router, path + "/live", HealthCheckHelper::invokeLiveness, false);
        add(router, path + "/ready", HealthCheckHelper::invokeReadiness, true);
    }

    private void add(VertxPlatformHttpRouter router, String routePath,
                     BiFunction<CamelContext, String, Collection<HealthCheck.Result>> checks, boolean readiness) {
        // Blocking: a check may wait (the database probe, up to 3 s); unordered, so probes do not queue.
        router.route(routePath).method(HttpMethod.GET).produces("application/json")
                .blockingHandler(context -> answer(context, checks, readiness), false);
    }

    private void answer(RoutingContext context,
                        BiFunction<CamelContext, String, Collection<HealthCheck.Result>> checks, boolean readiness) {
        String level = context.request().getParam("exposureLevel");
        if (level == null) {
            level = HealthCheckRegistry.get(camel).getExposureLevel();
        }
        Collection<HealthCheck.Result> results = checks.apply(camel, level);
        boolean up = HealthCheckHelper.isResultsUp(results, readiness);
        ObjectNode body = render(results, up, level, "true".equals(context.request().getParam("data")),
                "true".equals(context.request().getParam("stackTrace")));
        try {
            context.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            context.fail(500, e);
        }
    }

    /**
     * The answer: {@code status}; with exposure level {@code oneline} nothing else, with {@code full} every check,
     * otherwise the checks that are not UP. Each check's text goes into the JSON as it is, escaped once.
     */
    static ObjectNode render(Collection<HealthCheck.Result> results, boolean up, String level, boolean data,
                             boolean stackTrace) {
        ObjectNode body = JSON.createObjectNode().put("status", up ? "UP" : "DOWN");
        if ("oneline".equals(level)) {
            return body;
        }
        boolean full = "full".equals(level);
        List<HealthCheck.Result> shown = results.stream()
                .filter(result -> full || result.getState() != HealthCheck.State.UP).toList();
        if (shown.isEmpty()) {
            return body;
        }
        ArrayNode checks = body.putArray("checks");
        for (HealthCheck.Result result : shown) {
            ObjectNode check = checks.addObject()
                    .put("name", result.getCheck().getId())
                    .put("status", result.getState().name());
            if ((full || stackTrace) && result.getError().isPresent()) {
                check.put("error-message", errorMessages(result.getError().get()));
                if (stackTrace) {
                    check.put("error-stacktrace", stackTraceOf(result.getError().get()));
                }
            }
            result.getMessage().ifPresent(message -> check.put("message", message));
            Map<String, Object> details = result.getDetails();
            if (data && details != null && !details.isEmpty()) {
                ObjectNode values = check.putObject("data");
                new TreeMap<>(details).forEach((key, value) -> putValue(values, key, value));
            }
        }
        return body;
    }

    private static void putValue(ObjectNode values, String key, Object value) {
        if (value instanceof Number || value instanceof Boolean || value instanceof CharSequence) {
            values.set(key, JSON.valueToTree(value instanceof CharSequence text ? text.toString() : value));
        } else {
            values.put(key, value == null ? "" : value.toString());
        }
    }

    /** The error's message and those of its causes (ten at most), each cause named by its class. */
    static String errorMessages(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        int depth = 0;
        for (Throwable cause = error.getCause(); cause != null && depth < 10; cause = cause.getCause(), depth++) {
            text.append("; caused by ").append(cause.getClass().getName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    private static String stackTraceOf(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
