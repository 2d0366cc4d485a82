-- One SEC request budget for every worker JVM sharing this database (production profile).
-- sec_budget's single row is the lock all reservations take in turn, and holds the shared rate-limit pause.
CREATE TABLE sec_budget (
    id            INTEGER       NOT NULL PRIMARY KEY,
    paused_until  TIMESTAMP WITH TIME ZONE,
    pause_reason  VARCHAR(500)
);
INSERT INTO sec_budget (id) VALUES (1);

-- When each reserved SEC request may leave. Reservations only ever move forward in time.
CREATE TABLE sec_request_slot (
    slot_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sec_request_slot_at ON sec_request_slot (slot_at);
