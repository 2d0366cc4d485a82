package io.benchmarkos.ingest.kpi;

import java.util.Set;

/** Which SEC forms are periodic reports: they outrank every other form (proxy statements, 8-Ks, prospectuses). */
final class Forms {

    private static final Set<String> PERIODIC = Set.of("10-K", "10-Q", "20-F", "40-F", "6-K",
            "10-KT", "10-QT", "20-FT");

    private Forms() {
    }

    static boolean isPeriodic(String form) {
        if (form == null) {
            return false;
        }
        String base = form.endsWith("/A") ? form.substring(0, form.length() - 2) : form;
        return PERIODIC.contains(base);
    }
}
