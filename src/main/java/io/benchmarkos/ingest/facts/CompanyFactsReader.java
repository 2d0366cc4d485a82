package io.benchmarkos.ingest.facts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.benchmarkos.ingest.JsonProblems;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Pulls {@link ReportedFact}s out of a companyfacts document one entry at a time with Jackson's streaming parser,
 * so a document of any size costs only the memory of the current entry.
 * <p>
 * Document shape: {@code
 * {"cik":..,"entityName":..,"facts":{taxonomy:{concept:{"label":..,"units":{unit:[entry..]}}}}}}.
 * A truncated or malformed document raises {@link MalformedDocumentException} from {@link #hasNext()} or
 * {@link #next()}, so a caller that consumes every entry inside one transaction can roll all of it back.
 */
public final class CompanyFactsReader implements Iterator<ReportedFact>, Closeable {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private enum Position { ROOT, FACTS, TAXONOMY, CONCEPT, UNITS, ENTRIES, DONE }

    private final JsonParser parser;
    private final Map<String, ConceptInfo> concepts = new LinkedHashMap<>();
    private Position position = Position.ROOT;
    private Long cik;
    private String entityName;
    private String taxonomy;
    private String concept;
    private String unit;
    private ReportedFact pending;
    private MalformedDocumentException failure;
    private long entriesRead;
    private long roundedValues;
    private String firstRounded;

    public CompanyFactsReader(InputStream json) {
        try {
            this.parser = JSON.createParser(json);
            expect(parser.nextToken(), JsonToken.START_OBJECT, "document");
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** The document's CIK; known once the reader has passed the {@code cik} field (the first field in SEC's files). */
    public Long cik() {
        return cik;
    }

    public String entityName() {
        return entityName;
    }

    /**
     * Values with more decimals than facts are stored with ({@link FactValue#VALUE_SCALE}), which storage rounds:
     * the count and the first one, for the job's warnings.
     */
    public Optional<String> roundedValuesWarning() {
        return roundedValues == 0 ? Optional.empty() : Optional.of(roundedValues + " value(s) with more than "
                + FactValue.VALUE_SCALE + " decimals stored rounded, first " + firstRounded);
    }

    public long entriesRead() {
        return entriesRead;
    }

    /** Concepts seen so far, keyed by {@code taxonomy:name}, with their labels. */
    public Map<String, ConceptInfo> concepts() {
        return concepts;
    }

    @Override
    public boolean hasNext() {
        if (failure != null) {
            // Thrown once, where reading stopped. Camel's splitter asks again while releasing the exchange and
            // would log the same error a second time, with its stack trace, as a warning it ignores.
            return false;
        }
        if (pending == null && position != Position.DONE) {
            try {
                pending = advance();
            } catch (MalformedDocumentException e) {
                failure = e;
                throw e;
            } catch (IOException e) {
                failure = malformed(e);
                throw failure;
            }
        }
        return pending != null;
    }

    /** True once reading stopped at an error (thrown then, once): nothing of this document may be stored. */
    public boolean hasFailed() {
        return failure != null;
    }

    @Override
    public ReportedFact next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ReportedFact fact = pending;
        pending = null;
        entriesRead++;
        return fact;
    }

    /** Groups entries into lists of at most {@code size}, the unit a Camel splitter hands to the store. */
    public Iterator<List<ReportedFact>> batches(int size) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return CompanyFactsReader.this.hasNext();
            }

            @Override
            public List<ReportedFact> next() {
                List<ReportedFact> batch = new ArrayList<>(size);
                while (batch.size() < size && CompanyFactsReader.this.hasNext()) {
                    batch.add(CompanyFactsReader.this.next());
                }
                if (batch.isEmpty()) {
                    throw new NoSuchElementException();
                }
                return batch;
            }
        };
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ReportedFact advance() throws IOException {
        while (true) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new MalformedDocumentException("companyfacts document ends early (truncated) at "
                        + location() + ", after " + entriesRead + " entries");
            }
            switch (position) {
                case ROOT -> {
                    if (token == JsonToken.END_OBJECT) {
                        position = Position.DONE;
                        if (parser.nextToken() != null) {
                            throw new MalformedDocumentException("unexpected content after the document at "
                                    + location());
                        }
                        if (cik == null) {
                            throw new MalformedDocumentException("companyfacts document has no cik field");
                        }
                        return null;
                    }
                    readRootField();
                }
                case FACTS -> {
                    if (token == JsonToken.END_OBJECT) {
                        position = Position.ROOT;
                    } else {
                        taxonomy = bounded(parser.currentName(), 64, "taxonomy name");
                        expect(parser.nextToken(), JsonToken.START_OBJECT, "taxonomy " + taxonomy);
                        position = Position.TAXONOMY;
                    }
                }
                case TAXONOMY -> {
                    if (token == JsonToken.END_OBJECT) {
                        position = Position.FACTS;
                    } else {
                        concept = bounded(parser.currentName(), 300, "concept name");
                        expect(parser.nextToken(), JsonToken.START_OBJECT, "concept " + concept);
                        concepts.putIfAbsent(taxonomy + ':' + concept, new ConceptInfo(taxonomy, concept, null));
                        position = Position.CONCEPT;
                    }
                }
                case CONCEPT -> {
                    if (token == JsonToken.END_OBJECT) {
                        position = Position.TAXONOMY;
                    } else {
                        readConceptField();
                    }
                }
                case UNITS -> {
                    if (token == JsonToken.END_OBJECT) {
                        position = Position.CONCEPT;
                    } else {
                        unit = bounded(parser.currentName(), 64, "unit");
                        expect(parser.nextToken(), JsonToken.START_ARRAY, "unit " + unit + " of " + concept);
                        position = Position.ENTRIES;
                    }
                }
                case ENTRIES -> {
                    if (token == JsonToken.END_ARRAY) {
                        position = Position.UNITS;
                    } else {
                        expect(token, JsonToken.START_OBJECT, "entry of " + concept);
                        return readEntry();
                    }
                }
                case DONE -> {
                    return null;
                }
            }
        }
    }

    private void readRootField() throws IOException {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
            case "cik" -> cik = value == JsonToken.VALUE_STRING ? parseCik(parser.getText()) : parser.getLongValue();
            case "entityName" -> entityName = parser.getValueAsString();
            case "facts" -> {
                expect(value, JsonToken.START_OBJECT, "facts");
                position = Position.FACTS;
            }
            default -> parser.skipChildren();
        }
    }

    /** A CIK given as text; a non-number is a malformed document (permanent), not a NumberFormatException (retried). */
    private long parseCik(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new MalformedDocumentException("companyfacts cik is not a number: '" + text + "' at " + location());
        }
    }

    private void readConceptField() throws IOException {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("label".equals(field)) {
            concepts.put(taxonomy + ':' + concept, new ConceptInfo(taxonomy, concept, parser.getValueAsString()));
        } else if ("units".equals(field)) {
            expect(value, JsonToken.START_OBJECT, "units of " + concept);
            position = Position.UNITS;
        } else {
            parser.skipChildren();
        }
    }

    private ReportedFact readEntry() throws IOException {
        LocalDate start = null;
        LocalDate end = null;
        BigDecimal value = null;
        String accession = null;
        Integer fy = null;
        String fp = null;
        String form = null;
        LocalDate filed = null;
        String frame = null;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken valueToken = parser.nextToken();
            if (valueToken == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "start" -> start = date(valueToken);
                case "end" -> end = date(valueToken);
                case "val" -> value = number(valueToken);
                case "accn" -> accession = bounded(parser.getText(), 25, "accn");
                case "fy" -> fy = fiscalYear(valueToken);
                case "fp" -> fp = bounded(parser.getText(), 8, "fp");
                case "form" -> form = bounded(parser.getText(), 40, "form");
                case "filed" -> filed = date(valueToken);
                case "frame" -> frame = bounded(parser.getText(), 20, "frame");
                default -> parser.skipChildren();
            }
        }
        if (token == null) {
            throw new MalformedDocumentException("companyfacts document ends early (truncated) inside an entry of "
                    + taxonomy + ":" + concept);
        }
        if (end == null || value == null || accession == null || form == null || filed == null) {
            throw new MalformedDocumentException("entry of " + taxonomy + ":" + concept + " [" + unit
                    + "] lacks end, val, accn, form or filed at " + location());
        }
        return new ReportedFact(taxonomy, concept, unit, start, end, value, accession, fy, fp, form, filed, frame);
    }

    /**
     * Text no longer than the column that stores it. Refused here, by name and place, like an oversized number: the
     * database would refuse the whole batch with a bare SQL error, and the job would be retried as if it might pass.
     */
    private String bounded(String text, int max, String field) {
        if (text != null && text.length() > max) {
            String start = text.length() > 40 ? text.substring(0, 40) + "…" : text;
            throw new MalformedDocumentException(field + " '" + start + "' (" + text.length() + " characters) at "
                    + location() + " is longer than the " + max + " facts are stored with");
        }
        return text;
    }

    private BigDecimal number(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            BigDecimal value = parser.getDecimalValue();
            // Refused here, by name and place: the database would refuse the whole batch with a bare SQL error.
            int integerDigits = value.precision() - value.scale();
            if (integerDigits > FactValue.MAX_INTEGER_DIGITS) {
                throw new MalformedDocumentException("val of " + taxonomy + ":" + concept + " [" + unit + "] has "
                        + integerDigits + " digits before the decimal point at " + location() + "; facts are stored"
                        + " with at most " + FactValue.MAX_INTEGER_DIGITS + " (NUMERIC(38, 12))");
            }
            if (value.scale() > FactValue.VALUE_SCALE && value.signum() != 0
                    && value.setScale(FactValue.VALUE_SCALE, RoundingMode.HALF_EVEN).compareTo(value) != 0
                    && roundedValues++ == 0) {
                firstRounded = taxonomy + ":" + concept + " [" + unit + "] " + value.toPlainString() + " at "
                        + location();
            }
            return value;
        }
        throw new MalformedDocumentException("val of " + taxonomy + ":" + concept + " is not a number at "
                + location());
    }

    /** SEC's fy is a year; anything else is a malformed document, not a year 0. */
    private Integer fiscalYear(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getIntValue();
        }
        throw new MalformedDocumentException("fy of " + taxonomy + ":" + concept + " is not a year ('"
                + parser.getText() + "') at " + location());
    }

    /**
     * A date field. The usual {@code yyyy-mm-dd} string is read from the parser's buffer: an entry has up to three
     * dates, and a string and a lookup for each took a quarter of reading a document (JFR). Anything else goes
     * through {@link LocalDate#parse}, which decides what is malformed.
     */
    private LocalDate date(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING && parser.getTextLength() == 10) {
            char[] text = parser.getTextCharacters();
            int at = parser.getTextOffset();
            int year = digits(text, at, 4);
            int month = digits(text, at + 5, 2);
            int day = digits(text, at + 8, 2);
            if (text[at + 4] == '-' && text[at + 7] == '-' && year >= 0 && month >= 0 && day >= 0) {
                try {
                    return LocalDate.of(year, month, day);
                } catch (DateTimeException e) {
                    // Not a date of the calendar (2023-02-30): reported below, with the parser's message.
                }
            }
        }
        String text = parser.getText();
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedDocumentException("bad date '" + text + "' in " + taxonomy + ":" + concept
                    + " at " + location());
        }
    }

    /** The number the {@code count} ASCII digits at {@code from} write, or -1 if one of them is not a digit. */
    private static int digits(char[] text, int from, int count) {
        int number = 0;
        for (int i = from; i < from + count; i++) {
            char ch = text[i];
            if (ch < '0' || ch > '9') {
                return -1;
            }
            number = number * 10 + (ch - '0');
        }
        return number;
    }

    private void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new MalformedDocumentException("expected " + expected + " for " + what + " but found "
                    + (actual == null ? "end of input (truncated)" : actual) + " at " + location());
        }
    }

    private String location() {
        var loc = parser.currentLocation();
        return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static MalformedDocumentException malformed(IOException e) {
        if (e instanceof JsonProcessingException jpe) {
            return new MalformedDocumentException("companyfacts JSON is malformed or truncated: "
                    + JsonProblems.describe(jpe), e);
        }
        throw new UncheckedIOException(e);
    }
}
