package io.benchmarkos.ingest.facts;

/** A concept seen in a companyfacts document, with the human label SEC gives it. */
public record ConceptInfo(String taxonomy, String name, String label) {
}
