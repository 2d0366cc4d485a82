package io.benchmarkos.ingest.monitor;

import io.benchmarkos.ingest.sec.SecGate;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.time.Duration;
import java.util.Map;

/**
 * SEC as this JVM last saw it, judged from the last answer (no pinging of SEC, which counts against the rate):
 * DOWN while traffic is paused after a rate limit (with the reason) or when the last request got no answer or a
 * 5xx. It is neither a liveness nor a readiness check: a paused SEC is no reason to restart the process or to
 * stop serving the API from stored data; it shows in {@code /observe/health} and {@code status}.
 */
public class SecHealthCheck extends AbstractHealthCheck {

    private final SecGate gate;
    private final SecTraffic traffic;
    private final int maxRequestsPerSecond;

    public SecHealthCheck(SecGate gate, SecTraffic traffic, int maxRequestsPerSecond) {
        super("benchmarkos", "sec");
        this.gate = gate;
        this.traffic = traffic;
        this.maxRequestsPerSecond = maxRequestsPerSecond;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("max.requests.per.second", maxRequestsPerSecond);
        traffic.lastAnswer().ifPresent(answer -> {
            builder.detail("last.status", answer.status());
            builder.detail("last.answer.at", answer.at().toString());
        });
        long pausedMillis = gate.remainingPauseMillisOfAnyWorker();
        String reason = gate.pauseReason();
        if (pausedMillis > 0 || reason != null) {
            builder.detail("paused.reason", String.valueOf(reason));
            builder.detail("paused.for.seconds", Duration.ofMillis(pausedMillis).toSeconds());
            builder.message("SEC requests paused for " + Duration.ofMillis(pausedMillis).toSeconds() + " s: " + reason)
                    .down();
            return;
        }
        traffic.lastAnswer().filter(answer -> !answer.reachable()).ifPresentOrElse(
                answer -> builder.message("SEC unreachable: last request at " + answer.at() + " got " + answer.status()
                        + (answer.error() == null ? "" : " (" + answer.error() + ")")).down(),
                () -> builder.message(traffic.lastAnswer().map(a -> "last SEC answer HTTP " + a.status() + " at "
                        + a.at())
                        .orElse("no SEC request yet")).up());
    }
}
