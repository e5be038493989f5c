-- The magazine: articles with every saved version, their authors (a short bio page each),
-- links to events, venues and organisations, and the people who edit the magazine
-- (a role given by admins, beside the platform role).
CREATE TABLE magazine_editors (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    granted_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    granted_at BIGINT NOT NULL
);

CREATE TABLE authors (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    bio TEXT NOT NULL DEFAULT '',
    bio_en TEXT NOT NULL DEFAULT '',
    -- The account that writes under this name, if any (one name per account).
    user_id BIGINT UNIQUE REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    rubric TEXT NOT NULL CHECK (rubric IN ('portraet', 'interview', 'hintergrund', 'rueckblick', 'tipps', 'szene')),
    state TEXT NOT NULL CHECK (state IN ('draft', 'review', 'scheduled', 'published', 'corrected', 'withdrawn')),
    category_id BIGINT REFERENCES categories (id) ON DELETE SET NULL,
    -- A guest article („Aus der Szene“) proposed by a member organisation.
    guest_org BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    approved_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    lead TEXT NOT NULL DEFAULT '',
    lead_en TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    body_en TEXT NOT NULL DEFAULT '',
    -- The lead picture: stored variants as JSON (as event images), alt text, caption, credit.
    image TEXT NOT NULL DEFAULT '',
    image_alt TEXT NOT NULL DEFAULT '',
    image_caption TEXT NOT NULL DEFAULT '',
    image_credit TEXT NOT NULL DEFAULT '',
    -- When it is (or becomes) public; set when approved.
    publish_at BIGINT,
    correction TEXT NOT NULL DEFAULT '',
    corrected_at BIGINT,
    withdrawn_reason TEXT NOT NULL DEFAULT '',
    withdrawn_at BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX articles_public ON articles (state, publish_at);

CREATE TABLE article_versions (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    state TEXT NOT NULL,
    title TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    lead TEXT NOT NULL DEFAULT '',
    lead_en TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    body_en TEXT NOT NULL DEFAULT '',
    saved_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    saved_at BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, version)
);

CREATE TABLE article_authors (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
    position BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, author_id)
);
CREATE INDEX article_authors_author ON article_authors (author_id);

CREATE TABLE article_links (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('event', 'venue', 'organization')),
    target_id BIGINT NOT NULL,
    PRIMARY KEY (article_id, kind, target_id)
);
CREATE INDEX article_links_target ON article_links (kind, target_id);
