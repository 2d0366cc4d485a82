package io.benchmarkos.ingest.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Route files are named one by one in the configuration (no jar scan at start-up): none may be forgotten. */
class RouteFilesListedTest {

    @Test
    void everyRouteFileIsLoaded() throws IOException {
        String pattern = ConfigLoader.load(ConfigLoader.DEFAULT_PROFILE)
                .getProperty("camel.main.routes-include-pattern");
        Set<String> listed = Arrays.stream(pattern.split(",")).map(String::trim).collect(Collectors.toSet());

        Set<String> files;
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            files = routes.map(p -> "classpath:routes/" + p.getFileName()).filter(name -> name.endsWith(".yaml"))
                    .collect(Collectors.toSet());
        }

        assertThat(files).isNotEmpty();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(files);
    }
}
