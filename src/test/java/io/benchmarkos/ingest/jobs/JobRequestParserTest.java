package io.benchmarkos.ingest.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobRequestParserTest {

    private static final int MAX_BYTES = 8192;
    private final JobRequestParser parser = new JobRequestParser(new ObjectMapper(), MAX_BYTES);

    @Test
    void aTickerAlone() {
        JobRequest request = parse("{\"ticker\":\"msft\"}");

        assertThat(request).isEqualTo(new JobRequest(new CompanyRef("MSFT", null), null, null, null, false, null));
    }

    @Test
    void everyFieldOfABatchRequest() {
        JobRequest request = parser.parse(("{\"cik\":\"0000789019\",\"years\":5,\"requestedBy\":\" chatbot \","
                + "\"correlationId\":\"chat-42\",\"mode\":\"batch\"}").getBytes(StandardCharsets.UTF_8), "nightly-1");

        assertThat(request).isEqualTo(new JobRequest(new CompanyRef(null, 789019L), 5, "chatbot", "chat-42", true,
                "nightly-1"));
    }

    /** Only the batch route ties a job to a run; a caller's batchId was stored on the job and sent in its event. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"ticker\":\"NVDA\",\"batchId\":\"7f3c\"}",
        "{\"ticker\":\"NVDA\",\"mode\":\"batch\",\"batchId\":\"\"}", "{\"ticker\":\"NVDA\",\"batchId\":42}"})
    void aCallersBatchIdIsRefused(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidJobException.class)
                .hasMessage("batchId is set by the nightly batch refresh on its own jobs: leave it out of a job"
                        + " request (\"mode\":\"batch\" asks for batch priority)");
    }

    @Test
    void aNullBatchIdIsNoBatchIdAndNotAnAllowedField() {
        assertThat(parse("{\"ticker\":\"NVDA\",\"batchId\":null}").batchId()).isNull();
        assertThatThrownBy(() -> parse("{\"ticker\":\"NVDA\",\"tickr\":1}")).isInstanceOf(InvalidJobException.class)
                .message().doesNotContain("batchId");
    }

    @Test
    void cikAsANumberOrAPrefixedTicker() {
        assertThat(parse("{\"cik\":320193}").company()).isEqualTo(new CompanyRef(null, 320193L));
        assertThat(parse("{\"ticker\":\"CIK0000320193\"}").company())
                .isEqualTo(new CompanyRef(null, 320193L));
        assertThat(parse("{\"ticker\":\"BRK.B\",\"cik\":null,\"mode\":\"on-demand\"}").company())
                .isEqualTo(new CompanyRef("BRK-B", null));
    }

    @Test
    void yearsAtTheBoundsAreAccepted() {
        assertThat(parse("{\"ticker\":\"AAPL\",\"years\":1}").years()).isEqualTo(1);
        assertThat(parse("{\"ticker\":\"AAPL\",\"years\":50}").years()).isEqualTo(50);
    }

    /** A client that writes every number as a float (JavaScript's JSON.stringify of 5 is 5, some others give 5.0). */
    @ParameterizedTest
    @ValueSource(strings = {"5.0", "5.00", "0.5e1"})
    void aWholeNumberWrittenWithDecimalsIsAccepted(String years) {
        assertThat(parse("{\"ticker\":\"AAPL\",\"years\":" + years + "}").years()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "51", "-3", "2.5", "\"5\"", "true", "99999999999", "4294967297", "1e400", "50.5",
        "0.999"})
    void yearsOutOfRangeAreRefused(String years) {
        assertThatThrownBy(() -> parse("{\"ticker\":\"AAPL\",\"years\":" + years + "}"))
                .isInstanceOf(InvalidJobException.class).hasMessage("years must be a whole number from 1 to 50");
    }

    @Test
    void bothTickerAndCikAreAmbiguous() {
        assertThatThrownBy(() -> parse("{\"ticker\":\"AAPL\",\"cik\":320193}"))
                .isInstanceOf(InvalidJobException.class).hasMessage("give a ticker or a cik, not both");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"ticker\":null}", "{\"ticker\":\"  \"}", "{\"years\":3}"})
    void aCompanyIsRequired(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidJobException.class)
                .hasMessage("job message needs \"ticker\" or \"cik\"");
    }

    @Test
    void unknownFieldsAreNamed() {
        assertThatThrownBy(() -> parse("{\"ticker\":\"AAPL\",\"tickr\":\"MSFT\"}"))
                .isInstanceOf(InvalidJobException.class).hasMessageContaining("unknown field 'tickr'")
                .hasMessageContaining("allowed:");
    }

    @Test
    void wrongTypesAreRefused() {
        assertThatThrownBy(() -> parse("{\"ticker\":123}")).isInstanceOf(InvalidJobException.class)
                .hasMessage("ticker must be a string");
        assertThatThrownBy(() -> parse("{\"cik\":[320193]}")).isInstanceOf(InvalidJobException.class)
                .hasMessage("cik must be a number or a string of digits");
        assertThatThrownBy(() -> parse("{\"cik\":\"0\"}")).isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("not zero");
        assertThatThrownBy(() -> parse("{\"ticker\":\"AAPL\",\"mode\":\"urgent\"}"))
                .isInstanceOf(InvalidJobException.class).hasMessage("mode must be \"on-demand\" or \"batch\"");
        assertThatThrownBy(() -> parse("{\"ticker\":\"AAPL\",\"requestedBy\":\"" + "x".repeat(201) + "\"}"))
                .isInstanceOf(InvalidJobException.class).hasMessage("requestedBy is longer than 200 characters");
    }

    /** Trimming dropped a control character at either end: AAPL followed by a NUL was taken for AAPL. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"ticker\":\"AAPL\\u0000\"}|ticker|U+0000 at position 5",
        "{\"ticker\":\"\\tAAPL\"}|ticker|U+0009 at position 1",
        "{\"ticker\":\"AA\\u001bPL\"}|ticker|U+001B at position 3",
        "{\"cik\":\"320193\\n\"}|cik|U+000A at position 7",
        "{\"ticker\":\"AAPL\",\"requestedBy\":\"bot\\u0000\"}|requestedBy|U+0000 at position 4",
        "{\"ticker\":\"AAPL\",\"correlationId\":\"chat\\u007f42\"}|correlationId|U+007F at position 5"})
    void controlCharactersAreRefusedNotTrimmedAway(String caseText) {
        String[] parts = caseText.split("\\|");

        assertThatThrownBy(() -> parse(parts[0])).isInstanceOf(InvalidJobException.class)
                .hasMessage(parts[1] + " contains a control character (" + parts[2] + "): send it as plain text");
    }

    @Test
    void spacesAroundAValueAreStillTrimmed() {
        assertThat(parse("{\"ticker\":\" aapl \",\"requestedBy\":\" chatbot \"}"))
                .isEqualTo(new JobRequest(new CompanyRef("AAPL", null), null, "chatbot", null, false, null));
    }

    @Test
    void aBodyAtTheLimitIsReadAndOneByteMoreIsRefused() {
        String json = "{\"ticker\":\"AAPL\"}";
        String atLimit = json + " ".repeat(MAX_BYTES - json.length());

        assertThat(parse(atLimit).company().ticker()).isEqualTo("AAPL");
        assertThatThrownBy(() -> parse(atLimit + " ")).isInstanceOf(InvalidJobException.class)
                .hasMessage("job message of 8193 bytes exceeds jobs.max-request-bytes=8192");
    }

    @Test
    void emptyIsRefused() {
        assertThatThrownBy(() -> parser.parse((byte[]) null)).isInstanceOf(InvalidJobException.class)
                .hasMessageStartingWith("empty job message");
        assertThatThrownBy(() -> parse("")).isInstanceOf(InvalidJobException.class)
                .hasMessageStartingWith("empty job message");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"ticker\":\"AAPL\"}]", "\"AAPL\"", "42", "null", "true", "   "})
    void jsonThatIsNotAnObjectIsRefused(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidJobException.class)
                .hasMessage("job message must be a JSON object such as {\"ticker\":\"MSFT\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"this is not json", "{\"ticker\":\"AAPL\"", "{ticker:AAPL}", "{\"ticker\":'AAPL'}",
        "{\"ticker\":\"AAPL\",}"})
    void malformedJsonIsRefused(String text) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(InvalidJobException.class)
                .hasMessageStartingWith("job message is not valid JSON");
    }

    /** Two requests in one message, or one field given twice, is ambiguous: which company was meant? */
    @ParameterizedTest
    @ValueSource(strings = {"{\"ticker\":\"MSFT\"}{\"ticker\":\"AAPL\"}", "{\"ticker\":\"MSFT\"} trailing",
        "{\"ticker\":\"MSFT\",\"ticker\":\"AAPL\"}"})
    void ambiguousMessagesAreRefused(String text) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(InvalidJobException.class)
                .hasMessageStartingWith("job message is not valid JSON");
    }

    /** JSON between systems is UTF-8 (RFC 8259): anything else is refused naming the byte, never guessed at. */
    @Test
    void invalidUtf8IsRefusedNamingTheByteAndWhereItIs() {
        byte[] prefix = "{\"ticker\":\"A".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[prefix.length + 4];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3; // a two-byte sequence cut short by an ASCII byte
        body[prefix.length + 1] = (byte) 0x28;
        body[prefix.length + 2] = '"';
        body[prefix.length + 3] = '}';

        assertThatThrownBy(() -> parser.parse(body)).isInstanceOf(InvalidJobException.class)
                .hasMessage("job message is not valid JSON: byte C3 at position 13 is not UTF-8; send JSON as UTF-8");
    }

    @Test
    void aRequestCutInsideACharacterIsNotUtf8() {
        byte[] euro = "{\"ticker\":\"\u20ac".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parser.parse(Arrays.copyOf(euro, euro.length - 1)))
                .isInstanceOf(InvalidJobException.class)
                .hasMessage("job message is not valid JSON: byte E2 at position 12 is not UTF-8; send JSON as UTF-8");
    }

    /** A body in UTF-16 was decoded as such by Jackson, and its refusal showed '≻' (7B 22 read as one character). */
    @Test
    void aUtf16ByteOrderMarkIsRefusedNotTakenForAnotherEncodingAndAUtf8OneIsSkipped() {
        String request = "\uFEFF{\"ticker\":\"AAPL\"}";
        String advice = "; send JSON as UTF-8";

        assertThatThrownBy(() -> parser.parse(request.getBytes(StandardCharsets.UTF_16LE)))
                .isInstanceOf(InvalidJobException.class).hasMessage("job message is not valid JSON: it starts with"
                        + " a UTF-16 byte order mark (FF FE)" + advice);
        assertThatThrownBy(() -> parser.parse(request.getBytes(StandardCharsets.UTF_16BE)))
                .isInstanceOf(InvalidJobException.class).hasMessage("job message is not valid JSON: it starts with"
                        + " a UTF-16 byte order mark (FE FF)" + advice);
        assertThat(parse(request).company().ticker()).isEqualTo("AAPL");
        byte[] utf8 = "{\"ticker\":\"AAPL\"}".getBytes(StandardCharsets.UTF_8);
        byte[] markedUtf16 = new byte[utf8.length + 2];
        markedUtf16[0] = (byte) 0xFF;
        markedUtf16[1] = (byte) 0xFE;
        System.arraycopy(utf8, 0, markedUtf16, 2, utf8.length);
        assertThatThrownBy(() -> parser.parse(markedUtf16)).isInstanceOf(InvalidJobException.class)
                .hasMessage("job message is not valid JSON: it starts with a UTF-16 byte order mark (FF FE)" + advice);
    }

    /** Without a byte order mark, UTF-16 was refused with Jackson's "CTRL-CHAR, code 0", which names no encoding. */
    @Test
    void utf16WithoutAByteOrderMarkIsRefusedAsUtf16() {
        String reason = "job message is not valid JSON: it looks like UTF-16 (NUL bytes among its first 4); send JSON"
                + " as UTF-8";
        for (Charset utf16 : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
            assertThatThrownBy(() -> parser.parse("{\"ticker\":\"AAPL\"}".getBytes(utf16))).as(utf16.name())
                    .isInstanceOf(InvalidJobException.class).hasMessage(reason);
        }
        // A NUL later on is a control character in a value, refused as such.
        assertThatThrownBy(() -> parse("{\"ticker\":\"AAPL\u0000\"}")).isInstanceOf(InvalidJobException.class)
                .message().doesNotContain("UTF-16");
    }

    @Test
    void textBeyondAsciiIsReadAsUtf8() {
        assertThat(parse("{\"ticker\":\"AAPL\",\"requestedBy\":\"Zoë ☃ \uD83D\uDE00\"}").requestedBy())
                .isEqualTo("Zoë ☃ \uD83D\uDE00");
    }

    @Test
    void randomBytesAreAlwaysAnInvalidJobNeverAnotherError() {
        Random random = new Random(20260101);
        for (int i = 0; i < 500; i++) {
            byte[] garbage = new byte[1 + random.nextInt(64)];
            random.nextBytes(garbage);
            assertThatThrownBy(() -> parser.parse(garbage)).as("garbage #%d", i)
                    .isInstanceOf(InvalidJobException.class);
        }
    }

    private JobRequest parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
