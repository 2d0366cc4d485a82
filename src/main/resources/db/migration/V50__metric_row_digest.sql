-- A digest of each line-item and KPI row's content (every column but computed_at), so that computing a company's
-- metrics again writes only the rows whose content changed. A nightly refresh of an unchanged company then rewrites
-- only what moved with the price. Rows of earlier releases have none and are rewritten once, on their next compute.
ALTER TABLE line_item_value ADD COLUMN row_digest VARCHAR(64);
ALTER TABLE kpi_value ADD COLUMN row_digest VARCHAR(64);
