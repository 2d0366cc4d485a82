package io.benchmarkos.ingest.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Reads {@code config/application.properties} and then {@code config/application-<profile>.properties}, each
 * from the jar first and then from {@code ./config} (so an edited copy beside the jar wins). System properties
 * and environment variables override both (Camel's property resolution does that).
 */
public final class ConfigLoader {

    public static final String DEFAULT_PROFILE = "embedded";

    private ConfigLoader() {
    }

    public static Properties load(String profile) {
        Properties merged = new Properties();
        mergeFile(merged, "application.properties");
        if (profile != null && !profile.isBlank() && !DEFAULT_PROFILE.equals(profile)) {
            if (!mergeFile(merged, "application-" + profile + ".properties")) {
                throw new IllegalArgumentException("unknown profile '" + profile + "': no config/application-"
                        + profile + ".properties");
            }
        }
        merged.setProperty("benchmarkos.profile", profile == null || profile.isBlank() ? DEFAULT_PROFILE : profile);
        overlay(merged, System::getenv, System::getProperty);
        return merged;
    }

    /**
     * Environment variables (KEY_NAME for key.name) and then system properties replace the files' values. Camel
     * resolves {@code {{placeholders}}} that way itself, but it binds its own {@code camel.server.*} options from
     * these properties as they are: CAMEL_SERVER_PORT was ignored while the start-up banner showed it.
     */
    static void overlay(Properties properties, UnaryOperator<String> environment, UnaryOperator<String> system) {
        for (String key : properties.stringPropertyNames()) {
            String fromEnvironment = environment.apply(key.toUpperCase(Locale.ROOT).replace('.', '_')
                    .replace('-', '_'));
            String fromSystem = system.apply(key);
            String chosen = fromSystem != null ? fromSystem : fromEnvironment;
            if (chosen != null) {
                properties.setProperty(key, chosen);
            }
        }
    }

    /** The profile named by -Dbenchmarkos.profile or BENCHMARKOS_PROFILE, else the embedded default. */
    public static String profileFromEnvironment() {
        String profile = System.getProperty("benchmarkos.profile", System.getenv("BENCHMARKOS_PROFILE"));
        return profile == null || profile.isBlank() ? DEFAULT_PROFILE : profile.trim();
    }

    private static boolean mergeFile(Properties target, String name) {
        boolean found = false;
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream("config/" + name)) {
            if (in != null) {
                target.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                found = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config/" + name + " from the jar", e);
        }
        Path local = Path.of(System.getProperty("benchmarkos.config-dir", "config"), name);
        if (Files.isRegularFile(local)) {
            try (Reader reader = Files.newBufferedReader(local, StandardCharsets.UTF_8)) {
                target.load(reader);
                found = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + local.toAbsolutePath(), e);
            }
        }
        return found;
    }
}
