package io.benchmarkos.ingest.kpi;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class FormsTest {

    @ParameterizedTest
    @ValueSource(strings = {"10-K", "10-Q", "20-F", "40-F", "6-K", "10-KT", "10-QT", "20-FT", "10-K/A", "10-Q/A",
        "20-F/A", "40-F/A", "6-K/A", "10-KT/A", "10-QT/A", "20-FT/A"})
    void periodicReportsAndTheirAmendmentsArePeriodic(String form) {
        assertThat(Forms.isPeriodic(form)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8-K", "8-K/A", "DEF 14A", "S-1", "10-K/A/A", "10-k", "/A", "", "10-K405"})
    void otherFormsAreNot(String form) {
        assertThat(Forms.isPeriodic(form)).isFalse();
    }
}
