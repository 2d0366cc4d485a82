package io.benchmarkos.ingest.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.tools.SecMirror;
import io.benchmarkos.ingest.support.TestApp;
import jakarta.jms.JMSException;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A job the broker does not take: the HTTP caller hears so at once (503), and the job row says it never ran. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerRefusalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private SecMirror sec;
    private TestApp app;

    @BeforeAll
    void start() throws Exception {
        sec = new SecMirror(Fixtures.secRoot(), 0).start();
        app = TestApp.start(sec.baseUrl());
        AdviceWith.adviceWith(app.app().camel(), "submit-job", route -> route.weaveById("enqueue-work").replace()
                .throwException(new JMSException("AMQ219010: Connection is destroyed")));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        sec.close();
    }

    @Test
    void aJobTheBrokerDoesNotTakeIsA503AndAFailedJob() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(app.apiUrl() + "/jobs")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ticker\":\"AAPL\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        String error = JSON.readTree(response.body()).path("error").asText();
        assertThat(error).matches("job [0-9a-f-]{36} was not queued: the message broker did not take it"
                + " \\(JMSException: AMQ219010: Connection is destroyed\\); send the request again once the broker"
                + " is reachable");
        String jobId = error.substring(4, 40);
        Map<String, Object> job = app.jobs().find(jobId).orElseThrow();
        assertThat(job.get("status")).isEqualTo("failed");
        assertThat((String) job.get("reason")).startsWith("not run: the message broker did not take its work"
                + " message (JMSException: AMQ219010: Connection is destroyed)");
        assertThat(app.count("SELECT COUNT(*) FROM active_job")).as("the company is free for the next request")
                .isZero();
    }
}
