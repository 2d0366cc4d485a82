package io.benchmarkos.ingest.app;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

import java.time.Duration;
import java.util.Set;

/** Typed access to the application's properties, failing with the key's name when one is missing. */
public final class Settings {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    private final PropertiesComponent properties;

    /** True for the host names a server binds to when only this machine may reach it. */
    public static boolean isLoopback(String host) {
        return LOOPBACK.contains(host);
    }

    public Settings(CamelContext camel) {
        this.properties = camel.getPropertiesComponent();
    }

    public String string(String key) {
        return properties.resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("missing configuration property " + key
                        + " (set it in config/application.properties, -D" + key + "=..., or the environment)"));
    }

    public String string(String key, String fallback) {
        return properties.resolveProperty(key).orElse(fallback);
    }

    public int integer(String key) {
        return Integer.parseInt(string(key).trim());
    }

    public long longValue(String key) {
        return Long.parseLong(string(key).trim());
    }

    public double decimal(String key) {
        return Double.parseDouble(string(key).trim());
    }

    public boolean bool(String key) {
        return Boolean.parseBoolean(string(key).trim());
    }

    public Duration millis(String key) {
        return Duration.ofMillis(longValue(key));
    }
}
