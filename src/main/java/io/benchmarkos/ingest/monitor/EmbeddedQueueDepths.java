package io.benchmarkos.ingest.monitor;

import io.benchmarkos.ingest.app.EmbeddedBroker;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/** Queue depths straight from the broker running in this JVM (no connection, no management messages). */
public class EmbeddedQueueDepths implements QueueDepths {

    private final EmbeddedBroker broker;

    public EmbeddedQueueDepths(EmbeddedBroker broker) {
        this.broker = broker;
    }

    @Override
    public long depth(String queue) {
        Queue found = server().locateQueue(queue);
        return found == null ? -1 : found.getMessageCount();
    }

    @Override
    public void ping() {
        server();
    }

    private ActiveMQServer server() {
        EmbeddedActiveMQ artemis = broker.artemis();
        ActiveMQServer server = artemis == null ? null : artemis.getActiveMQServer();
        if (server == null || !server.isActive()) {
            throw new IllegalStateException("embedded Artemis broker is not running");
        }
        return server;
    }
}
