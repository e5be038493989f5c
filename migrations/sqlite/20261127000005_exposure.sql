-- Fair visibility: how often each organisation was shown in the „Entdecken“ block and
-- how often that led to a click, per day. Aggregates only, nothing about visitors.
CREATE TABLE exposure (
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    day BIGINT NOT NULL,
    shown BIGINT NOT NULL DEFAULT 0,
    clicked BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, day)
);
CREATE INDEX exposure_day ON exposure (day);
