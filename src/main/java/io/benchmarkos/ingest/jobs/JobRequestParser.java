package io.benchmarkos.ingest.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.benchmarkos.ingest.JsonProblems;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a job message into a {@link JobRequest}, refusing anything ambiguous with a reason a person can act on.
 * <p>
 * Accepted JSON: {@code {"ticker":"MSFT"}} or {@code {"cik":"789019"}}, plus optional {@code years} (1–50),
 * {@code requestedBy}, {@code correlationId} and {@code mode} ("on-demand" or "batch"). A message that carries
 * {@code batchId} is refused: only the nightly batch refresh ties a job to its run, and it gives the run's id beside
 * the message ({@link #parse(byte[], String)}), where no caller can put one.
 */
public class JobRequestParser {

    private static final Set<String> FIELDS = Set.of("ticker", "cik", "years", "requestedBy", "correlationId",
            "mode");
    private static final int MAX_TEXT = 200;

    private final ObjectMapper mapper;
    private final int maxBytes;

    public JobRequestParser(ObjectMapper mapper, int maxBytes) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
    }

    /** A job request from a caller (JMS, HTTP, the ask flow): never part of a batch run. */
    public JobRequest parse(byte[] body) {
        return parse(body, null);
    }

    /**
     * A job request; {@code batchId} is the batch run that submits it (from the batch route, which passes it as an
     * exchange property that JMS and HTTP callers cannot set), or null for any other request.
     */
    public JobRequest parse(byte[] body, String batchId) {
        if (body == null || body.length == 0) {
            throw new InvalidJobException("empty job message: send JSON such as {\"ticker\":\"MSFT\"}");
        }
        if (body.length > maxBytes) {
            throw new InvalidJobException("job message of " + body.length + " bytes exceeds jobs.max-request-bytes="
                    + maxBytes);
        }
        ObjectNode json = readObject(body);
        if (json.hasNonNull("batchId")) {
            // Stored on the job and sent with its event, a caller's batchId would claim the job for a run that
            // never submitted it.
            throw new InvalidJobException("batchId is set by the nightly batch refresh on its own jobs: leave it out"
                    + " of a job request (\"mode\":\"batch\" asks for batch priority)");
        }
        // "batchId": null, as a client that writes every field sends it, asks for nothing.
        json.remove("batchId");
        refuseUnknownFields(json, FIELDS, "job message");
        return new JobRequest(company(json), years(json), text(json, "requestedBy"), text(json, "correlationId"),
                batch(json), batchId == null || batchId.isBlank() ? null : batchId);
    }

    private ObjectNode readObject(byte[] body) {
        try {
            // Strict: {"ticker":"A"}{"ticker":"B"} or a field given twice is ambiguous, so refuse it rather than
            // silently keep the first request or the last value. Read from text: given bytes, Jackson guesses
            // UTF-16 or UTF-32 from the first ones.
            JsonNode json = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(utf8(body));
            if (json == null || !json.isObject()) {
                throw new InvalidJobException("job message must be a JSON object such as {\"ticker\":\"MSFT\"}");
            }
            return (ObjectNode) json;
        } catch (JsonProcessingException e) {
            throw new InvalidJobException("job message is not valid JSON: " + JsonProblems.describe(e), e);
        }
    }

    /**
     * The body as UTF-8 text, the only encoding of JSON between systems (RFC 8259); anything else is refused saying
     * which byte, rather than decoded as another encoding and refused with characters the sender never wrote.
     */
    private static String utf8(byte[] body) {
        return utf8(body, "job message is not valid JSON", "send JSON as UTF-8");
    }

    /**
     * The bytes as UTF-8 text, or an {@link InvalidJobException} "{@code refusal}: what is wrong; {@code advice}".
     * Also for the ask flow's questions, so that neither path turns bytes it cannot read into U+FFFD.
     */
    public static String utf8(byte[] body, String refusal, String advice) {
        if (body.length == 0) {
            return "";
        }
        int first = body[0] & 0xFF;
        int second = body.length > 1 ? body[1] & 0xFF : -1;
        if (first == 0xFF && second == 0xFE || first == 0xFE && second == 0xFF) {
            throw new InvalidJobException(String.format(Locale.ROOT, "%s: it starts with a UTF-16 byte order mark"
                    + " (%02X %02X); %s", refusal, first, second, advice));
        }
        // Without a mark, UTF-16 (or UTF-32) of text that starts in ASCII, as JSON does, has a NUL beside each of its
        // first characters (RFC 4627, section 3); decoded as UTF-8, Jackson named only a control character.
        if (body.length >= 4 && (first == 0 && body[2] == 0 || second == 0 && body[3] == 0)) {
            throw new InvalidJobException(refusal + ": it looks like UTF-16 (NUL bytes among its first 4); " + advice);
        }
        // A UTF-8 byte order mark says nothing wrong: RFC 8259 lets a reader skip it, as Jackson did before.
        boolean utf8Mark = body.length > 2 && first == 0xEF && second == 0xBB && (body[2] & 0xFF) == 0xBF;
        ByteBuffer in = ByteBuffer.wrap(body, utf8Mark ? 3 : 0, body.length - (utf8Mark ? 3 : 0));
        CharBuffer text = CharBuffer.allocate(body.length);
        // A new decoder reports malformed input instead of replacing it.
        if (StandardCharsets.UTF_8.newDecoder().decode(in, text, true).isError()) {
            throw new InvalidJobException(String.format(Locale.ROOT, "%s: byte %02X at position %d is not UTF-8; %s",
                    refusal, body[in.position()] & 0xFF, in.position() + 1, advice));
        }
        return text.flip().toString();
    }

    private static CompanyRef company(JsonNode json) {
        String ticker = text(json, "ticker");
        if (ticker != null && json.hasNonNull("cik")) {
            throw new InvalidJobException("give a ticker or a cik, not both");
        }
        String cik = cikText(json);
        if (cik != null) {
            return CompanyRef.ofCik(cik);
        }
        if (ticker == null) {
            throw new InvalidJobException("job message needs \"ticker\" or \"cik\"");
        }
        return CompanyRef.parse(ticker);
    }

    /** Refuses any field of {@code json} not in {@code allowed}, naming the kind of message it was sent in. */
    public static void refuseUnknownFields(JsonNode json, Collection<String> allowed, String message) {
        json.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new InvalidJobException("unknown field '" + name + "' in " + message + "; allowed: " + allowed);
            }
        });
    }

    /** The {@code cik} field as text, or null when there is none; a value neither a number nor text is refused. */
    public static String cikText(JsonNode json) {
        JsonNode cik = json.get("cik");
        if (cik == null || cik.isNull()) {
            return null;
        }
        if (!cik.isIntegralNumber() && !cik.isTextual()) {
            throw new InvalidJobException("cik must be a number or a string of digits");
        }
        refuseControlCharacters("cik", cik.asText());
        return cik.asText();
    }

    /**
     * Refuses a value with a control character (NUL, tab, line break, …) in it: trimming would drop one at either
     * end without a word (AAPL followed by a NUL became AAPL), and one inside would be stored as sent.
     */
    public static void refuseControlCharacters(String field, String value) {
        refuseControlCharacters(field, value, false);
    }

    /** As above; with {@code blankAllowed}, a tab or line end (blank space a trim removes) is let through. */
    public static void refuseControlCharacters(String field, String value, boolean blankAllowed) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(blankAllowed && Character.isWhitespace(c))) {
                throw new InvalidJobException(String.format(Locale.ROOT,
                        "%s contains a control character (U+%04X at position %d): send it as plain text",
                        field, (int) c, i + 1));
            }
            // What a decoder writes for bytes it could not read: the text was not UTF-8 before it reached us (a
            // STOMP text frame, a terminal in another encoding), and answering it would guess at the rest.
            if (c == '\uFFFD') {
                throw new InvalidJobException(String.format(Locale.ROOT, "%s contains U+FFFD at position %d, the"
                        + " replacement for bytes that were not valid text: send it as UTF-8", field, i + 1));
            }
        }
    }

    private static Integer years(JsonNode json) {
        JsonNode years = json.get("years");
        if (years == null || years.isNull()) {
            return null;
        }
        // Compared as a double: 5.0 is five years, and asInt() would wrap 4294967297 around to 1.
        double value = years.isNumber() ? years.doubleValue() : Double.NaN;
        if (!(value >= 1 && value <= 50) || value != Math.rint(value)) {
            throw new InvalidJobException("years must be a whole number from 1 to 50");
        }
        return (int) value;
    }

    private static boolean batch(JsonNode json) {
        String mode = text(json, "mode");
        if (mode == null || mode.equals("on-demand")) {
            return false;
        }
        if (mode.equals("batch")) {
            return true;
        }
        throw new InvalidJobException("mode must be \"on-demand\" or \"batch\"");
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidJobException(field + " must be a string");
        }
        refuseControlCharacters(field, node.asText());
        String value = node.asText().trim();
        if (value.length() > MAX_TEXT) {
            throw new InvalidJobException(field + " is longer than " + MAX_TEXT + " characters");
        }
        return value.isEmpty() ? null : value;
    }
}
