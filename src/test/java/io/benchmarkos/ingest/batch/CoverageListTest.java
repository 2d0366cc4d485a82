package io.benchmarkos.ingest.batch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageListTest {

    @Test
    void aListSavedWithAByteOrderMarkAndWindowsLineEndsReadsLikeAnyOther() {
        CoverageList list = CoverageList.parse("crlf.txt", "\uFEFFAAPL\r\nNVDA\r\n\r\nMSFT  \r\n");

        assertThat(list.companies()).containsExactly("AAPL", "NVDA", "MSFT");
    }

    @Test
    void aCompanyListedInSeveralSpellingsIsKeptOnceInItsFirstSpelling() {
        CoverageList list = CoverageList.parse("dup.txt", """
                BRK.B
                brk-b
                BRK/B
                789019
                0000789019
                CIK789019
                msft
                MSFT   # same ticker, other case
                not a ticker!
                NOT A TICKER!
                """);

        // MSFT and 789019 stay two entries: a ticker's CIK is known only once resolved (see BatchRunTest).
        assertThat(list.companies()).containsExactly("BRK.B", "789019", "msft", "not a ticker!");
    }
}
