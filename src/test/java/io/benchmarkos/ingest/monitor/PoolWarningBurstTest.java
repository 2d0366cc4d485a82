package io.benchmarkos.ingest.monitor;

import io.benchmarkos.ingest.support.LoggedLines;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged log configuration keeps a database outage's connection-pool warnings to a readable few. */
class PoolWarningBurstTest {

    @Test
    void aFloodOfPoolWarningsIsCutToABurstAndErrorsAllPass() {
        // HikariCP's own logger and wording for a pooled connection found dead.
        Logger pool = LogManager.getLogger("com.zaxxer.hikari.pool.PoolBase");
        try (LoggedLines logged = LoggedLines.atLeast(Level.WARN)) {
            for (int i = 0; i < 200; i++) {
                pool.warn("HikariPool-1 - Failed to validate connection {} (This connection has been closed.)."
                        + " Possibly consider using a shorter maxLifetime value.", "conn" + i);
            }
            pool.error("HikariPool-1 - an error is never dropped");

            // At most the burst of ten (fewer when another test in this JVM has used some of it).
            assertThat(logged.lines()).filteredOn(line -> line.contains("Failed to validate")).hasSizeBetween(0, 10);
            assertThat(logged.lines()).contains("com.zaxxer.hikari.pool.PoolBase: HikariPool-1 - an error is never"
                    + " dropped");
        }
    }
}
