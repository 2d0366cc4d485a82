package io.benchmarkos.ingest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/**
 * Headless Chromium driven by chromedriver over the plain W3C WebDriver HTTP protocol (no browser download, no
 * Selenium): the Debian packages {@code chromium} and {@code chromium-driver} are all it needs.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final String session;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** Why a browser test cannot run here, or empty when Chromium and chromedriver are installed. */
    public static Optional<String> missing() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return Optional.empty();
        }
        return Optional.of("Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                + "); install it with: apt-get install -y chromium chromium-driver");
    }

    public HeadlessChromium(Path profileDir) throws IOException {
        int port = TestApp.freePort();
        base = "http://127.0.0.1:" + port;
        driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(profileDir.resolveSibling("chromedriver.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> call("GET", "/status", null)
                .path("value").path("ready").asBoolean());
        ObjectNode options = JSON.createObjectNode().put("binary", CHROMIUM.toString());
        List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--window-size=1400,900",
                "--user-data-dir=" + profileDir.toAbsolutePath()).forEach(options.putArray("args")::add);
        ObjectNode capabilities = JSON.createObjectNode();
        capabilities.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome")
                .set("goog:chromeOptions", options);
        session = call("POST", "/session", capabilities).path("value").path("sessionId").asText();
    }

    public void open(String url) {
        command("POST", "/url", JSON.createObjectNode().put("url", url));
    }

    /** Waits until an element matches the XPath and returns its id (the last match: the deepest tree node). */
    public String find(String xpath, Duration timeout) {
        String[] found = new String[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode elements = command("POST", "/elements",
                    JSON.createObjectNode().put("using", "xpath").put("value", xpath)).path("value");
            if (elements.isEmpty()) {
                return false;
            }
            found[0] = elements.get(elements.size() - 1).path(ELEMENT).asText();
            return true;
        });
        return found[0];
    }

    public void click(String element) {
        command("POST", "/element/" + element + "/click", JSON.createObjectNode());
    }

    /**
     * Clicks the element the XPath matches once it takes the click. A tree that is still filtering or re-rendering
     * can show a match that is not interactable yet or is replaced a moment later, so the lookup is repeated.
     */
    public void clickWhenReady(String xpath, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() ->
                click(find(xpath, Duration.ofSeconds(5))));
    }

    public void type(String element, String text) {
        command("POST", "/element/" + element + "/value", JSON.createObjectNode().put("text", text));
    }

    public void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(command("GET", "/screenshot", null).path("value").asText()));
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                command("DELETE", "", null);
            }
        } finally {
            driver.destroy();
        }
    }

    private JsonNode command(String method, String path, JsonNode body) {
        JsonNode answer = call(method, "/session/" + session + path, body);
        if (answer.path("value").has("error")) {
            throw new IllegalStateException("WebDriver " + path + ": " + answer.path("value").path("message").asText());
        }
        return answer;
    }

    private JsonNode call(String method, String path, JsonNode body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString());
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").method(method, publisher).build();
        try {
            return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
