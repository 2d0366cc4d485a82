package io.benchmarkos.ingest.jobs;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A damaged ticker map fails a job by ticker with a one-line reason, and doing what it says gets the job through. */
class TickerMapFailureTest {

    @Test
    void aTruncatedTickerMapIsOneLineThatSaysWhatToDo() throws Exception {
        Path secDir = Fixtures.copyToTemp();
        Path map = secDir.resolve("files/company_tickers.json");
        byte[] whole = Files.readAllBytes(map);
        Files.write(map, Arrays.copyOf(whole, 300));
        try (TestApp app = TestApp.serving(secDir)) {
            Map<String, Object> failed = app.awaitFinished(app.submitTicker("AAPL"));

            assertThat(failed).containsEntry("status", "failed");
            // Jackson's own text put a line break and "Source: REDACTED (…)" into the reason.
            assertThat((String) failed.get("reason")).startsWith("SEC ticker map (company_tickers.json) is malformed"
                    + " or truncated: Unexpected end-of-input").contains(" at line 1, column 301; ")
                    .contains("replace its file first").doesNotContain("\n").doesNotContain("REDACTED")
                    .endsWith("(" + app.mirror().baseUrl() + "/files/company_tickers.json)");

            Files.write(map, whole);
            assertThat(app.awaitFinished(app.submitTicker("AAPL"))).containsEntry("status", "succeeded");
        }
    }
}
