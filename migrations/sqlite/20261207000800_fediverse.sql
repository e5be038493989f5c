-- The fediverse (ActivityPub): the portal, every organisation and every Sparte is an actor.
-- Actors are named by a key: 'portal', 'organization:{id}', 'sparte:{slug}'.

-- Each actor's RSA key pair, made the first time the actor is asked for.
CREATE TABLE fedi_keys (
    actor TEXT PRIMARY KEY,
    private_pem TEXT NOT NULL,
    public_pem TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- Who follows which actor, and where their server takes deliveries.
CREATE TABLE fedi_followers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    actor TEXT NOT NULL,
    follower TEXT NOT NULL,
    inbox TEXT NOT NULL,
    shared_inbox TEXT NOT NULL DEFAULT '',
    host TEXT NOT NULL,
    follow_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (actor, follower)
);
CREATE INDEX fedi_followers_host ON fedi_followers (host);

-- Public keys of remote actors, fetched to check their signatures (cached).
CREATE TABLE fedi_remote_keys (
    key_id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    public_pem TEXT NOT NULL,
    fetched_at BIGINT NOT NULL
);

-- Which actors told about which event ('owner': Create/Update/Delete, 'announce': a
-- boost), so that a deletion reaches the same followers after the event is gone.
CREATE TABLE fedi_sent (
    event_id BIGINT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'announce')),
    PRIMARY KEY (event_id, actor)
);

-- Whole instances moderators refuse: no follows from them, no deliveries to them.
CREATE TABLE fedi_blocked_hosts (
    host TEXT PRIMARY KEY,
    reason TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
