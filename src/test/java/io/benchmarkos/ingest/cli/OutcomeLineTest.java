package io.benchmarkos.ingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The one line `submit --wait` and `ingest` print for a finished job. */
class OutcomeLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLoadCountsItsFacts() throws Exception {
        assertThat(line("{\"status\":\"succeeded\",\"ticker\":\"AAPL\",\"cik\":320193,\"companyName\":\"Apple Inc.\","
                + "\"factsRead\":24579,\"factsInserted\":24579,\"factsUpdated\":0,\"factsUnchanged\":0,"
                + "\"filingsStored\":1005,\"durationMillis\":2400,\"warnings\":[]}"))
                .isEqualTo("SUCCEEDED: AAPL (CIK 320193) Apple Inc. — 24579 facts read (24579 new, 0 changed,"
                        + " 0 unchanged), 1005 new filings, 2.4 s");
    }

    @Test
    void aRefreshOfAnUnchangedDocumentSaysSoInsteadOfZeroFacts() throws Exception {
        assertThat(line("{\"status\":\"succeeded\",\"ticker\":\"AAPL\",\"cik\":320193,\"companyName\":\"Apple Inc.\","
                + "\"factsRead\":0,\"filingsStored\":0,\"durationMillis\":800,\"warnings\":[\"companyfacts not read"
                + " again: the same document as the company's last full load\"]}"))
                .isEqualTo("SUCCEEDED: AAPL (CIK 320193) Apple Inc. — companyfacts unchanged, stored facts kept,"
                        + " 0 new filings, 0.8 s");
    }

    @Test
    void aJobThatNeverFoundItsCompanyIsNamedByWhatWasAsked() throws Exception {
        assertThat(line("{\"status\":\"failed\",\"ticker\":\"ZZZZQ\",\"cik\":null,\"factsRead\":0,"
                + "\"durationMillis\":100}")).startsWith("FAILED: ZZZZQ — 0 facts read");
    }

    private static String line(String event) throws Exception {
        Locale previous = Locale.getDefault();
        Locale.setDefault(Locale.ROOT);
        try {
            return SubmitCommand.outcomeLine(JSON.readTree(event));
        } finally {
            Locale.setDefault(previous);
        }
    }
}
