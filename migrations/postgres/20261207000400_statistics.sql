-- Cookieless statistics (issue 19). Only daily aggregates are kept; `stats_today` and
-- `stats_salts` hold what belongs to one day (hashes, the day's salt, raw search terms and
-- feed addresses before the k-anonymity rule) and are emptied when the day has passed.
-- Days are Bochum calendar days, counted from 1970-01-01.

-- The day's salt, shared by every instance; deleted when its day is over.
CREATE TABLE stats_salts (
    day BIGINT PRIMARY KEY,
    salt TEXT NOT NULL
);

-- Per day and hash of (salt, address, user agent): visitors, searchers of a term, feed
-- subscribers, anonymous API consumers. Closed into the aggregates below and deleted.
CREATE TABLE stats_today (
    day BIGINT NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    hash BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (day, kind, label, hash)
);

-- The portal's day: page views by people, requests left out as bots, visitors.
CREATE TABLE stats_daily (
    day BIGINT PRIMARY KEY,
    views BIGINT NOT NULL DEFAULT 0,
    bots BIGINT NOT NULL DEFAULT 0,
    visitors BIGINT NOT NULL DEFAULT 0
);

-- Page views per path (without query and language prefix).
CREATE TABLE stats_pages (
    day BIGINT NOT NULL,
    path TEXT NOT NULL,
    views BIGINT NOT NULL,
    PRIMARY KEY (day, path)
);

-- Counted facets of views: referrer domain, device class, language.
CREATE TABLE stats_facets (
    day BIGINT NOT NULL,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    views BIGINT NOT NULL,
    PRIMARY KEY (day, facet, value)
);

-- Search terms that at least five visitors used that day.
CREATE TABLE stats_terms (
    day BIGINT NOT NULL,
    term TEXT NOT NULL,
    visitors BIGINT NOT NULL,
    searches BIGINT NOT NULL,
    PRIMARY KEY (day, term)
);

-- Calendar and feed addresses: distinct subscribers and fetches per day.
CREATE TABLE stats_feeds (
    day BIGINT NOT NULL,
    feed TEXT NOT NULL,
    subscribers BIGINT NOT NULL,
    fetches BIGINT NOT NULL,
    PRIMARY KEY (day, feed)
);

-- Clicks through the portal's own redirect: ticket links and share links (per event).
CREATE TABLE stats_clicks (
    day BIGINT NOT NULL,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    clicks BIGINT NOT NULL,
    PRIMARY KEY (day, kind, target)
);

-- API requests per consumer: `token:<hash of the token>` or `anonym <rank that day>`.
CREATE TABLE stats_api (
    day BIGINT NOT NULL,
    consumer TEXT NOT NULL,
    requests BIGINT NOT NULL,
    PRIMARY KEY (day, consumer)
);

-- Server-measured answer times per kind of page, as a histogram (bucket b holds times up
-- to 2^(b/8) microseconds).
CREATE TABLE stats_speed (
    day BIGINT NOT NULL,
    kind TEXT NOT NULL,
    bucket BIGINT NOT NULL,
    requests BIGINT NOT NULL,
    PRIMARY KEY (day, kind, bucket)
);
