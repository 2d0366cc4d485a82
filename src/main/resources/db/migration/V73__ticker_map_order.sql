-- The place of each ticker in SEC's map: SEC lists a company's main share class first (GOOGL before GOOG, BRK-B
-- before BRK-A), so the company's ticker is its first listed one, not the first in alphabetical order. Rows cached
-- before this column have none and sort last; the next refresh of the map fills it.
ALTER TABLE ticker_map ADD COLUMN listed_order INTEGER;
