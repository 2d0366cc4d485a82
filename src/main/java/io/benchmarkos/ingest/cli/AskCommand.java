package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "ask", mixinStandardHelpOptions = true,
        description = {"Ask for a company's metrics as the chatbot does, e.g. ask \"metrics for MSFT phase 1\".",
            "Fresh data is answered at once; otherwise prints Fetching… and then, unless --no-wait, Ready when"
                + " the data is loaded."})
final class AskCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "QUESTION", arity = "1..*", description = "e.g. metrics for MSFT phase 1")
    String[] words;

    @Option(names = "--no-wait", description = "Print Fetching… and return without waiting for the data")
    boolean noWait;

    @Option(names = "--timeout", description = "Seconds to wait for a fetch (default ${DEFAULT-VALUE})")
    // Longer than an SEC rate-limit pause (sec.pause-on-rate-limit-ms, 10 min), which a job may have to sit out.
    int timeoutSeconds = 900;

    @Option(names = "--json", description = "Print the raw JSON answers")
    boolean json;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        String question = String.join(" ", words);
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(client.brokerUrl());
        JobEventWait wait = null;
        try (Connection connection = client.brokerUser().isBlank() ? factory.createConnection()
                : factory.createConnection(client.brokerUser(), client.brokerPassword())) {
            wait = new JobEventWait(connection);
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = session.createConsumer(session.createTopic(client.setting("jobs.event-topic")));
            JsonNode answer = ask(wait, session, question);
            if (!"fetching".equals(answer.path("status").asText()) || noWait) {
                print(answer);
                return exitCode(answer);
            }
            if (json) {
                print(answer);
            } else {
                // The service tells a chatbot to ask again later; this command waits for it instead.
                System.out.println("Fetching " + company(answer) + "… (job " + answer.path("jobId").asText()
                        + "); waiting up to " + timeoutSeconds + " s for its completion event");
            }
            JobEventWait.Outcome waited = wait.awaitOrSay(events, answer.path("jobId").asText(), timeoutSeconds,
                    System.err);
            JsonNode event = waited.event();
            if (event == null) {
                return waited.exitCode();
            }
            if (!"succeeded".equals(event.path("status").asText())) {
                System.out.println("Failed: job " + event.path("jobId").asText() + " for " + company(answer) + ": "
                        + event.path("reason").asText());
                return 1;
            }
            JsonNode ready = ask(wait, session, question);
            print(ready);
            return exitCode(ready);
        } catch (JobEventWait.BrokerLostException | JobEventWait.NoReplyException | JMSException e) {
            return client.brokerFailure("ask", e, wait);
        }
    }

    private JsonNode ask(JobEventWait wait, Session session, String question) throws Exception {
        TemporaryQueue replies = session.createTemporaryQueue();
        MessageProducer producer = session.createProducer(session.createQueue(client.setting("jobs.ask-queue")));
        TextMessage message = session.createTextMessage(JSON.createObjectNode().put("question", question).toString());
        message.setJMSReplyTo(replies);
        producer.send(message);
        Message reply = wait.reply(session.createConsumer(replies), 60, "ask", client.setting("jobs.ask-queue"));
        return JSON.readTree(JobEventWait.text(reply));
    }

    private void print(JsonNode answer) throws Exception {
        if (json) {
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            return;
        }
        System.out.println(answer.path("message").asText());
        if (answer.has("metrics")) {
            System.out.println(MetricsTable.render(answer.get("metrics")));
        }
    }

    private static String company(JsonNode answer) {
        return answer.hasNonNull("ticker") ? answer.get("ticker").asText() : "CIK " + answer.path("cik").asText();
    }

    private static int exitCode(JsonNode answer) {
        return switch (answer.path("status").asText()) {
            case "error" -> 2;
            case "failed" -> 1;
            default -> 0;
        };
    }
}
