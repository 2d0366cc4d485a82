package io.benchmarkos.ingest.app;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stop cut short at its deadline names what held it up: here a job waiting on an SEC request that does not
 * answer, where the line used to guess at an unreachable broker or database.
 */
class StopInFlightTest {

    @Test
    void aJobWaitingOnSecIsNamedWithItsRouteAndDuration() throws Exception {
        try (TestApp app = TestApp.serving(Fixtures.copyToTemp())) {
            app.mirror().slowDown("companyfacts/CIK0000320193", 6000);
            String jobId = app.submitTicker("AAPL");

            // Stalled on the companyfacts request: in sec-get for longer than its other, quick, requests take.
            Pattern stalled = Pattern.compile("job-worker \\(job " + jobId
                    + " for AAPL \\(CIK 320193\\)\\) for [2-9] s, now in route sec-get");
            await().atMost(Duration.ofSeconds(20)).until(() -> stalled.matcher(app.app().inFlight()).find());
            assertThat(app.awaitFinished(jobId)).containsEntry("status", "succeeded");
        }
    }
}
