package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StatusViewTest {

    @Test
    void aRouteTheRoleKeepsOffIsNotReportedAsNotStarted() throws Exception {
        String status = "{\"ready\":{\"status\":\"UP\",\"down\":[]},\"routes\":{\"total\":38,\"started\":37,"
                + "\"notStarted\":[],\"offByConfiguration\":[\"job-worker\"]}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        SystemStatusView.render(new ObjectMapper().readTree(status), printed);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("routes     37 of 38 started (off by configuration: job-worker)\n")
                .doesNotContain("not started");
    }

    @Test
    void everyLimitOnTheSharedBudgetIsShownBesideThisProcesssOwn() throws Exception {
        String status = "{\"sec\":{\"maxRequestsPerSecond\":8,\"limitsOnSharedBudget\":[8,8,1],\"paused\":false}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        SystemStatusView.render(new ObjectMapper().readTree(status), printed);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("sec        limit 8/s (each process on the shared budget: 8/s, 8/s, 1/s), flowing\n");
    }

    @Test
    void aBatchRunThatCouldNotStartShowsWhy() throws Exception {
        String status = "{\"lastBatch\":{\"id\":\"b1\",\"status\":\"failed\",\"started_at\":\"2026-12-04T09:30:00Z\","
                + "\"total\":0,\"reason\":\"no coverage list at /srv/coverage.txt\"}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        SystemStatusView.render(new ObjectMapper().readTree(status), printed);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("batch      b1 failed (started 2026-12-04T09:30:00Z):"
                + " no coverage list at /srv/coverage.txt\n");
    }

    @Test
    void anSecThatDidNotAnswerIsUnreachableNotFlowingAsTheHealthCheckSays() throws Exception {
        String status = "{\"sec\":{\"maxRequestsPerSecond\":8,\"paused\":false,\"lastStatus\":\"io-error\","
                + "\"lastAnswerAt\":\"2026-12-06T11:00:00Z\",\"reachable\":false,"
                + "\"lastError\":\"Connection refused\"}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        SystemStatusView.render(new ObjectMapper().readTree(status), printed);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("sec        limit 8/s, UNREACHABLE; last answer"
                + " io-error at 2026-12-06T11:00:00Z (Connection refused)\n");
    }
}
