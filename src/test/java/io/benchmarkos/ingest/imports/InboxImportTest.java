package io.benchmarkos.ingest.imports;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.TestApp;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The running application imports an archive dropped in its inbox, and files it under done/ or failed/. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxImportTest {

    private Path dir;
    private Path inbox;
    private TestApp app;

    @BeforeAll
    void start() {
        dir = TestArchives.newDir();
        inbox = dir.resolve("inbox");
        // No SEC traffic here: the stub URL is never called.
        app = TestApp.start("http://127.0.0.1:9", Map.of("import.inbox-dir", inbox.toString()));
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void aDroppedArchiveIsImportedAndFiledUnderDone() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(TestArchives.entryName(Fixtures.APPLE), Fixtures.read(TestArchives.APPLE));
        entries.put(TestArchives.entryName(21), TestArchives.asCik(TestArchives.NVIDIA, 21));
        Path[] files = TestArchives.asFiles(dir, entries);
        Path archive = TestArchives.zip(dir, "companyfacts.zip", entries);
        long expected = Fixtures.entryCount(files[0]) + Fixtures.entryCount(files[1]);
        double readBefore = counter("benchmarkos.facts.read", null);
        double insertedBefore = counter("benchmarkos.facts.stored", "inserted");

        Files.copy(archive, inbox.resolve("companyfacts.zip"));

        await().atMost(Duration.ofSeconds(60)).until(() -> filesIn(inbox.resolve("done")).size() == 1);
        assertThat(filesIn(inbox.resolve("done")).get(0).getFileName().toString()).endsWith("-companyfacts.zip");
        assertThat(Files.exists(inbox.resolve("companyfacts.zip"))).isFalse();
        assertThat(app.count(Fixtures.STORED_FACTS + " WHERE cik IN (?, ?)", Fixtures.APPLE, 21L)).isEqualTo(expected);
        assertThat(app.count("SELECT COUNT(*) FROM import_run WHERE source = 'inbox' AND status = 'finished'"
                + " AND entries_done = 2 AND facts_inserted = ?", expected)).isEqualTo(1);
        // The facts counters count what the import committed, as they count a job's.
        assertThat(counter("benchmarkos.facts.read", null) - readBefore).isEqualTo(expected);
        assertThat(counter("benchmarkos.facts.stored", "inserted") - insertedBefore).isEqualTo(expected);
        assertThat(counter("benchmarkos.facts.stored", "updated")).isZero();
        // No job has cached SEC's ticker map: the CIK finds the imported company, and the ticker's 404 says why.
        assertThat(get("/companies/320193/facts?limit=1").statusCode()).isEqualTo(200);
        HttpResponse<String> byTicker = get("/companies/AAPL/facts");
        assertThat(byTicker.statusCode()).isEqualTo(404);
        assertThat(byTicker.body()).contains("no company loaded for AAPL (SEC's ticker map is not cached yet");
        // Imported companies have no tickers stored; that is not the ticker NULL (which found one of them).
        assertThat(get("/companies/NULL/facts").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.apiUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private double counter(String name, String change) {
        MeterRegistry meters = app.app().bean(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        var search = meters.find(name);
        if (change != null) {
            search = search.tag("change", change);
        }
        return search.counter().count();
    }

    @Test
    void aFileThatIsNotAZipIsFiledUnderFailed() throws Exception {
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("not-really.zip"), "this is not a zip archive", StandardCharsets.UTF_8);

        await().atMost(Duration.ofSeconds(60)).until(() -> filesIn(inbox.resolve("failed")).size() == 1);
        assertThat(filesIn(inbox.resolve("failed")).get(0).getFileName().toString()).endsWith("-not-really.zip");
        assertThat(Files.exists(inbox.resolve("not-really.zip"))).isFalse();
        assertThat(app.count("SELECT COUNT(*) FROM import_run WHERE archive_name = 'not-really.zip'"
                + " AND status = 'failed' AND reason LIKE 'not a readable zip archive%'")).isEqualTo(1);
    }

    @Test
    void anArchiveStillBeingWrittenWithPausesIsTakenOnlyOnceItIsWhole() throws Exception {
        // An app of its own whose inbox waits for an archive unchanged for 3 s (the default is a minute).
        Path slowDir = TestArchives.newDir();
        Path slowInbox = Files.createDirectories(slowDir.resolve("inbox"));
        Path archive = TestArchives.zip(slowDir, "companyfacts.zip",
                Map.of(TestArchives.entryName(Fixtures.APPLE), Fixtures.read(TestArchives.APPLE)));
        byte[] bytes = Files.readAllBytes(archive);
        try (TestApp slow = TestApp.start("http://127.0.0.1:9", Map.of("import.inbox-dir", slowInbox.toString(),
                "import.inbox.min-age-ms", "3000"))) {
            // A download that stalls for a second twice: longer than the size checks (0.1 s), shorter than 3 s.
            Path target = slowInbox.resolve("companyfacts.zip");
            int third = bytes.length / 3;
            Files.write(target, Arrays.copyOfRange(bytes, 0, third));
            Thread.sleep(1000);
            Files.write(target, Arrays.copyOfRange(bytes, third, 2 * third),
                    StandardOpenOption.APPEND);
            Thread.sleep(1000);
            Files.write(target, Arrays.copyOfRange(bytes, 2 * third, bytes.length),
                    StandardOpenOption.APPEND);

            await().atMost(Duration.ofSeconds(60)).until(() -> filesIn(slowInbox.resolve("done")).size()
                    + filesIn(slowInbox.resolve("failed")).size() == 1);
            assertThat(filesIn(slowInbox.resolve("failed"))).isEmpty();
            assertThat(slow.count("SELECT COUNT(*) FROM import_run WHERE status = 'finished' AND entries_done = 1"))
                    .isEqualTo(1);
        }
    }

    @Test
    void onlyTheNewestImportedArchivesStayUnderDone() throws Exception {
        Path keepDir = TestArchives.newDir();
        Path done = Files.createDirectories(keepDir.resolve("inbox").resolve("done"));
        for (String name : List.of("20261201-030000-companyfacts.zip", "20261202-030000-companyfacts.zip",
                "20261203-030000-companyfacts.zip", "20261204-030000-companyfacts.zip")) {
            Files.writeString(done.resolve(name), "imported", StandardCharsets.UTF_8);
        }
        // Not named by the inbox route: somebody put it there, so it is not the route's to delete.
        Files.writeString(done.resolve("notes.zip"), "kept", StandardCharsets.UTF_8);
        try (TestApp keeping = TestApp.start("http://127.0.0.1:9", Map.of(
                "import.inbox-dir", keepDir.resolve("inbox").toString(), "import.done-keep", "2",
                "import.done-retention-poll-ms", "100"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> filesIn(done).size() == 3);
            // Another poll must not take a third: the two newest stay.
            Thread.sleep(500);
            assertThat(filesIn(done).stream().map(path -> path.getFileName().toString()).sorted())
                    .containsExactly("20261203-030000-companyfacts.zip", "20261204-030000-companyfacts.zip",
                            "notes.zip");
        }
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
