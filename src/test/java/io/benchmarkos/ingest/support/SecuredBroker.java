package io.benchmarkos.ingest.support;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

import java.util.Set;

/**
 * A broker that requires a login, as the production one does (artemis/broker-standalone.xml): one user, allowed
 * everything, on a loopback port of its own. Nothing is persisted.
 */
public final class SecuredBroker implements AutoCloseable {

    public static final String USER = "ingest";
    public static final String PASSWORD = "right-password";

    private final EmbeddedActiveMQ artemis = new EmbeddedActiveMQ();
    private final int port = TestApp.freePort();

    public SecuredBroker start() throws Exception {
        Configuration config = new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(true)
                .addAcceptorConfiguration("core", "tcp://127.0.0.1:" + port + "?protocols=CORE");
        config.putSecurityRoles("#", Set.of(new Role(USER, true, true, true, true, true, true, true, true, true,
                true, false, false)));
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(USER, PASSWORD);
        users.addRole(USER, USER);
        artemis.setConfiguration(config);
        artemis.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
        artemis.start();
        return this;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        artemis.stop();
    }
}
