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
    void everyLineIsKeptAsWrittenForTheRunToFindDuplicates() {
        CoverageList list = CoverageList.parse("dup.txt", "BRK.B\nbrk-b\n789019\n0000789019\nMSFT   # a comment\n");

        assertThat(list.companies()).containsExactly("BRK.B", "brk-b", "789019", "0000789019", "MSFT");
    }

    @Test
    void aControlCharacterIsShownAsAQuestionMarkAndAByteOrderMarkInsideTheListIsDropped() {
        CoverageList list = CoverageList.parse("joined.txt", "FNMA\u0000\nAAPL\n\uFEFFTSLA\n");

        // "FNMA?" is then refused as not a ticker, and the run's records and report stay printable.
        assertThat(list.companies()).containsExactly("FNMA?", "AAPL", "TSLA");
    }

    @Test
    void aTabIsBlankSpaceAsInAColumnBeforeAComment() {
        CoverageList list = CoverageList.parse("tabs.txt", "AAPL\t# Apple\n\tNVDA\t\nMSFT\t\t# Microsoft\n");

        assertThat(list.companies()).containsExactly("AAPL", "NVDA", "MSFT");
    }
}
