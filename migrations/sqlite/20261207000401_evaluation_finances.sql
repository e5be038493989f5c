-- The association's costs and income per year, entered by admins for the evaluation's
-- economy section (issue 19). Amounts in euro cents; costs positive, income positive.
CREATE TABLE evaluation_finances (
    year BIGINT NOT NULL,
    item TEXT NOT NULL,
    cents BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (year, item)
);
