package io.benchmarkos.ingest.facts;

import io.benchmarkos.ingest.SqlRows;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
            FactRows.read(c, cik, conceptIds, null, true, (taxonomy, concept, row) -> facts.addAll(
                    row.entries(taxonomy, concept)));
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

    /** The company's fiscal year end (MMDD) from its submissions document, if loaded. */
    public Optional<String> fiscalYearEnd(long cik) throws SQLException {
        return SqlRows.firstText(dataSource, "SELECT fiscal_year_end FROM company WHERE cik = ?", cik);
    }

}
