package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.benchmarkos.ingest.facts.FactLoader;
import io.benchmarkos.ingest.jobs.InvalidJobException;
import io.benchmarkos.ingest.jobs.JobRequestParser;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Send an ingest job for a company over JMS and, with --wait, print its outcome.")
final class SubmitCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "TICKER_OR_CIK", description = "e.g. MSFT, BRK.B or 789019")
    String company;

    @Option(names = "--wait", description = "Wait for the completion event and print the outcome")
    boolean await;

    @Option(names = "--timeout", description = "Seconds to wait with --wait (default ${DEFAULT-VALUE})")
    // Longer than an SEC rate-limit pause (sec.pause-on-rate-limit-ms, 10 min), which a job may have to sit out.
    int timeoutSeconds = 900;

    @Option(names = "--years", description = "Keep only this many recent years of facts")
    Integer years;

    @Option(names = "--batch", description = "Submit at batch priority (behind on-demand jobs)")
    boolean batch;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        ObjectNode request = request();
        try {
            // The server's own checks, here: a typo is answered at once and sends nothing to the dead-letter queue.
            new JobRequestParser(JSON, Integer.MAX_VALUE).parse(JSON.writeValueAsBytes(request));
        } catch (InvalidJobException e) {
            System.err.println("rejected: " + e.getMessage());
            return 2;
        }
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(client.brokerUrl());
        JobEventWait wait = null;
        try (Connection connection = client.brokerUser().isBlank() ? factory.createConnection()
                : factory.createConnection(client.brokerUser(), client.brokerPassword())) {
            wait = new JobEventWait(connection);
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // Listen before sending, so the completion event cannot slip past.
            Topic events = session.createTopic(client.setting("jobs.event-topic"));
            MessageConsumer eventConsumer = session.createConsumer(events);
            JsonNode ticket = requestJob(wait, session, request);
            if (ticket.has("error")) {
                System.err.println("rejected: " + ticket.get("error").asText());
                return 2;
            }
            String jobId = ticket.get("jobId").asText();
            System.out.println((ticket.path("duplicate").asBoolean() ? "already queued: job " : "queued: job ") + jobId
                    + " for " + ticket.path("company").asText());
            return await ? awaitEvent(wait, eventConsumer, jobId) : 0;
        } catch (JobEventWait.BrokerLostException | JobEventWait.NoReplyException | JMSException e) {
            return client.brokerFailure("submit", e, wait);
        }
    }

    private ObjectNode request() {
        ObjectNode request = JSON.createObjectNode().put(company.matches("\\d+") ? "cik" : "ticker", company)
                .put("requestedBy", "cli:" + System.getProperty("user.name", "?"))
                .put("correlationId", UUID.randomUUID().toString());
        if (years != null) {
            request.put("years", years);
        }
        if (batch) {
            request.put("mode", "batch");
        }
        return request;
    }

    private JsonNode requestJob(JobEventWait wait, Session session, ObjectNode request) throws Exception {
        TemporaryQueue replies = session.createTemporaryQueue();
        MessageProducer producer = session.createProducer(session.createQueue(client.setting("jobs.request-queue")));
        TextMessage message = session.createTextMessage(JSON.writeValueAsString(request));
        message.setJMSReplyTo(replies);
        producer.send(message);
        Message reply = wait.reply(session.createConsumer(replies), 30, "submit",
                client.setting("jobs.request-queue"));
        return JSON.readTree(JobEventWait.text(reply));
    }

    private int awaitEvent(JobEventWait wait, MessageConsumer events, String jobId) throws Exception {
        JobEventWait.Outcome waited = wait.awaitOrSay(events, jobId, timeoutSeconds, System.err);
        JsonNode event = waited.event();
        if (event == null) {
            return waited.exitCode();
        }
        print(event);
        return "succeeded".equals(event.path("status").asText()) ? 0 : 1;
    }

    private static void print(JsonNode event) {
        System.out.println(outcomeLine(event));
        if (!event.path("reason").isNull() && !event.path("reason").asText().isEmpty()) {
            System.out.println("reason: " + event.path("reason").asText());
        }
        event.path("warnings").forEach(w -> System.out.println("warning: " + w.asText()));
    }

    /** "SUCCEEDED: AAPL (CIK 320193) Apple Inc. — 24579 facts read (…), 1005 new filings, 2.4 s". */
    static String outcomeLine(JsonNode event) {
        String ticker = event.path("ticker").asText("");
        String cik = event.path("cik").isNull() ? "" : event.path("cik").asText("");
        String company = ticker.isEmpty() ? "CIK " + cik : cik.isEmpty() ? ticker : ticker + " (CIK " + cik + ")";
        String name = event.path("companyName").asText("");
        boolean notReadAgain = false;
        for (JsonNode warning : event.path("warnings")) {
            notReadAgain |= warning.asText().startsWith(FactLoader.NOT_READ_AGAIN);
        }
        // A refresh of an unchanged document reads no fact: "0 facts read" would look like an empty company.
        String facts = notReadAgain ? "companyfacts unchanged, stored facts kept"
                : String.format("%d facts read (%d new, %d changed, %d unchanged)", event.path("factsRead").asLong(),
                        event.path("factsInserted").asLong(), event.path("factsUpdated").asLong(),
                        event.path("factsUnchanged").asLong());
        return String.format("%s: %s — %s, %d new filings, %.1f s", event.path("status").asText().toUpperCase(),
                name.isEmpty() ? company : company + " " + name, facts, event.path("filingsStored").asLong(),
                event.path("durationMillis").asLong() / 1000.0);
    }
}
