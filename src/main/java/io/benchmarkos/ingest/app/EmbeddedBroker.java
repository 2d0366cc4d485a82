package io.benchmarkos.ingest.app;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The Artemis broker of the default profile, started from {@code artemis/broker.xml} inside this JVM and stopped
 * with the Camel context (after the routes, so in-flight messages are acknowledged or rolled back first).
 */
public class EmbeddedBroker extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final String configResource;
    private final Path dataDir;
    private final int corePort;
    private final int stompPort;
    private EmbeddedActiveMQ broker;

    public EmbeddedBroker(String configResource, Path dataDir, int corePort, int stompPort) {
        this.configResource = configResource;
        this.dataDir = dataDir;
        this.corePort = corePort;
        this.stompPort = stompPort;
    }

    @Override
    protected void doStart() throws Exception {
        // broker.xml refers to these; Artemis substitutes system properties when it parses the file.
        System.setProperty("benchmarkos.broker.data-dir", dataDir.toAbsolutePath().toString());
        System.setProperty("benchmarkos.broker.port", Integer.toString(corePort));
        System.setProperty("benchmarkos.broker.stomp-port", Integer.toString(stompPort));
        System.setProperty("benchmarkos.broker.vm-id", Integer.toString(inVmId()));
        broker = new EmbeddedActiveMQ();
        broker.setConfigResourcePath(configResource);
        broker.start();
        LOG.info("Embedded Artemis broker started (journal {}, core 127.0.0.1:{}, STOMP 127.0.0.1:{})",
                dataDir.toAbsolutePath(), corePort, stompPort);
    }

    @Override
    protected void doStop() throws Exception {
        if (broker != null) {
            broker.stop();
            broker = null;
            LOG.info("Embedded Artemis broker stopped");
        }
    }

    /** In-VM acceptor id: the core port, so two brokers in one JVM (tests) never share one. */
    public int inVmId() {
        return corePort;
    }

    /** The broker's management API, for queue depths in health checks and status views. */
    public EmbeddedActiveMQ artemis() {
        return broker;
    }
}
