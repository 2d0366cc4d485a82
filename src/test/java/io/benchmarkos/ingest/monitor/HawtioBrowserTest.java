package io.benchmarkos.ingest.monitor;

import io.benchmarkos.ingest.support.Fixtures;
import io.benchmarkos.ingest.support.HeadlessChromium;
import io.benchmarkos.ingest.support.TestApp;
import io.benchmarkos.ingest.tools.SecMirror;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hawtio as an operator sees it: the standalone console (target/hawtio, fetched by the build) connected through its
 * proxy to the app's Jolokia, opened in headless Chromium after one job. It finds the Camel routes by id with the
 * job counted, and the job queue in the Artemis tree, and saves the screenshots docs/monitoring*.png.
 * Skips only where Chromium is not installed.
 */
class HawtioBrowserTest {

    private static final Path HAWTIO_JAR = Path.of("target", "hawtio", "hawtio-app.jar");
    private static final Duration UI = Duration.ofSeconds(60);

    @Test
    void hawtioShowsTheRoutesByIdAndTheJobQueue() throws Exception {
        assumeTrue(HeadlessChromium.missing().isEmpty(), () -> "SKIPPED: " + HeadlessChromium.missing().get());
        assertThat(HAWTIO_JAR).as("Hawtio jar (mvn generate-test-resources copies it)").exists();
        Path work = Files.createTempDirectory(Path.of("target"), "hawtio-test-");

        try (SecMirror sec = new SecMirror(Fixtures.copyToTemp(), 0).start();
             TestApp app = TestApp.start(sec.baseUrl())) {
            assertThat(app.awaitFinished(app.submitTicker("AAPL"))).containsEntry("status", "succeeded");
            int hawtioPort = TestApp.freePort();
            Process hawtio = startHawtio(hawtioPort, work.resolve("hawtio.log"));
            try (HeadlessChromium browser = new HeadlessChromium(work.resolve("chromium-profile"))) {
                String hawtioUrl = "http://127.0.0.1:" + hawtioPort + "/hawtio";
                await().atMost(UI).ignoreExceptions().until(() -> Http.get(hawtioUrl + "/").status() == 200);
                String jolokia = hawtioUrl + "/proxy/http/127.0.0.1/" + app.app().property("camel.management.port")
                        + "/observe/jolokia";
                String connect = "jolokiaUrl=" + URLEncoder.encode(jolokia, StandardCharsets.UTF_8)
                        + "&title=benchmarkos";

                browser.open(hawtioUrl + "/camel/routes?" + connect);
                browser.find(text("sec-get"), UI);
                browser.find(text("load-companyfacts"), UI);
                // The job went through job-worker once: the routes table counts it.
                browser.find("//tr[td[normalize-space()='job-worker']]/td[normalize-space()='1']", UI);
                browser.screenshot(Path.of("docs", "monitoring.png"));

                browser.open(hawtioUrl + "/jmx/attributes?" + connect);
                browser.type(browser.find("//input[@placeholder='Search tree:']", UI), "ingest.work");
                browser.clickWhenReady(text("ingest.work"), UI);
                browser.find("//*[contains(text(), 'queue=\"ingest.work\"')]", UI);
                // Three workers listen on the job queue: jobs.concurrency=2 and the one kept for on-demand jobs.
                browser.find("//tr[td[normalize-space()='Consumer count']]/td[normalize-space()='3']", UI);
                browser.screenshot(Path.of("docs", "monitoring-queue.png"));
            } finally {
                hawtio.destroy();
            }
        }
        assertThat(Path.of("docs", "monitoring.png")).isNotEmptyFile();
    }

    private static String text(String value) {
        return "//*[normalize-space(text())='" + value + "']";
    }

    private static Process startHawtio(int port, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Dhawtio.authenticationEnabled=false",
                "-Dhawtio.proxyWhitelist=127.0.0.1,localhost", "-jar", HAWTIO_JAR.toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
