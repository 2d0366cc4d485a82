package io.benchmarkos.ingest.app;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.apache.activemq.artemis.api.core.client.FailoverEventListener;
import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.DelegatingConnectionFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Says in the log when the connection to the message broker is lost and when it is back. With the production URL's
 * reconnect options Artemis reconnects on its own and quietly: without this, a worker whose broker is gone logs
 * nothing at all, and nobody can tell it from an idle one.
 */
final class BrokerConnectionWatch implements FailoverEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnectionWatch.class);

    private final String broker;
    private final Clock clock;
    private volatile Instant lostAt;

    /** @param brokerUrl its query (reconnect options, possibly credentials) is left out of the log */
    BrokerConnectionWatch(String brokerUrl, Clock clock) {
        this.broker = BrokerLogin.withoutQuery(brokerUrl);
        this.clock = clock;
    }

    /**
     * {@code artemis} with every connection it makes reporting to {@code watch}: the caching factory in front of it
     * keeps one connection, so an outage is logged once.
     */
    static ConnectionFactory watched(ConnectionFactory artemis, BrokerConnectionWatch watch) {
        DelegatingConnectionFactory watched = new DelegatingConnectionFactory() {
            @Override
            public Connection createConnection() throws JMSException {
                Connection connection = super.createConnection();
                if (connection instanceof ActiveMQConnection artemisConnection) {
                    artemisConnection.setFailoverListener(watch);
                }
                return connection;
            }
        };
        watched.setTargetConnectionFactory(artemis);
        return watched;
    }

    @Override
    public void failoverEvent(FailoverEventType event) {
        switch (event) {
            case FAILURE_DETECTED -> {
                lostAt = clock.instant();
                LOG.warn("Lost the connection to the message broker at {}: no job, question or completion event moves"
                        + " until it is back. Reconnecting on its own; check that the broker is running.", broker);
            }
            case FAILOVER_COMPLETED -> LOG.info("Connection to the message broker at {} is back{}; the JMS listeners"
                    + " reconnect now (their \"Consumer is closed\" warnings are that)", broker, downFor());
            case FAILOVER_FAILED -> LOG.error("Gave up reconnecting to the message broker at {}{}: restart this"
                    + " process once the broker runs (or give broker.url reconnectAttempts=-1)", broker, downFor());
            default -> LOG.debug("Broker connection event {}", event);
        }
    }

    private String downFor() {
        Instant since = lostAt;
        return since == null ? "" : " after " + Duration.between(since, clock.instant()).toSeconds() + " s";
    }
}
