package io.benchmarkos.ingest.cli;

import io.benchmarkos.ingest.support.TestApp;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code submit --wait} and {@code ask} that lose their broker while waiting for a job (the embedded broker stops
 * with {@code serve}) say so with exit code 3, at once, instead of blaming --timeout with exit code 4; and so do
 * {@code submit} and {@code ask} whose request no one took before the broker went (a stopping application's intake
 * is suspended), instead of a "no answer within 60 s" that did not pass.
 */
class BrokerLostWhileWaitingTest {

    private final EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
    private final String url = "tcp://127.0.0.1:" + TestApp.freePort();
    private Connection app;

    @BeforeEach
    void startBroker() throws Exception {
        broker.setConfiguration(new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(false)
                .addAcceptorConfiguration("core", url + "?protocols=CORE"));
        broker.start();
    }

    @AfterEach
    void stopBroker() throws Exception {
        if (app != null) {
            app.close();
        }
        broker.stop();
    }

    @Test
    void submitWaitingForAJobWhoseBrokerStopsSaysTheConnectionWasLost() throws Exception {
        answer("ingest.requests", "{\"jobId\":\"j-1\",\"company\":\"AAPL\"}", true);

        Run run = run("submit", "AAPL", "--wait", "--timeout", "120", "--broker-url", url);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).startsWith("the broker connection was lost while waiting for job j-1 (")
                .endsWith("; check later with: status j-1").doesNotContain("no completion event");
        assertThat(run.seconds()).isLessThan(30);
    }

    @Test
    void askWaitingForItsFetchWhoseBrokerStopsSaysTheConnectionWasLost() throws Exception {
        answer("ingest.ask", "{\"status\":\"fetching\",\"jobId\":\"j-2\",\"ticker\":\"AAPL\"}", true);

        Run run = run("ask", "metrics for AAPL", "--timeout", "120", "--broker-url", url);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).startsWith("the broker connection was lost while waiting for job j-2 (")
                .endsWith("; check later with: status j-2");
        assertThat(run.seconds()).isLessThan(30);
    }

    @Test
    void aBrokerThatStaysButSendsNoEventIsStillATimeout() throws Exception {
        answer("ingest.requests", "{\"jobId\":\"j-3\",\"company\":\"AAPL\"}", false);

        Run run = run("submit", "AAPL", "--wait", "--timeout", "3", "--broker-url", url);

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.stderr()).isEqualTo("no completion event for job j-3 within 3 s; check later with: status j-3");
        assertThat(run.seconds()).isGreaterThanOrEqualTo(2.9);
    }

    @Test
    void submitWhoseRequestNoOneTakesBeforeTheBrokerStopsSaysTheBrokerClosedTheConnection() throws Exception {
        // A stopping application has suspended its intake routes: the request waits until the broker goes.
        new Thread(this::stopBrokerQuietly).start();

        Run run = run("submit", "AAPL", "--broker-url", url + "?reconnectAttempts=0");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).isEqualTo("the broker at " + url + " closed the connection while submit waited"
                + " (is the application stopping or restarting? retry once it is back up)");
        assertThat(run.seconds()).isLessThan(15);
    }

    @Test
    void askWhoseQuestionNoOneTakesBeforeTheBrokerStopsSaysTheBrokerClosedTheConnection() throws Exception {
        new Thread(this::stopBrokerQuietly).start();

        Run run = run("ask", "metrics for AAPL", "--no-wait", "--broker-url", url);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).isEqualTo("the broker at " + url + " closed the connection while ask waited"
                + " (is the application stopping or restarting? retry once it is back up)");
        assertThat(run.seconds()).isLessThan(15);
    }

    /** The application's side: answers the first request on the queue, then, if asked to, stops the broker. */
    private void answer(String queue, String reply, boolean thenStopBroker) throws Exception {
        app = new ActiveMQConnectionFactory(url).createConnection();
        Session session = app.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createConsumer(session.createQueue(queue)).setMessageListener(request -> {
            try {
                MessageProducer producer = session.createProducer(request.getJMSReplyTo());
                Message answer = session.createTextMessage(reply);
                producer.send(answer);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (thenStopBroker) {
                new Thread(this::stopBrokerQuietly).start();
            }
        });
        app.start();
    }

    private void stopBrokerQuietly() {
        try {
            Thread.sleep(1000);
            broker.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Run(int exitCode, String stderr, double seconds) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        try {
            int code = Cli.commandLine().execute(args);
            return new Run(code, stderr.toString(StandardCharsets.UTF_8).strip(), (System.nanoTime() - start) / 1e9);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
