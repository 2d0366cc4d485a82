package io.benchmarkos.ingest.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompanyRefTest {

    @ParameterizedTest
    @ValueSource(strings = {"BRK.B", "brk-b", "BRK-B", " brk.b ", "Brk/B"})
    void shareClassSpellingsAreOneTicker(String input) {
        CompanyRef ref = CompanyRef.parse(input);

        assertThat(ref).isEqualTo(new CompanyRef("BRK-B", null));
        assertThat(ref.key()).isEqualTo("TICKER:BRK-B");
        assertThat(CompanyRef.sameTicker(input, "BRK-B")).isTrue();
        assertThat(CompanyRef.sameTicker(input, "BRK-A")).isFalse();
    }

    @Test
    void tickersAreTrimmedAndUpperCased() {
        assertThat(CompanyRef.parse(" msft ")).isEqualTo(new CompanyRef("MSFT", null));
        assertThat(CompanyRef.parse("\tnvda\n").ticker()).isEqualTo("NVDA");
    }

    @ParameterizedTest
    @ValueSource(strings = {"320193", "0000320193", "CIK0000320193", "cik320193", " CIK320193 ", "0320193"})
    void ciksWithOrWithoutPaddingAndPrefixAreOneCompany(String input) {
        CompanyRef ref = CompanyRef.parse(input);

        assertThat(ref).isEqualTo(new CompanyRef(null, 320193L));
        assertThat(ref.key()).isEqualTo("CIK:320193");
        assertThat(ref.display()).isEqualTo("CIK 320193");
    }

    @Test
    void theLargestTenDigitCikIsAccepted() {
        assertThat(CompanyRef.parse("9999999999").cik()).isEqualTo(9_999_999_999L);
        assertThat(CompanyRef.ofCik("0000000001").cik()).isEqualTo(1L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0000000000", "CIK0000000000"})
    void cikZeroIsRefused(String input) {
        assertThatThrownBy(() -> CompanyRef.parse(input)).isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("CIK must be 1 to 10 digits and not zero");
    }

    /** All digits means a CIK (see {@link CompanyRef#parse}); eleven of them is a CIK too long, not a ticker. */
    @ParameterizedTest
    @ValueSource(strings = {"12345678901", "00000000001", "CIK12345678901", "123456789012345"})
    void tooLongCiksAreRefusedAsCiks(String input) {
        assertThatThrownBy(() -> CompanyRef.parse(input)).isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("CIK must be 1 to 10 digits");
        assertThatThrownBy(() -> CompanyRef.ofCik(input.replaceAll("\\D", "")))
                .isInstanceOf(InvalidJobException.class).hasMessageContaining("CIK must be 1 to 10 digits");
    }

    @Test
    void ofCikRefusesWhatIsNotDigits() {
        assertThatThrownBy(() -> CompanyRef.ofCik("12a4")).isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("'12a4'");
        assertThatThrownBy(() -> CompanyRef.ofCik("-5")).isInstanceOf(InvalidJobException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAPL; DROP TABLE company", "AA PL", "$AAPL", "-AAPL", "ABCDEFGHIJKLMNOP", "AA\tPL",
        "ÄPPLE", "<script>"})
    void garbageIsNotATicker(String input) {
        assertThatThrownBy(() -> CompanyRef.parse(input)).isInstanceOf(InvalidJobException.class)
                .hasMessageStartingWith("not a ticker: '")
                .hasMessageContaining("at most 15 characters")
                .hasMessageNotContaining("\u0000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAPL\u0000", "\u0000AAPL", "AA\u0000PL", "320193\u0007"})
    void aControlCharacterThatIsNotBlankSpaceIsRefusedNotTrimmed(String input) {
        assertThatThrownBy(() -> CompanyRef.parse(input)).isInstanceOf(InvalidJobException.class)
                .hasMessageStartingWith("the ticker or CIK contains a control character (U+00");
    }

    @Test
    void aVeryLongInputIsQuotedShortened() {
        String input = "X".repeat(500) + "!";

        assertThatThrownBy(() -> CompanyRef.parse(input)).isInstanceOf(InvalidJobException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200).contains("…"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void blankIsRefused(String input) {
        assertThatThrownBy(() -> CompanyRef.parse(input)).isInstanceOf(InvalidJobException.class)
                .hasMessage("a ticker or CIK is required");
        assertThatThrownBy(() -> CompanyRef.parse(null)).isInstanceOf(InvalidJobException.class)
                .hasMessage("a ticker or CIK is required");
    }

    @Test
    void exactlyOneOfTickerAndCik() {
        assertThatThrownBy(() -> new CompanyRef("AAPL", 320193L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CompanyRef(null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
