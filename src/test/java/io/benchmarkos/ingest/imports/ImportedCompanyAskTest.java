package io.benchmarkos.ingest.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A company loaded by a job, then given newer facts by an archive import (which computes no metrics): the next
 * question must not be answered from the metrics of the older facts.
 */
class ImportedCompanyAskTest {

    private static final String APPLE_FACTS = "api/xbrl/companyfacts/CIK0000320193.json";

    private TestApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void anImportedCompanyIsFetchedAgainBeforeItsMetricsAreQuoted() throws Exception {
        // SEC serves the older Apple snapshot (fiscal years to 2024) until the newer one is published.
        Path sec = Fixtures.copyToTemp();
        Path newer = Files.copy(sec.resolve(APPLE_FACTS), sec.resolve("newer-apple.json"));
        Files.copy(sec.resolve(TestArchives.APPLE_OLDER), sec.resolve(APPLE_FACTS),
                StandardCopyOption.REPLACE_EXISTING);
        Path dir = TestArchives.newDir();
        Path inbox = dir.resolve("inbox");
        app = TestApp.serving(sec, Map.of("import.inbox-dir", inbox.toString()));
        JsonNode first = app.ask("metrics for AAPL phase 1");
        assertThat(app.awaitFinished(first.path("jobId").asText())).containsEntry("status", "succeeded");
        assertThat(app.ask("metrics for AAPL phase 1").path("fiscalYear").asInt()).isEqualTo(2024);

        // The night's archive has the newer document; SEC publishes it too.
        Path archive = TestArchives.zip(dir, "companyfacts.zip",
                Map.of(TestArchives.entryName(Fixtures.APPLE), Files.readAllBytes(newer)));
        Files.createDirectories(inbox);
        Files.move(archive, inbox.resolve("companyfacts.zip"));
        await().atMost(Duration.ofSeconds(60)).until(() -> app.count("SELECT COUNT(*) FROM import_run"
                + " WHERE status = 'finished' AND entries_done = 1") == 1);
        Files.copy(newer, sec.resolve(APPLE_FACTS), StandardCopyOption.REPLACE_EXISTING);

        JsonNode afterImport = app.ask("metrics for AAPL phase 1");

        assertThat(afterImport.path("status").asText()).as("not the FY2024 metrics as ready").isEqualTo("fetching");
        Map<String, Object> refetch = app.awaitFinished(afterImport.path("jobId").asText());
        assertThat(refetch).containsEntry("status", "succeeded");
        // The document is the one the import loaded: not parsed again, and not dated by this job's own fetch.
        assertThat(String.valueOf(refetch.get("warnings"))).contains("unchanged since an archive import");
        JsonNode ready = app.ask("metrics for AAPL phase 1");
        assertThat(ready.path("status").asText()).isEqualTo("ready");
        assertThat(ready.path("fiscalYear").asInt()).isEqualTo(2025);
    }
}
