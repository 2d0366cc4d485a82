package io.benchmarkos.ingest.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlTest {

    @Test
    void anAbsoluteDataFolderInTheDefaultH2UrlIsThatFolder() {
        assertThat(AppConfiguration.jdbcUrl("jdbc:h2:file:.//srv/benchmarkos/h2/benchmarkos;DB_CLOSE_ON_EXIT=FALSE"))
                .isEqualTo("jdbc:h2:file:/srv/benchmarkos/h2/benchmarkos;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void otherUrlsAreLeftAsConfigured() {
        assertThat(AppConfiguration.jdbcUrl("jdbc:h2:file:./data/h2/benchmarkos"))
                .isEqualTo("jdbc:h2:file:./data/h2/benchmarkos");
        assertThat(AppConfiguration.jdbcUrl("jdbc:postgresql://127.0.0.1:5432/benchmarkos"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/benchmarkos");
    }
}
