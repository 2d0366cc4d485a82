package io.benchmarkos.ingest.kpi;

import java.time.LocalDate;

/** Which reported fact answered: taxonomy:concept, the filing (accession, form) and when it was filed. */
public record Provenance(String taxonomy, String concept, String accession, String form, LocalDate filed) {

    public String qualifiedConcept() {
        return taxonomy + ':' + concept;
    }

    @Override
    public String toString() {
        return qualifiedConcept() + " " + form + " " + accession + " filed " + filed;
    }
}
