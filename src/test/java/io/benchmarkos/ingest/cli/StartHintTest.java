package io.benchmarkos.ingest.cli;

import io.benchmarkos.ingest.app.InstanceConflictException;
import org.junit.jupiter.api.Test;

import java.net.BindException;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed start points at another instance only when something it needs is taken. */
class StartHintTest {

    @Test
    void aTakenPortPointsAtAnotherInstance() {
        RuntimeException failure = new RuntimeException("could not start HTTP server",
                new BindException("Address already in use"));

        assertThat(ServeCommand.startHint(failure, "Stop it.")).startsWith("Another instance seems to be running")
                .endsWith("Stop it.");
    }

    @Test
    void aRefusedSchemaDoesNotBlameThePorts() {
        RuntimeException failure = new IllegalStateException("the database was upgraded by a newer"
                + " benchmarkos-ingest (schema versions 43 (x) are unknown to this build): start that version");

        assertThat(ServeCommand.startHint(failure, "Stop it.")).doesNotContain("instance").doesNotContain("port")
                .contains("configuration");
    }

    @Test
    void anAddressThisMachineDoesNotHavePointsAtTheHostSettings() {
        RuntimeException failure = new RuntimeException("could not start HTTP server",
                new BindException("Cannot assign requested address"));

        assertThat(ServeCommand.startHint(failure, "Stop it.")).doesNotContain("instance")
                .contains("Cannot assign requested address").contains("camel.server.host");
    }

    @Test
    void aStartUpCheckThatNamesTheOtherInstanceIsNotRepeated() {
        RuntimeException failure = new RuntimeException("start-up failed", new InstanceConflictException(
                InstanceConflictException.Held.PORTS, "ports already in use on 127.0.0.1: 8080 (camel.server.port)"));

        assertThat(ServeCommand.isInstanceConflict(failure)).isTrue();
        assertThat(ServeCommand.instanceConflict(failure).map(InstanceConflictException::held))
                .hasValue(InstanceConflictException.Held.PORTS);
        assertThat(ServeCommand.startHint(failure, "Stop it.")).isEmpty();
    }
}
