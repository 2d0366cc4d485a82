package io.benchmarkos.ingest.cli;

import io.benchmarkos.ingest.app.BrokerLogin;
import io.benchmarkos.ingest.app.ConfigLoader;
import jakarta.jms.JMSException;
import picocli.CommandLine.Option;

import java.util.Properties;

/** Where the client commands find a running application; defaults come from the same configuration files. */
final class ClientOptions {

    private final Properties config = ConfigLoader.load(ConfigLoader.profileFromEnvironment());

    @Option(names = "--broker-url", description = "Broker the application listens on (default from broker.url)")
    String brokerUrl;

    @Option(names = "--api-url",
            description = "Base URL of the application's HTTP API (default http://127.0.0.1:<camel.server.port>/api)")
    String apiUrl;

    @Option(names = "--token", description = "API token (or BENCHMARKOS_API_TOKEN, or the server's API_TOKEN); not"
            + " needed for the embedded demo")
    String token = System.getenv("BENCHMARKOS_API_TOKEN");

    String brokerUrl() {
        return brokerUrl != null ? brokerUrl : setting("broker.url");
    }

    String brokerUser() {
        return setting("broker.user");
    }

    String brokerPassword() {
        return setting("broker.password");
    }

    /** The token to send: --token, BENCHMARKOS_API_TOKEN, or api.token as the server reads it (API_TOKEN). */
    String token() {
        String chosen = token != null && !token.isBlank() ? token : setting("api.token");
        return chosen.isBlank() ? null : chosen.trim();
    }

    /** What to check when nothing answers at the broker or API address. */
    String startHint() {
        return "is the application running there? The embedded default starts with: java -jar"
                + " target/benchmarkos-ingest.jar serve; in production, check that the broker and the api process run"
                + " and --broker-url / --api-url";
    }

    /**
     * Says on stderr why a JMS command ({@code submit}, {@code ask}) ended on its broker connection, and returns its
     * exit code (3): the broker went away while it waited, the application gave no answer, or the connection failed.
     */
    int brokerFailure(String command, Exception failure, JobEventWait wait) {
        if (failure instanceof JobEventWait.NoReplyException) {
            System.err.println(failure.getMessage());
        } else if (failure instanceof JobEventWait.BrokerLostException || wait != null && wait.lost()) {
            // Once connected, a failing call is the broker going away, not a broker that cannot be reached.
            System.err.println(brokerClosed(command));
        } else {
            System.err.println(brokerProblem((JMSException) failure));
        }
        return 3;
    }

    /** One line for a broker connection that failed: its login refused, or the broker not reached. */
    String brokerProblem(JMSException e) {
        return BrokerLogin.refusal(e, brokerUrl(), brokerUser(), "BROKER_PASSWORD")
                .orElseGet(() -> "cannot reach the broker at " + brokerUrl() + " (" + e.getMessage() + "): "
                        + startHint());
    }

    /**
     * One line for a broker connection that was made and then went away, as it does when {@code serve} stops with its
     * embedded broker: a stopping application takes no request, so its broker's going is what ends the wait.
     */
    String brokerClosed(String command) {
        return "the broker at " + BrokerLogin.withoutQuery(brokerUrl()) + " closed the connection while " + command
                + " waited (is the application stopping or restarting? retry once it is back up)";
    }

    String apiUrl() {
        return apiUrl != null ? apiUrl : "http://127.0.0.1:" + setting("camel.server.port") + "/api";
    }

    String setting(String key) {
        String env = System.getenv(key.toUpperCase().replace('.', '_').replace('-', '_'));
        return System.getProperty(key, env != null ? env : config.getProperty(key, ""));
    }
}
