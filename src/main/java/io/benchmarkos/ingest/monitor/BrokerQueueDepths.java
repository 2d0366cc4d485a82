package io.benchmarkos.ingest.monitor;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Queue depths of a standalone Artemis broker, asked over JMS with Artemis management messages (the same
 * connection settings as the routes; the user needs the {@code manage} permission, as in broker-standalone.xml).
 * Every call opens and closes its own connection, so a broken broker shows up as a failed call, not a stale value.
 */
public class BrokerQueueDepths implements QueueDepths {

    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long REPLY_TIMEOUT_MILLIS = 5000;

    private final ActiveMQConnectionFactory connections;
    private final String user;
    private final String password;

    public BrokerQueueDepths(String brokerUrl, String user, String password) {
        this.connections = new ActiveMQConnectionFactory(brokerUrl);
        // Monitoring must answer quickly when the broker is gone, not reconnect for minutes.
        connections.setReconnectAttempts(0);
        connections.setInitialConnectAttempts(1);
        connections.setCallTimeout(5000);
        this.user = user == null || user.isBlank() ? null : user;
        this.password = password;
    }

    @Override
    public long depth(String queue) throws Exception {
        try (Connection connection = connection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            connection.start();
            Message request = session.createMessage();
            JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "messageCount");
            request.setJMSReplyTo(replies);
            session.createProducer(ActiveMQJMSClient.createQueue(MANAGEMENT_ADDRESS)).send(request);
            Message reply = consumer.receive(REPLY_TIMEOUT_MILLIS);
            if (reply == null) {
                throw new IllegalStateException("broker did not answer a management request within "
                        + REPLY_TIMEOUT_MILLIS + " ms (does the user have the manage permission?)");
            }
            if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
                // Artemis answers "queue not found" as a failed operation.
                return -1;
            }
            return ((Number) JMSManagementHelper.getResult(reply, Long.class)).longValue();
        }
    }

    @Override
    public void ping() throws Exception {
        try (Connection connection = connection()) {
            connection.start();
        }
    }

    private Connection connection() throws Exception {
        return user == null ? connections.createConnection() : connections.createConnection(user, password);
    }
}
