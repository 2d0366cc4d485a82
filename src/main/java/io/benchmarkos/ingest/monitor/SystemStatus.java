package io.benchmarkos.ingest.monitor;

import io.benchmarkos.ingest.sec.SecGate;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The picture an operator wants at a glance (GET /api/status, {@code status} on the CLI): routes, queues, SEC
 * budget, jobs by status, the latest batch run and readiness. Each part is read on its own, so one unreachable
 * dependency shows as an error in its part instead of failing the whole answer.
 */
public class SystemStatus {

    private final CamelContext camel;
    private final MonitorQueries queries;
    private final QueueDepths queueDepths;
    private final List<String> queues;
    private final SecGate gate;
    private final SecTraffic traffic;
    private final int maxRequestsPerSecond;
    private final Clock clock;

    public SystemStatus(CamelContext camel, MonitorQueries queries, QueueDepths queueDepths, List<String> queues,
                        SecGate gate, SecTraffic traffic, int maxRequestsPerSecond, Clock clock) {
        this.camel = camel;
        this.queries = queries;
        this.queueDepths = queueDepths;
        this.queues = queues;
        this.gate = gate;
        this.traffic = traffic;
        this.maxRequestsPerSecond = maxRequestsPerSecond;
        this.clock = clock;
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("at", clock.instant());
        status.put("ready", readiness());
        status.put("routes", routes());
        status.put("queues", part(() -> queueDepths.depths(queues)));
        status.put("sec", sec());
        status.put("jobs", part(queries::jobsByStatus));
        status.put("lastBatch", part(() -> queries.lastBatchRun().orElse(null)));
        return status;
    }

    private Map<String, Object> readiness() {
        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(camel, "full");
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("status", HealthCheckHelper.isResultsUp(results, true) ? "UP" : "DOWN");
        List<String> down = new ArrayList<>();
        for (HealthCheck.Result result : results) {
            if (result.getState() != HealthCheck.State.UP) {
                down.add(result.getCheck().getId() + ": " + result.getMessage().orElse(result.getState().name()));
            }
        }
        ready.put("down", down);
        return ready;
    }

    private Map<String, Object> routes() {
        Map<String, Object> routes = new LinkedHashMap<>();
        List<String> notStarted = new ArrayList<>();
        // Routes the configuration keeps stopped (job-worker in the api role): as meant, so not a fault to report.
        List<String> off = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            ServiceStatus state = camel.getRouteController().getRouteStatus(route.getRouteId());
            if (state != ServiceStatus.Started) {
                if (Boolean.FALSE.equals(route.isAutoStartup()) && state == ServiceStatus.Stopped) {
                    off.add(route.getRouteId());
                } else {
                    notStarted.add(route.getRouteId() + " (" + state + ")");
                }
            }
        }
        routes.put("total", camel.getRoutes().size());
        routes.put("started", camel.getRoutes().size() - notStarted.size() - off.size());
        routes.put("notStarted", notStarted);
        routes.put("offByConfiguration", off);
        return routes;
    }

    private Map<String, Object> sec() {
        Map<String, Object> sec = new LinkedHashMap<>();
        sec.put("maxRequestsPerSecond", maxRequestsPerSecond);
        List<Integer> shared = gate.limitsOnSharedBudget();
        if (!shared.isEmpty()) {
            sec.put("limitsOnSharedBudget", shared);
        }
        long pausedMillis = gate.remainingPauseMillisOfAnyWorker();
        String reason = gate.pauseReason();
        sec.put("paused", pausedMillis > 0 || reason != null);
        sec.put("pausedForSeconds", Duration.ofMillis(pausedMillis).toSeconds());
        sec.put("pauseReason", reason);
        traffic.lastAnswer().ifPresent(answer -> {
            sec.put("lastStatus", answer.status());
            sec.put("lastAnswerAt", answer.at());
            // As the sec health check judges it: no answer or a 5xx last time.
            sec.put("reachable", answer.reachable());
            if (answer.error() != null) {
                sec.put("lastError", answer.error());
            }
        });
        return sec;
    }

    @FunctionalInterface
    private interface Part {
        Object read() throws Exception;
    }

    private static Object part(Part part) {
        try {
            return part.read();
        } catch (Exception e) {
            return Map.of("error", String.valueOf(e.getMessage()));
        }
    }
}
