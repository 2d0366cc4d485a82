package io.benchmarkos.ingest.ask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchmarkos.ingest.JsonProblems;
import io.benchmarkos.ingest.jobs.CompanyRef;
import io.benchmarkos.ingest.jobs.InvalidJobException;
import io.benchmarkos.ingest.jobs.JobRequestParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the chatbot asks: a company and a phase. Accepts the chat text ("metrics for MSFT phase 1", "… phase two",
 * "… phase: 2", "… phase II", "… p2") or JSON ({"question": "..."} or {"ticker": "MSFT", "phase": 2}), with an
 * optional {@code correlationId}. No phase named is phase 1.
 *
 * @param listedAfter     words listed after the company in small letters ("AAPL and nvda"): another company when
 *                        SEC's ticker map knows them (AskService checks), a word otherwise ("AAPL and its peers")
 * @param onlyOtherWord   the company is the one word left in small letters ("nvda", "aapl phase 2"): a ticker
 *                        only if SEC's ticker map knows it (AskService checks), else there is no company ("hello")
 */
public record AskQuestion(CompanyRef company, int phase, String text, String correlationId,
                          List<String> listedAfter, boolean onlyOtherWord) {

    static final String NO_COMPANY = "no company in the question; ask e.g. \"metrics for MSFT phase 1\"";

    /**
     * Where the question names a phase: "phase …" (also joined: "phase2"), "phases", "p2", "second phase"; not a
     * longer word ("phased").
     */
    private static final Pattern PHASE_MENTION = Pattern.compile(
            "\\b(?:(?<ordinal>first|second|1st|2nd)\\s+phase\\b|p ?(?<short>\\d)\\b"
                    + "|(?<word>phases\\b|phase(?=\\d|\\b)))",
            Pattern.CASE_INSENSITIVE);
    /**
     * What follows "phase": a separator a user may type (":", "#", "=", "no.", "number", a dash joined to the word
     * or standing alone) and the value, with its sign and decimals. A sign after a space belongs to the value:
     * "phase-2" is phase 2, but "phase -1" and "phase 1.5" are refused, not read as another phase.
     */
    private static final Pattern PHASE_VALUE = Pattern.compile("(?:-(?=\\S)|\\s*(?:[:#=]|-\\s|no\\.|number\\b)\\s*#?)?"
            + "\\s*(?<value>[-+]?\\d+(?:[.,]\\d+)+|[^\\s,;:!?()\"']+)?", Pattern.CASE_INSENSITIVE);
    /** A second value listed after the first: "phase 1 and 2", "phase 1, 2", "phase 1 to 2". */
    private static final Pattern ANOTHER_PHASE_VALUE = Pattern.compile(
            "\\s*(?:,|&|\\+|\\s(?:-|and|or|to|through|vs\\.?|versus)\\s)\\s*(?<value>[^\\s,;:!?()\"']+)",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> PHASE_ONE = Set.of("1", "one", "i", "1st", "first");
    private static final Set<String> PHASE_TWO = Set.of("2", "two", "ii", "2nd", "second");
    private static final String WRITE_A_PHASE = "\"phase 1\" or \"phase 2\"";
    // A whole word, not the part of it that looks like a ticker: "A$PL" must be refused, not read as "A".
    private static final Pattern AFTER_FOR = Pattern.compile("\\b(?:for|of|on|about)\\s+(\\S{1,40})",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CIK = Pattern.compile("\\bcik\\s*(\\d{1,10})\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("\\S+");
    /**
     * Two words joined as a list ("AAPL and NVDA", "AAPL, NVDA", "AAPL vs NVDA"): a question about two companies.
     * Not a slash: BRK/B is one company's share class.
     */
    private static final Pattern LISTED = Pattern.compile(
            "(\\S+?)\\s*(?:,|&|\\s(?:and|or|vs\\.?|versus)\\s)\\s*(?:also\\s+)?(\\S+)", Pattern.CASE_INSENSITIVE);
    /** How a second company is written in a list: a ticker in capitals, or a CIK. */
    private static final Pattern LISTED_COMPANY = Pattern.compile("[A-Z][A-Z0-9.-]{0,9}|\\d{1,10}");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\"'(]+|[\"'),;:!?.]+$");
    private static final Set<String> WORDS = Set.of("METRICS", "METRIC", "KPI", "KPIS", "PHASE", "FOR", "OF", "SHOW",
            "ME", "THE", "AND", "GIVE", "WHAT", "ARE", "IS", "ON", "ABOUT", "PLEASE", "NUMBERS", "1", "2");
    private static final int MAX_TEXT = 500;
    /** The fields of a question sent as JSON; as with job messages, any other is refused rather than ignored. */
    private static final List<String> FIELDS = List.of("question", "ticker", "cik", "phase", "correlationId");

    /**
     * Refuses a request whose bytes could not make a request of the allowed length in any encoding (at most three
     * UTF-8 bytes a character, and a byte order mark), before they are decoded: JMS sets no size limit of its own.
     */
    public static void refuseOversize(byte[] body) {
        int limit = MAX_TEXT * 4 * 3 + 3;
        if (body != null && body.length > limit) {
            throw new InvalidJobException("request of " + body.length + " bytes is too long: a question takes at most "
                    + MAX_TEXT + " characters, the whole request " + MAX_TEXT * 4 + " (" + limit + " bytes)");
        }
    }

    public static AskQuestion parse(String body, ObjectMapper mapper) {
        String trimmed = body == null ? "" : withoutBlankAround(body);
        if (trimmed.isEmpty()) {
            throw new InvalidJobException("empty question; ask e.g. \"metrics for MSFT phase 1\"");
        }
        if (body.length() > MAX_TEXT * 4) {
            throw new InvalidJobException("request of " + body.length() + " characters is too long: a question"
                    + " takes at most " + MAX_TEXT + " characters, the whole request " + MAX_TEXT * 4);
        }
        if (trimmed.startsWith("{")) {
            return fromJson(trimmed, mapper);
        }
        if (trimmed.startsWith("[") && isJsonArray(trimmed, mapper)) {
            // A list sent as the body: say what to send, not that the "text" names no company.
            throw new InvalidJobException("question must be text or a JSON object such as {\"ticker\":\"MSFT\"},"
                    + " not a JSON array");
        }
        return fromText(trimmed, null, null);
    }

    /**
     * The body without the blank space around it. Not {@link String#trim()}: it drops every character up to U+0020,
     * so a question of control characters (bytes 00 01) became empty text, answered "no company" instead of being
     * refused for them as the same question sent as JSON is.
     */
    private static String withoutBlankAround(String body) {
        int start = 0;
        int end = body.length();
        while (start < end && isBlank(body.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(body.charAt(end - 1))) {
            end--;
        }
        return body.substring(start, end);
    }

    /** Blank space a chat may send: spaces, and of the control characters only tabs and line ends. */
    private static boolean isBlank(char c) {
        return c == '\t' || c == '\r' || c == '\n' || Character.isWhitespace(c) && !Character.isISOControl(c);
    }

    private static boolean isJsonArray(String text, ObjectMapper mapper) {
        try {
            return mapper.readTree(text).isArray();
        } catch (IOException e) {
            // "[AAPL] metrics" is chat text.
            return false;
        }
    }

    private static AskQuestion fromJson(String json, ObjectMapper mapper) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (IOException e) {
            throw new InvalidJobException("question is not valid JSON: " + JsonProblems.describe(e));
        }
        if (node == null || !node.isObject()) {
            throw new InvalidJobException("question must be text or a JSON object such as {\"ticker\":\"MSFT\"}");
        }
        JobRequestParser.refuseUnknownFields(node, FIELDS, "question");
        String correlationId = node.path("correlationId").asText(null);
        if (correlationId != null) {
            JobRequestParser.refuseControlCharacters("correlationId", correlationId);
        }
        JsonNode phaseNode = node.path("phase");
        Integer phaseField = phaseNode.isMissingNode() || phaseNode.isNull() ? null : checkedPhase(phaseNode.asText());
        if (node.hasNonNull("question")) {
            return fromText(textField(node, "question"), phaseField, correlationId);
        }
        String cik = JobRequestParser.cikText(node);
        // A number for a ticker is refused, not read as a CIK: {"ticker":5} asked about CIK 5.
        String company = node.hasNonNull("ticker") ? textField(node, "ticker") : cik;
        if (node.hasNonNull("ticker")) {
            // CompanyRef trims: a NUL after the ticker would be dropped without a word.
            JobRequestParser.refuseControlCharacters("ticker", company);
        }
        int phase = phaseField == null ? 1 : phaseField;
        CompanyRef ref = CompanyRef.parse(company);
        // The answer repeats the question: in words, as a person would have asked it, not the request's JSON.
        return new AskQuestion(ref, phase, "metrics for " + ref.display() + " phase " + phase, correlationId,
                List.of(), false);
    }

    private static String textField(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (!value.isTextual()) {
            throw new InvalidJobException(name + " must be a string");
        }
        return value.asText();
    }

    /**
     * @param phaseField the JSON "phase" beside the question, if any: used when the question names none, refused
     *                   when it names another
     */
    static AskQuestion fromText(String text, Integer phaseField, String correlationId) {
        if (text.length() > MAX_TEXT) {
            throw new InvalidJobException("question longer than " + MAX_TEXT + " characters");
        }
        // Lines and tabs are text a chat may send; a NUL or other control character is not, and trimming would
        // drop it from the company's name without a word ("NVDA" followed by a NUL answered as NVDA).
        JobRequestParser.refuseControlCharacters("question", text.replaceAll("[\t\r\n]", " "));
        StringBuilder withoutPhase = new StringBuilder(text);
        Integer phase = phase(text, withoutPhase);
        if (phase != null && phaseField != null && !phase.equals(phaseField)) {
            throw new InvalidJobException("the question asks for phase " + phase + " but its \"phase\" field says "
                    + phaseField + "; send one phase");
        }
        // A question without a phase is about phase 1, as "metrics for MSFT" always was.
        int phaseNumber = phase != null ? phase : phaseField != null ? phaseField : 1;
        // The company is looked for in the rest: "phase II NVDA" is about NVDA, not a company "II".
        String rest = withoutPhase.toString();
        Named named = company(rest);
        String company = named.word();
        List<String> listed = listedAfter(rest, company);
        List<String> capitals = listed.stream().filter(word -> LISTED_COMPANY.matcher(word).matches()).toList();
        if (!capitals.isEmpty()) {
            throw moreThanOneCompany(company, capitals);
        }
        return new AskQuestion(CompanyRef.parse(company), phaseNumber, text, correlationId, listed,
                named.onlyOtherWord());
    }

    /**
     * One job answers one company: "AAPL and NVDA" is refused with every name, not answered for AAPL alone. The
     * caller refuses the same for a listed word in small letters that SEC's ticker map knows ("AAPL and nvda").
     */
    static InvalidJobException moreThanOneCompany(String company, List<String> others) {
        List<String> names = new ArrayList<>();
        names.add(company);
        names.addAll(others);
        String joined = String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        return new InvalidJobException("the question names more than one company (" + joined + "); ask about one"
                + " company at a time");
    }

    /**
     * The words listed after the company ("AAPL, NVDA and also GOOGL": NVDA, GOOGL), but the question's own and the
     * company's ticker however it is spelled.
     */
    private static List<String> listedAfter(String text, String company) {
        List<String> listed = new ArrayList<>();
        String previous = company;
        Matcher pair = LISTED.matcher(text);
        while (pair.find()) {
            String first = bare(pair.group(1));
            String second = bare(pair.group(2));
            boolean aWord = WORDS.contains(second.toUpperCase(Locale.ROOT)) || "CIK".equalsIgnoreCase(second);
            if (first.equalsIgnoreCase(previous) && !second.isEmpty() && !aWord) {
                // The company again, spelled another way ("BRK.B and brk-b"), is not another company.
                if (!CompanyRef.sameTicker(second, company)) {
                    listed.add(second);
                }
                previous = second;
            }
            pair.region(pair.start(2), text.length());
        }
        return listed;
    }

    /**
     * The phase the text names, or null when it names none; each mention is blanked out of {@code rest}. A phase
     * named but unreadable, or two different ones, is refused saying what to write: never read as phase 1.
     */
    private static Integer phase(String text, StringBuilder rest) {
        Integer found = null;
        Matcher mention = PHASE_MENTION.matcher(text);
        while (mention.find()) {
            int end = mention.end();
            Integer phase;
            if (mention.group("ordinal") != null) {
                phase = phaseWord(mention.group("ordinal"));
            } else if (mention.group("short") != null) {
                phase = phaseWord(mention.group("short"));
                if (phase == null) {
                    throw new InvalidJobException("phase must be 1 or 2, not '" + mention.group("short") + "'; write "
                            + WRITE_A_PHASE);
                }
            } else if (mention.group("word").length() > "phase".length()) {
                throw new InvalidJobException("the question asks for more than one phase; ask for one phase at a"
                        + " time: " + WRITE_A_PHASE);
            } else {
                Matcher value = PHASE_VALUE.matcher(text).region(end, text.length());
                String written = value.lookingAt() ? phaseValue(value.group("value")) : null;
                if (written == null) {
                    throw new InvalidJobException("the question names a phase but not which; write "
                            + WRITE_A_PHASE);
                }
                phase = phaseWord(written);
                if (phase == null) {
                    throw new InvalidJobException("phase must be 1 or 2, not '" + written + "'; write "
                            + WRITE_A_PHASE);
                }
                end = value.end();
                Matcher another = ANOTHER_PHASE_VALUE.matcher(text).region(end, text.length());
                if (another.lookingAt()) {
                    String listed = phaseValue(another.group("value"));
                    // "phase 2 and i …" is the pronoun, not a second phase.
                    Integer second = "i".equalsIgnoreCase(listed) ? null : phaseWord(listed);
                    if (second != null && !second.equals(phase)) {
                        throw twoPhases(phase, second);
                    }
                }
            }
            if (found != null && !found.equals(phase)) {
                throw twoPhases(found, phase);
            }
            found = phase;
            for (int i = mention.start(); i < end; i++) {
                rest.setCharAt(i, ' ');
            }
        }
        return found;
    }

    private static InvalidJobException twoPhases(int first, int second) {
        return new InvalidJobException("the question asks for phase " + Math.min(first, second) + " and phase "
                + Math.max(first, second) + "; ask for one phase at a time: " + WRITE_A_PHASE);
    }

    /** The value as written, without the full stop that may end the sentence ("phase 2."); null when none. */
    private static String phaseValue(String value) {
        String trimmed = value == null ? "" : value.replaceAll("\\.+$", "");
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** 1 or 2 from "2", "two", "II", "2nd" or "second", in any case; null for anything else. */
    private static Integer phaseWord(String written) {
        if (written == null) {
            return null;
        }
        String word = written.toLowerCase(Locale.ROOT);
        return PHASE_ONE.contains(word) ? Integer.valueOf(1) : PHASE_TWO.contains(word) ? Integer.valueOf(2) : null;
    }

    private static int checkedPhase(String text) {
        if (!"1".equals(text.trim()) && !"2".equals(text.trim())) {
            throw new InvalidJobException("phase must be 1 or 2, not '" + text + "'");
        }
        return Integer.parseInt(text.trim());
    }

    /** A word without the quotes, brackets and sentence punctuation around it ("MSFT?" is MSFT; BRK.B stays). */
    private static String bare(String word) {
        return EDGE_PUNCTUATION.matcher(word).replaceAll("");
    }

    /** The word that names the company, and whether it was the question's only other word in small letters. */
    private record Named(String word, boolean onlyOtherWord) {
    }

    /**
     * The company named after "for/of/on/about", a CIK, a word written in capitals (MSFT), or the one word in small
     * letters of a question with nothing else ("nvda", which AskService looks up); otherwise the question is refused
     * rather than guessed from an ordinary word.
     */
    private static Named company(String text) {
        Matcher cik = CIK.matcher(text);
        if (cik.find()) {
            return new Named(cik.group(1), false);
        }
        Matcher after = AFTER_FOR.matcher(text);
        boolean namesAfterFor = false;
        while (after.find()) {
            namesAfterFor = true;
            String word = bare(after.group(1));
            if (!word.isEmpty() && !WORDS.contains(word.toUpperCase(Locale.ROOT))) {
                return new Named(word, false);
            }
        }
        List<String> candidates = otherWords(text);
        Optional<String> inCapitals = candidates.stream()
                .filter(t -> t.equals(t.toUpperCase(Locale.ROOT)) && t.matches(".*[A-Z].*")).findFirst();
        if (inCapitals.isPresent()) {
            return new Named(inCapitals.get(), false);
        }
        // Chat is typed in small letters: a question that is one word besides the phase ("nvda") names it.
        if (!namesAfterFor && candidates.size() == 1
                && !candidates.get(0).equals(candidates.get(0).toUpperCase(Locale.ROOT))) {
            return new Named(candidates.get(0), true);
        }
        throw new InvalidJobException(NO_COMPANY);
    }

    /** The question's words but the ones every question uses ("metrics", "for", "phase"…). */
    private static List<String> otherWords(String text) {
        return WORD.matcher(text).results().map(match -> bare(match.group()))
                .filter(t -> !t.isEmpty() && !WORDS.contains(t.toUpperCase(Locale.ROOT))).toList();
    }
}
