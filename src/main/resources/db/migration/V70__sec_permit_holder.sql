-- Which worker JVM holds each SEC permit, and until when each JVM is known to be alive (it renews its row while it
-- runs). A permit never released because its worker died stops counting when that worker's row runs out, instead
-- of holding a share of the budget for minutes; a permit of a live worker counts for as long as its request lasts.
ALTER TABLE sec_permit ADD COLUMN holder VARCHAR(64);
-- Each JVM also records its own sec.max-requests-per-second, so status can show every live worker's limit.
CREATE TABLE sec_budget_holder (
    holder               VARCHAR(64)              NOT NULL PRIMARY KEY,
    alive_until          TIMESTAMP WITH TIME ZONE NOT NULL,
    requests_per_second  INTEGER                  NOT NULL
);
