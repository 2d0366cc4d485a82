package io.benchmarkos.ingest.monitor;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/** Readiness: the broker answers (embedded: it is active; standalone: a connection opens). */
public class BrokerHealthCheck extends AbstractHealthCheck {

    private final QueueDepths queues;
    private final String brokerUrl;

    public BrokerHealthCheck(QueueDepths queues, String brokerUrl) {
        super("benchmarkos", "broker");
        this.queues = queues;
        this.brokerUrl = brokerUrl;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("broker.url", brokerUrl);
        try {
            queues.ping();
            builder.message("broker connected").up();
        } catch (Exception e) {
            builder.message("broker not reachable at " + brokerUrl + ": " + e.getMessage()).error(e).down();
        }
    }
}
