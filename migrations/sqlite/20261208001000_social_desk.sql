-- The social-media desk: posts about an event or a magazine article, with a text per
-- channel, hashtags and a planned time; approved by a second editor. At its time a post
-- goes out on the fediverse (through the outbox) and waits in „bereit zum Posten“ for
-- the channels without an open interface until someone marks it posted.
CREATE TABLE social_posts (
    id INTEGER PRIMARY KEY,
    event_id BIGINT REFERENCES events (id) ON DELETE CASCADE,
    article_id BIGINT REFERENCES articles (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('draft', 'review', 'scheduled', 'published')),
    -- Space-separated, without '#'.
    hashtags TEXT NOT NULL DEFAULT '',
    planned_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    approved_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- Why the second editor sent it back (shown on the draft until it is given again).
    returned_reason TEXT NOT NULL DEFAULT '',
    published_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK ((event_id IS NULL) <> (article_id IS NULL))
);
CREATE INDEX social_posts_due ON social_posts (state, planned_at);

CREATE TABLE social_post_texts (
    post_id BIGINT NOT NULL REFERENCES social_posts (id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('fediverse', 'instagram', 'facebook', 'bluesky')),
    body TEXT NOT NULL,
    -- Download channels: when and by whom it was marked „gepostet“.
    posted_at BIGINT,
    posted_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (post_id, channel)
);
