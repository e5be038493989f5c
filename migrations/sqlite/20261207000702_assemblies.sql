-- General assemblies and votes (issue 18). A secret vote keeps who voted
-- (vote_participants) apart from what was voted (vote_tallies: one counter per option, no
-- row per ballot, no time, no member): nothing joins the two but the motion.
CREATE TABLE assemblies (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    place TEXT NOT NULL,
    agenda TEXT NOT NULL,
    minutes TEXT NOT NULL DEFAULT '',
    convened_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    convened_at BIGINT NOT NULL
);

CREATE TABLE assembly_proxies (
    assembly_id BIGINT NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    giver_id BIGINT NOT NULL REFERENCES association_members (id) ON DELETE CASCADE,
    holder_id BIGINT NOT NULL REFERENCES association_members (id) ON DELETE CASCADE,
    PRIMARY KEY (assembly_id, giver_id)
);

CREATE TABLE motions (
    id INTEGER PRIMARY KEY,
    assembly_id BIGINT NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    secret BOOLEAN NOT NULL,
    quorum_percent BIGINT NOT NULL,
    majority TEXT NOT NULL,
    opens_at BIGINT NOT NULL,
    closes_at BIGINT NOT NULL,
    closed_at BIGINT
);

CREATE TABLE vote_participants (
    motion_id BIGINT NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES association_members (id) ON DELETE CASCADE,
    PRIMARY KEY (motion_id, member_id)
);

CREATE TABLE vote_tallies (
    motion_id BIGINT NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
    choice TEXT NOT NULL,
    votes BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (motion_id, choice)
);

-- Open votes only: who voted how, shown to members.
CREATE TABLE open_ballots (
    motion_id BIGINT NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES association_members (id) ON DELETE CASCADE,
    choice TEXT NOT NULL,
    PRIMARY KEY (motion_id, member_id)
);
