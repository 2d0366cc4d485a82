package io.benchmarkos.ingest.app;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The Artemis broker of the default profile, started from {@code artemis/broker.xml} inside this JVM and stopped
 * with the Camel context (after the routes, so in-flight messages are acknowledged or rolled back first).
 *
 * <p>Start-up can begin early on a thread of its own ({@link #startInBackground()}) while the database and routes
 * are prepared; {@link #start()} then only waits for it, and Camel starts this service before any route.
 */
public class EmbeddedBroker extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final String configResource;
    private final Path dataDir;
    private final int corePort;
    private final int stompPort;
    /** The broker being started or running; null before {@link #startInBackground()} and after a stop. */
    private CompletableFuture<EmbeddedActiveMQ> starting;

    public EmbeddedBroker(String configResource, Path dataDir, int corePort, int stompPort) {
        this.configResource = configResource;
        this.dataDir = dataDir;
        this.corePort = corePort;
        this.stompPort = stompPort;
    }

    /** Begins starting Artemis on its own thread; idempotent. Failures surface from {@link #start()}. */
    synchronized void startInBackground() {
        if (starting != null) {
            return;
        }
        // broker.xml refers to these; Artemis substitutes system properties when it parses the file.
        System.setProperty("benchmarkos.broker.data-dir", dataDir.toAbsolutePath().toString());
        System.setProperty("benchmarkos.broker.port", Integer.toString(corePort));
        System.setProperty("benchmarkos.broker.stomp-port", Integer.toString(stompPort));
        System.setProperty("benchmarkos.broker.vm-id", Integer.toString(inVmId()));
        starting = CompletableFuture.supplyAsync(this::startArtemis, task -> {
            Thread thread = new Thread(task, "embedded-broker-start");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private EmbeddedActiveMQ startArtemis() {
        try {
            EmbeddedActiveMQ artemis = new EmbeddedActiveMQ();
            artemis.setConfigResourcePath(configResource);
            artemis.start();
            return artemis;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    @Override
    protected void doStart() throws Exception {
        startInBackground();
        awaitStart();
        LOG.info("Embedded Artemis broker started (journal {}, core 127.0.0.1:{}, STOMP 127.0.0.1:{})",
                dataDir.toAbsolutePath(), corePort, stompPort);
    }

    @Override
    protected void doStop() throws Exception {
        stopArtemis();
    }

    /**
     * Stops Artemis whether or not this service ever reached "started": when start-up fails after
     * {@link #startInBackground()}, Camel never starts (so never stops) this service, but the broker is running.
     */
    void stopArtemis() throws Exception {
        CompletableFuture<EmbeddedActiveMQ> pending;
        synchronized (this) {
            pending = starting;
            starting = null;
        }
        if (pending == null) {
            return;
        }
        EmbeddedActiveMQ artemis;
        try {
            artemis = pending.join();
        } catch (CompletionException e) {
            return; // it never started: nothing to stop
        }
        artemis.stop();
        LOG.info("Embedded Artemis broker stopped");
    }

    private void awaitStart() throws Exception {
        CompletableFuture<EmbeddedActiveMQ> pending;
        synchronized (this) {
            pending = starting;
        }
        try {
            pending.get();
        } catch (ExecutionException e) {
            synchronized (this) {
                starting = null;
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** In-VM acceptor id: the core port, so two brokers in one JVM (tests) never share one. */
    public int inVmId() {
        return corePort;
    }

    /** The broker's management API, for queue depths in health checks and status views (null until started). */
    public synchronized EmbeddedActiveMQ artemis() {
        return starting != null && starting.isDone() && !starting.isCompletedExceptionally() ? starting.join() : null;
    }
}
