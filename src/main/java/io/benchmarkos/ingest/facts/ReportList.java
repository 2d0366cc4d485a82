package io.benchmarkos.ingest.facts;

import io.benchmarkos.ingest.db.IsoDates;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The text form of a value's repeating filings in {@code fact.repeated_in}: one filing per {@code ;}-separated
 * item, its fields (accession, fy, fp, form, filed, frame) separated by {@code ,}, an absent field empty. A field
 * holding {@code , ; %} has them percent-encoded, so any text SEC sends round-trips.
 */
final class ReportList {

    private ReportList() {
    }

    static String encode(List<FactValue.Report> reports) {
        if (reports.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder(reports.size() * 48);
        for (FactValue.Report r : reports) {
            if (!text.isEmpty()) {
                text.append(';');
            }
            field(text, r.accession()).append(',');
            if (r.fiscalYear() != null) {
                text.append(r.fiscalYear().intValue());
            }
            text.append(',');
            field(text, r.fiscalPeriod()).append(',');
            field(text, r.form()).append(',');
            IsoDates.append(text, r.filed()).append(',');
            field(text, r.frame());
        }
        return text.toString();
    }

    static List<FactValue.Report> decode(String text) {
        List<FactValue.Report> reports = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return reports;
        }
        for (String item : text.split(";", -1)) {
            String[] f = item.split(",", -1);
            if (f.length != 6) {
                throw new IllegalStateException("fact.repeated_in item '" + item + "' does not have 6 fields");
            }
            reports.add(new FactValue.Report(decodeField(f[0]), f[1].isEmpty() ? null : Integer.valueOf(f[1]),
                    decodeField(f[2]), decodeField(f[3]), LocalDate.parse(f[4]), decodeField(f[5])));
        }
        return reports;
    }

    private static StringBuilder field(StringBuilder text, String value) {
        if (value == null) {
            return text;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case ',' -> text.append("%2C");
                case ';' -> text.append("%3B");
                case '%' -> text.append("%25");
                default -> text.append(ch);
            }
        }
        return text;
    }

    /** An empty field is absent: SEC never sends an empty accession, fp, form or frame. */
    private static String decodeField(String field) {
        if (field.isEmpty()) {
            return null;
        }
        return field.indexOf('%') < 0 ? field
                : field.replace("%2C", ",").replace("%3B", ";").replace("%25", "%");
    }
}
