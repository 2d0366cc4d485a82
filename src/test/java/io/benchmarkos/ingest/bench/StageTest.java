package io.benchmarkos.ingest.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The refresh run's stage table is the difference of two snapshots of Camel's cumulative processor totals. */
class StageTest {

    @Test
    void alikeStepsOfOneRouteKeepTheirOwnTimes() {
        List<EndToEndBench.Stage> before = List.of(stage("job-worker", "(whole route)", 1000),
                stage("job-worker", "to[direct:publish-job-event]", 10), stage("job-worker",
                        "to[direct:publish-job-event]", 300));
        List<EndToEndBench.Stage> after = List.of(stage("job-worker", "(whole route)", 1600),
                stage("job-worker", "to[direct:publish-job-event]", 10), stage("job-worker",
                        "to[direct:publish-job-event]", 420));

        assertThat(EndToEndBench.Stage.since(before, after)).extracting(EndToEndBench.Stage::totalMillis)
                .containsExactly(600L, 0L, 120L);
    }

    @Test
    void routesThatChangedBetweenTheSnapshotsAreRefused() {
        List<EndToEndBench.Stage> before = List.of(stage("job-worker", "bean[a]", 5));
        List<EndToEndBench.Stage> after = List.of(stage("job-worker", "bean[b]", 9));

        assertThatThrownBy(() -> EndToEndBench.Stage.since(before, after)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bean[b]");
    }

    private static EndToEndBench.Stage stage(String route, String step, long millis) {
        return new EndToEndBench.Stage(route, step, millis);
    }
}
