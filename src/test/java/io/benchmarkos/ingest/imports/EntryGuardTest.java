package io.benchmarkos.ingest.imports;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard's limits hold to the byte: what is within them is read whole, one byte more is refused. */
class EntryGuardTest {

    private final EntryGuard guard = new EntryGuard(1_000, 100);

    private static ZipEntry entry(long size) {
        ZipEntry entry = new ZipEntry("CIK0000320193.json");
        entry.setSize(size);
        entry.setCompressedSize(size);
        return entry;
    }

    @Test
    void aDeclaredSizeAtTheLimitIsReadAndOneByteMoreIsRefused() {
        assertThat(guard.refusal(entry(1_000))).isNull();
        assertThat(guard.refusal(entry(1_001)))
                .isEqualTo("declared size 1001 bytes exceeds import.max-entry-bytes (1000)");
    }

    @Test
    void anEntryInflatingToItsDeclaredSizeIsReadAndOneByteMoreIsRefused() throws Exception {
        try (InputStream in = guard.bounded(new ByteArrayInputStream(new byte[500]), entry(500))) {
            assertThat(in.readAllBytes()).hasSize(500);
        }
        try (InputStream in = guard.bounded(new ByteArrayInputStream(new byte[501]), entry(500))) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(EntryRefusedException.class)
                    .hasMessage("inflates beyond its declared size of 500 bytes");
        }
    }
}
