package io.benchmarkos.ingest.facts;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Reads a company's stored facts back as {@link ReportedFact}s, for the KPI engine. */
public class StoredFacts {

    private final DataSource dataSource;

    public StoredFacts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<ReportedFact> of(long cik) throws SQLException {
        return of(cik, null);
    }

    /** The company's facts of the given {@code taxonomy:concept}s only (all when null). */
    public List<ReportedFact> of(long cik, Set<String> concepts) throws SQLException {
        List<ReportedFact> facts = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<Long> conceptIds = concepts == null ? null : conceptIds(c, concepts);
            if (conceptIds != null && conceptIds.isEmpty()) {
                return facts;
            }
            readFacts(c, cik, conceptIds, facts::add);
        }
        return facts;
    }

    private static List<Long> conceptIds(Connection c, Set<String> concepts) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, taxonomy, name FROM concept");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                if (concepts.contains(rs.getString(2) + ':' + rs.getString(3))) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Streams a company's stored facts (of the given concept ids, or all when null) over an open connection. */
    static void readFacts(Connection c, long cik, List<Long> conceptIds, Consumer<ReportedFact> facts)
            throws SQLException {
        String onlyConcepts = conceptIds == null ? ""
                : " AND f.concept_id IN (" + String.join(",", Collections.nCopies(conceptIds.size(), "?")) + ")";
        try (PreparedStatement s = c.prepareStatement("SELECT k.taxonomy, k.name, f.unit, f.period_start,"
                     + " f.period_end, f.val, f.accession, f.fy, f.fp, f.form, f.filed, f.frame"
                     + " FROM fact f JOIN concept k ON k.id = f.concept_id WHERE f.cik = ?" + onlyConcepts)) {
            s.setLong(1, cik);
            if (conceptIds != null) {
                for (int i = 0; i < conceptIds.size(); i++) {
                    s.setLong(i + 2, conceptIds.get(i));
                }
            }
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    facts.accept(new ReportedFact(rs.getString(1), rs.getString(2), rs.getString(3),
                            localDate(rs.getDate(4)), rs.getDate(5).toLocalDate(),
                            rs.getBigDecimal(6).stripTrailingZeros(), rs.getString(7), (Integer) rs.getObject(8),
                            rs.getString(9), rs.getString(10), rs.getDate(11).toLocalDate(), rs.getString(12)));
                }
            }
        }
    }

    /** The company's fiscal year end (MMDD) from its submissions document, if loaded. */
    public Optional<String> fiscalYearEnd(long cik) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT fiscal_year_end FROM company WHERE cik = ?")) {
            s.setLong(1, cik);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static java.time.LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
