package io.benchmarkos.ingest.ask;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.jobs.InvalidJobException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AskQuestionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "metrics for MSFT phase 1|MSFT|1",
        "show me phase 2 for nvda|NVDA|2",
        "MSFT phase 2|MSFT|2",
        "metrics for brk.b|BRK-B|1",
        "metrics for brk.b.|BRK-B|1",
        "what about MSFT? phase 2|MSFT|2",
        "metrics for MSFT phase 2.|MSFT|2",
        "metrics for MSFT, phase 1?|MSFT|1",
        "metrics for (NVDA), please|NVDA|1",
        "show \"AAPL\" phase 1|AAPL|1",
        "{\"ticker\":\"aapl\",\"phase\":2}|AAPL|2",
        "{\"question\":\"metrics for GOOGL phase 1\"}|GOOGL|1",
        "metrics for MSFT, phase 2|MSFT|2",
        "metrics for MSFT and AAPL's supplier phase 1|MSFT|1",
        "metrics for MSFT, please and PHASE 2|MSFT|2",
        "metrics for brk/b and phase 2|BRK-B|2",
    })
    void findsTheCompanyAndPhase(String body, String ticker, int phase) {
        AskQuestion question = AskQuestion.parse(body, JSON);

        assertThat(question.company().ticker()).isEqualTo(ticker);
        assertThat(question.phase()).isEqualTo(phase);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"ticker\":\"aapl\",\"phase\":2}|metrics for AAPL phase 2",
        "{\"cik\":\"0000320193\"}|metrics for CIK 320193 phase 1",
        "{\"question\":\"MSFT phase 2\"}|MSFT phase 2",
    })
    void aQuestionSentAsFieldsIsRepeatedInWords(String body, String text) {
        assertThat(AskQuestion.parse(body, JSON).text()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metrics for cik 320193 phase 1", "{\"cik\":\"0000320193\"}"})
    void acceptsACik(String body) {
        assertThat(AskQuestion.parse(body, JSON).company().cik()).isEqualTo(320193L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "metrics for AAPL and NVDA|AAPL and NVDA",
        "metrics for aapl and NVDA phase 2|aapl and NVDA",
        "metrics for AAPL, MSFT and NVDA|AAPL, MSFT and NVDA",
        "metrics for AAPL and also NVDA please|AAPL and NVDA",
        "AAPL vs NVDA phase 1|AAPL and NVDA",
        "metrics for cik 320193 or 1045810|320193 and 1045810",
        "{\"question\":\"metrics for AAPL & NVDA\"}|AAPL and NVDA",
        "metrics for BRK.B, brk-b and NVDA|BRK.B and NVDA",
    })
    void aQuestionAboutTwoCompaniesIsRefusedWithEveryName(String body, String names) {
        assertThatThrownBy(() -> AskQuestion.parse(body, JSON)).isInstanceOf(InvalidJobException.class)
                .hasMessage("the question names more than one company (" + names + "); ask about one company at a"
                        + " time");
    }

    /** One word in small letters besides the phase may be a ticker; AskService looks it up in the ticker map. */
    @Test
    void theOneWordOfAQuestionInSmallLettersIsTakenForATickerToLookUp() {
        AskQuestion nvda = AskQuestion.parse("nvda", JSON);
        assertThat(nvda.company().ticker()).isEqualTo("NVDA");
        assertThat(nvda.onlyOtherWord()).isTrue();
        AskQuestion apple = AskQuestion.parse("aapl phase 2", JSON);
        assertThat(apple.company().ticker()).isEqualTo("AAPL");
        assertThat(apple.phase()).isEqualTo(2);
        assertThat(AskQuestion.parse("hello", JSON).onlyOtherWord()).isTrue();
        assertThat(AskQuestion.parse("metrics for nvda", JSON).onlyOtherWord()).isFalse();
        assertThat(AskQuestion.parse("NVDA", JSON).onlyOtherWord()).isFalse();
    }

    /** Small letters may be a company or a word ("and its peers"): AskService looks them up in the ticker map. */
    @Test
    void wordsInSmallLettersListedAfterTheCompanyAreKeptForTheTickerMap() {
        assertThat(AskQuestion.parse("metrics for AAPL and nvda, please", JSON).listedAfter()).containsExactly("nvda");
        assertThat(AskQuestion.parse("metrics for aapl and its peers phase 2", JSON).listedAfter())
                .containsExactly("its");
        assertThat(AskQuestion.parse("metrics for MSFT phase 1", JSON).listedAfter()).isEmpty();
    }

    /** BRK.B and BRK-B are one ticker, as SEC's map writes it: listed twice, it was refused as two companies. */
    @ParameterizedTest
    @ValueSource(strings = {"metrics for BRK.B and BRK-B", "metrics for brk.b and brk-b phase 1",
        "BRK-B or BRK/B", "metrics for BRK.B, brk-b and BRK-B"})
    void oneShareClassSpelledTwoWaysIsOneCompany(String body) {
        AskQuestion question = AskQuestion.parse(body, JSON);

        assertThat(question.company().ticker()).isEqualTo("BRK-B");
        assertThat(question.listedAfter()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "what is the weather today|no company in the question",
        "[1, 2]|question must be text or a JSON object such as {\"ticker\":\"MSFT\"}, not a JSON array",
        "metrics for MSFT phase 9|phase must be 1 or 2",
        "metrics for MSFT phase -1|phase must be 1 or 2, not '-1'",
        "metrics for MSFT phase 1.5|phase must be 1 or 2, not '1.5'",
        "metrics for MSFT phase 12|phase must be 1 or 2, not '12'",
        "metrics for MSFT phase -2|phase must be 1 or 2, not '-2'",
        "{\"ticker\":\"AAPL\",\"phase\":\"x\"}|phase must be 1 or 2",
        "' '|empty question",
        "metrics for A$PL phase 1|not a ticker: 'A$PL'",
        "show A$PL phase 1|not a ticker: 'A$PL'",
        "{\"ticker\":5}|ticker must be a string",
        "{\"ticker\":\"AAPL\",\"foo\":1}|unknown field 'foo' in question",
        "{\"question\":[\"AAPL\"]}|question must be a string",
        "{\"cik\":true}|cik must be a number or a string of digits",
        "{\"ticker\":\"AAPL\\u0000\"}|ticker contains a control character (U+0000 at position 5)",
        "{\"cik\":\"320193\\t\"}|cik contains a control character (U+0009 at position 7)",
    })
    void refusesWhatItCannotAnswerWithAReason(String body, String reason) {
        assertThatThrownBy(() -> AskQuestion.parse(body, JSON)).isInstanceOf(InvalidJobException.class)
                .hasMessageContaining(reason);
    }

    /** Phase 2 in the words a user types: each was answered as phase 1 before, with nothing to say so. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "metrics for NVDA phase two|2",
        "metrics for NVDA phase: 2|2",
        "NVDA phase II|2",
        "metrics for NVDA phase ii|2",
        "metrics for NVDA p2|2",
        "metrics for NVDA phase-2|2",
        "metrics for NVDA phase #2|2",
        "metrics for NVDA phase - 2|2",
        "metrics for NVDA Phase Two.|2",
        "second phase metrics for NVDA|2",
        "show phase II NVDA|2",
        "metrics for NVDA phase one|1",
        "metrics for NVDA P1|1",
        "metrics for NVDA phase2|2",
        "metrics for NVDA p 2|2",
        "metrics for NVDA phase 2, phased in last year|2",
        "metrics for NVDA phase 2 and phase 2|2",
        "metrics for NVDA phase 2 and i mean it|2",
        "{\"question\":\"metrics for NVDA\",\"phase\":2}|2",
        "{\"question\":\"metrics for NVDA phase two\",\"phase\":\"2\"}|2",
    })
    void readsThePhaseInTheWordsAUserTypes(String body, int phase) {
        AskQuestion question = AskQuestion.parse(body, JSON);

        // The phase's own words are not a company: "II" in capitals is not a ticker.
        assertThat(question.company().ticker()).isEqualTo("NVDA");
        assertThat(question.phase()).isEqualTo(phase);
    }

    /** A phase the question names but that cannot be read is refused with what to write, never read as phase 1. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "metrics for NVDA phase 1 and phase 2|the question asks for phase 1 and phase 2; ask for one phase at a time:"
            + " \"phase 1\" or \"phase 2\"",
        "metrics for NVDA phase 1 and 2|the question asks for phase 1 and phase 2; ask for one phase at a time:"
            + " \"phase 1\" or \"phase 2\"",
        "metrics for NVDA phase 1 to 2|the question asks for phase 1 and phase 2; ask for one phase at a time:"
            + " \"phase 1\" or \"phase 2\"",
        "metrics for NVDA phases 1 and 2|the question asks for more than one phase; ask for one phase at a time:"
            + " \"phase 1\" or \"phase 2\"",
        "metrics for NVDA phase three|phase must be 1 or 2, not 'three'; write \"phase 1\" or \"phase 2\"",
        "metrics for NVDA phase|the question names a phase but not which; write \"phase 1\" or \"phase 2\"",
        "metrics for NVDA p3|phase must be 1 or 2, not '3'; write \"phase 1\" or \"phase 2\"",
        "metrics for NVDA\u0000 phase 1|question contains a control character (U+0000 at position 17): send it as"
            + " plain text",
        "{\"ticker\":\"NVDA\",\"correlationId\":\"x\\u0000y\"}|correlationId contains a control character"
            + " (U+0000 at position 2): send it as plain text",
        "{\"question\":\"metrics for NVDA phase 1\",\"phase\":2}|the question asks for phase 1 but its \"phase\""
            + " field says 2; send one phase",
    })
    void aPhaseItCannotReadOrTwoPhasesAreRefusedSayingWhatToWrite(String body, String reason) {
        assertThatThrownBy(() -> AskQuestion.parse(body, JSON)).isInstanceOf(InvalidJobException.class)
                .hasMessage(reason);
    }

    /**
     * Plain text made of control characters (bytes 00 01 sent over STOMP, say): a trim took them for blank space and
     * answered "no company", where the same question sent as JSON is refused for its control character.
     */
    @Test
    void aPlainTextQuestionOfControlCharactersIsRefusedForThemAsInJson() throws Exception {
        Map<String, String> positions = Map.of("\u0000\u0001", "U+0000 at position 1",
                "\u0001 metrics for AAPL", "U+0001 at position 1",
                "\u001f", "U+001F at position 1",
                "\u0000{\"ticker\":\"AAPL\"}", "U+0000 at position 1");
        for (Map.Entry<String, String> text : positions.entrySet()) {
            String reason = "question contains a control character (" + text.getValue() + "): send it as plain text";
            String json = JSON.writeValueAsString(Map.of("question", text.getKey()));

            assertThatThrownBy(() -> AskQuestion.parse(text.getKey(), JSON)).as("text %s", json)
                    .isInstanceOf(InvalidJobException.class).hasMessage(reason);
            assertThatThrownBy(() -> AskQuestion.parse(json, JSON)).as("JSON %s", json)
                    .isInstanceOf(InvalidJobException.class).hasMessage(reason);
        }
    }

    /** Blank space around the question is trimmed as before; a NUL before it is not blank space (above). */
    @ParameterizedTest
    @ValueSource(strings = {"", " \t\r\n ", "\u3000"})
    void aBlankQuestionIsStillEmpty(String body) {
        assertThatThrownBy(() -> AskQuestion.parse(body, JSON)).isInstanceOf(InvalidJobException.class)
                .hasMessageStartingWith("empty question");
        assertThat(AskQuestion.parse(body + "metrics for MSFT phase 2" + body, JSON).company().ticker())
                .isEqualTo("MSFT");
    }

    @Test
    void aRequestOverTheLimitSaysHowLongItIsAndWhatIsAllowed() {
        String body = "{\"ticker\":\"AAPL\",\"correlationId\":\"" + "x".repeat(2100) + "\"}";
        assertThatThrownBy(() -> AskQuestion.parse(body, JSON)).isInstanceOf(InvalidJobException.class)
                .hasMessage("request of " + body.length() + " characters is too long: a question takes at most 500"
                        + " characters, the whole request 2000");
    }
}
