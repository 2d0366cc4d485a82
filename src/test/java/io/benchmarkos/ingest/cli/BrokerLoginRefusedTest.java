package io.benchmarkos.ingest.cli;

import io.benchmarkos.ingest.support.SecuredBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A broker that refuses the client's login is not reported as one the client cannot reach. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerLoginRefusedTest {

    private SecuredBroker broker;

    @BeforeAll
    void startBroker() throws Exception {
        broker = new SecuredBroker().start();
    }

    @AfterAll
    void stopBroker() throws Exception {
        broker.close();
    }

    @AfterEach
    void forgetLogin() {
        System.clearProperty("broker.user");
        System.clearProperty("broker.password");
    }

    @Test
    void submitWithAWrongPasswordSaysTheBrokerRefusedItAndWhatToSet() {
        login(SecuredBroker.USER, "wrong-password");

        String printed = stderrOf("submit", "AAPL", "--broker-url", broker.url());

        assertThat(printed).startsWith("the broker at " + broker.url() + " refused user 'ingest' and its password")
                .contains("AMQ229031").contains("set BROKER_PASSWORD").contains("broker.user")
                .doesNotContain("cannot reach");
    }

    @Test
    void askWithoutAUserSaysTheBrokerWantsALogin() {
        login("", "");

        String printed = stderrOf("ask", "metrics for AAPL", "--broker-url", broker.url());

        assertThat(printed).startsWith("the broker at " + broker.url() + " requires a login")
                .contains("set broker.user (BROKER_USER) and BROKER_PASSWORD").doesNotContain("cannot reach");
    }

    private static void login(String user, String password) {
        System.setProperty("broker.user", user);
        System.setProperty("broker.password", password);
    }

    /** What the command printed to stderr (it must end with exit code 3), without the line end. */
    private static String stderrOf(String... args) {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(Cli.commandLine().execute(args)).isEqualTo(3);
        } finally {
            System.setErr(before);
        }
        return err.toString(StandardCharsets.UTF_8).strip();
    }
}
