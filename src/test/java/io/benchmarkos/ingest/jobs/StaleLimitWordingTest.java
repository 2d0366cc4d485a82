package io.benchmarkos.ingest.jobs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StaleLimitWordingTest {

    @ParameterizedTest
    @CsvSource({"1, 1 second", "20, 20 seconds", "60, 1 minute", "90, 90 seconds", "3600, 60 minutes"})
    void theStaleLimitIsSaidInTheUnitItWasGivenIn(long seconds, String words) {
        assertThat(JobStore.describe(Duration.ofSeconds(seconds))).isEqualTo(words);
    }
}
