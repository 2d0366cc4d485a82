package io.benchmarkos.ingest.kpi;

/** Which SEC forms are periodic reports: they outrank every other form (proxy statements, 8-Ks, prospectuses). */
final class Forms {

    private Forms() {
    }

    /** Amendments ({@code /A}) included. A switch, not a set: this runs for every candidate fact of every period. */
    static boolean isPeriodic(String form) {
        if (form == null) {
            return false;
        }
        return switch (form) {
            case "10-K", "10-Q", "20-F", "40-F", "6-K", "10-KT", "10-QT", "20-FT",
                 "10-K/A", "10-Q/A", "20-F/A", "40-F/A", "6-K/A", "10-KT/A", "10-QT/A", "20-FT/A" -> true;
            default -> false;
        };
    }
}
