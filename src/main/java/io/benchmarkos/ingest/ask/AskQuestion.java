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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the chatbot asks: a company and a phase. Accepts the chat text ("metrics for MSFT phase 1") or JSON
 * ({"question": "..."} or {"ticker": "MSFT", "phase": 2}), with an optional {@code correlationId}.
 *
 * @param listedAfter words listed after the company in small letters ("AAPL and nvda"): another company when SEC's
 *                    ticker map knows them (AskService checks), a word otherwise ("AAPL and its peers")
 */
public record AskQuestion(CompanyRef company, int phase, String text, String correlationId,
                          List<String> listedAfter) {

    /** The number after "phase", with its sign and decimals: "phase -1" and "phase 1.5" are refused, not phase 1. */
    private static final Pattern PHASE = Pattern.compile("\\bphase\\s*([-+]?\\d+(?:[.,]\\d+)?)",
            Pattern.CASE_INSENSITIVE);
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

    public static AskQuestion parse(String body, ObjectMapper mapper) {
        if (body == null || body.isBlank()) {
            throw new InvalidJobException("empty question; ask e.g. \"metrics for MSFT phase 1\"");
        }
        if (body.length() > MAX_TEXT * 4) {
            throw new InvalidJobException("request of " + body.length() + " characters is too long: a question"
                    + " takes at most " + MAX_TEXT + " characters, the whole request " + MAX_TEXT * 4);
        }
        String trimmed = body.trim();
        if (trimmed.startsWith("{")) {
            return fromJson(trimmed, mapper);
        }
        return fromText(trimmed, null);
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
        if (node.hasNonNull("question")) {
            return fromText(textField(node, "question"), correlationId);
        }
        String cik = JobRequestParser.cikText(node);
        // A number for a ticker is refused, not read as a CIK: {"ticker":5} asked about CIK 5.
        String company = node.hasNonNull("ticker") ? textField(node, "ticker") : cik;
        JsonNode phaseNode = node.path("phase");
        int phase = phaseNode.isMissingNode() || phaseNode.isNull() ? 1 : checkedPhase(phaseNode.asText());
        CompanyRef ref = CompanyRef.parse(company);
        // The answer repeats the question: in words, as a person would have asked it, not the request's JSON.
        return new AskQuestion(ref, phase, "metrics for " + ref.display() + " phase " + phase, correlationId,
                List.of());
    }

    private static String textField(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (!value.isTextual()) {
            throw new InvalidJobException(name + " must be a string");
        }
        return value.asText();
    }

    static AskQuestion fromText(String text, String correlationId) {
        if (text.length() > MAX_TEXT) {
            throw new InvalidJobException("question longer than " + MAX_TEXT + " characters");
        }
        Matcher phase = PHASE.matcher(text);
        int phaseNumber = phase.find() ? checkedPhase(phase.group(1)) : 1;
        String company = company(text);
        List<String> listed = listedAfter(text, company);
        List<String> capitals = listed.stream().filter(word -> LISTED_COMPANY.matcher(word).matches()).toList();
        if (!capitals.isEmpty()) {
            throw moreThanOneCompany(company, capitals);
        }
        return new AskQuestion(CompanyRef.parse(company), phaseNumber, text, correlationId, listed);
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

    /** The words listed after the company ("AAPL, NVDA and also GOOGL": NVDA, GOOGL), but the question's own. */
    private static List<String> listedAfter(String text, String company) {
        List<String> listed = new ArrayList<>();
        String previous = company;
        Matcher pair = LISTED.matcher(text);
        while (pair.find()) {
            String first = bare(pair.group(1));
            String second = bare(pair.group(2));
            boolean aWord = WORDS.contains(second.toUpperCase(Locale.ROOT)) || "CIK".equalsIgnoreCase(second);
            if (first.equalsIgnoreCase(previous) && !second.isEmpty() && !aWord
                    && !second.equalsIgnoreCase(company)) {
                listed.add(second);
                previous = second;
            }
            pair.region(pair.start(2), text.length());
        }
        return listed;
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

    /**
     * The company named after "for/of/on/about", a CIK, or a word written in capitals (MSFT); a question with none
     * of these is refused rather than guessed from an ordinary word.
     */
    private static String company(String text) {
        Matcher cik = CIK.matcher(text);
        if (cik.find()) {
            return cik.group(1);
        }
        Matcher after = AFTER_FOR.matcher(text);
        while (after.find()) {
            String word = bare(after.group(1));
            if (!word.isEmpty() && !WORDS.contains(word.toUpperCase(Locale.ROOT))) {
                return word;
            }
        }
        List<String> candidates = WORD.matcher(text).results().map(match -> bare(match.group()))
                .filter(t -> !t.isEmpty() && !WORDS.contains(t.toUpperCase(Locale.ROOT))).toList();
        return candidates.stream().filter(t -> t.equals(t.toUpperCase(Locale.ROOT)) && t.matches(".*[A-Z].*"))
                .findFirst().orElseThrow(() -> new InvalidJobException(
                        "no company in the question; ask e.g. \"metrics for MSFT phase 1\""));
    }
}
