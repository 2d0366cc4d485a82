-- When the company's line items and KPIs were last computed. A company whose facts were stored after that (its
-- metrics step failed after the facts were committed) is not "loaded" yet: the next job computes its metrics
-- instead of skipping it as loaded moments ago.
ALTER TABLE company ADD COLUMN metrics_computed_at TIMESTAMP WITH TIME ZONE;
UPDATE company SET metrics_computed_at = facts_loaded_at
    WHERE EXISTS (SELECT 1 FROM line_item_value v WHERE v.cik = company.cik);
