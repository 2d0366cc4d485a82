package io.benchmarkos.ingest.cli;

import io.benchmarkos.ingest.app.ConfigLoader;
import io.benchmarkos.ingest.app.IngestApp;
import io.benchmarkos.ingest.app.InstanceConflictException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the application (broker, database, routes, HTTP API) and run until stopped.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--profile",
            description = "Configuration profile (default: ${DEFAULT-VALUE}; or BENCHMARKOS_PROFILE)")
    String profile = ConfigLoader.profileFromEnvironment();

    @Option(names = "--role", description = "all (default), worker (jobs only) or api (HTTP, intake, schedules)")
    String role;

    @Option(names = "-P", paramLabel = "KEY=VALUE", description = "Override a property, e.g. -P sec.data-base-url=...")
    Map<String, String> overrides = Map.of();

    @Override
    public Integer call() throws Exception {
        IngestApp app;
        try {
            Map<String, String> properties = new java.util.HashMap<>(overrides);
            if (role != null) {
                properties.put("benchmarkos.role", role);
                System.setProperty("benchmarkos.role", role);
            }
            app = new IngestApp(profile, properties).start();
        } catch (RuntimeException e) {
            System.err.println("benchmarkos-ingest failed to start: " + rootMessage(e));
            String hint = startHint(e, "Stop it or start this one on other ports (-P camel.server.port=...,"
                    + " -P broker.port=...).");
            if (!hint.isEmpty()) {
                System.err.println(hint);
            }
            return 1;
        }
        System.err.println("benchmarkos-ingest is running (profile " + profile + ", role "
                + app.property("benchmarkos.role") + "). API: " + url(app, "camel.server", "/api")
                + "  Management: " + url(app, "camel.management", "/observe")
                + "  Broker: " + brokerUrl(app) + "  Stop with Ctrl-C.");
        app.runUntilStopped();
        return 0;
    }

    /** Where a server listens, from its own settings ({@code prefix.host}, {@code prefix.port}), or "off". */
    private static String url(IngestApp app, String prefix, String path) {
        if (!"true".equals(app.property(prefix + ".enabled"))) {
            return "off";
        }
        return "http://" + app.property(prefix + ".host") + ":" + app.property(prefix + ".port") + path;
    }

    /**
     * What to do about a failed start: a port or database file another process holds means another instance;
     * anything else points at the configuration (a refused schema says what to do in its own message).
     */
    static String startHint(Throwable e, String ifAnotherInstance) {
        if (isInstanceConflict(e)) {
            // The start-up check's own message already says what is taken and what to do.
            return "";
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            // "Address already in use" (ports), "Database may be already in use" / "locked by another process" (H2).
            if (message.contains("already in use") || message.contains("locked by another process")) {
                return "Another instance seems to be running (a port, or the database in the data folder, is taken). "
                        + ifAnotherInstance;
            }
            // "Cannot assign requested address": a host this machine does not have, not a taken port.
            if (t instanceof java.net.BindException) {
                return "An address could not be bound (" + message + "): check the host settings"
                        + " (camel.server.host, camel.management.host, broker.url) name an address of this machine.";
            }
        }
        return "Check the configuration (config/application*.properties, -P overrides) and the log above.";
    }

    static boolean isInstanceConflict(Throwable e) {
        return instanceConflict(e).isPresent();
    }

    /** The start-up check's refusal somewhere in the causes of {@code e}, if that is why the start failed. */
    static Optional<InstanceConflictException> instanceConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InstanceConflictException conflict) {
                return Optional.of(conflict);
            }
        }
        return Optional.empty();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + root + ")";
    }

    /** Where clients reach the broker: the embedded one listens on broker.port, whatever broker.url says. */
    static String brokerUrl(IngestApp app) {
        return "true".equals(app.property("broker.embedded")) ? "tcp://127.0.0.1:" + app.property("broker.port")
                : app.property("broker.url");
    }
}
