-- The editorial workflow: who entered an event, anonymous submitters, moderation
-- decisions, proposed venues, reports, organisation applications, invitations, images
-- and the counters behind the rate limits of anonymous forms.

ALTER TABLE events ADD COLUMN created_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE events ADD COLUMN submitter_name TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN submitter_email TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN moderation_note TEXT NOT NULL DEFAULT '';
-- The editor's date fields as entered (JSON), so that editing shows them as they were.
ALTER TABLE events ADD COLUMN schedule TEXT NOT NULL DEFAULT '';
CREATE INDEX events_status ON events (status, updated_at);

-- Venues proposed in the event editor wait for moderation; the directory shows only
-- published ones.
ALTER TABLE venues ADD COLUMN status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('pending', 'published'));

CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    reason TEXT NOT NULL CHECK (reason IN ('falsch', 'abgesagt', 'unangemessen', 'spam', 'rechte', 'sonstiges')),
    message TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    resolved_at BIGINT,
    resolved_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX reports_open ON reports (resolved_at, created_at);

-- A member asks to found a new organisation (organization_id NULL) or to join one.
CREATE TABLE organization_applications (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organization_id BIGINT REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'collective',
    message TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    decided_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX organization_applications_status ON organization_applications (status, created_at);

-- Invitations into an organisation by e-mail; only the hash of the link's token is kept.
CREATE TABLE invitations (
    hash TEXT PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'editor')),
    invited_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX invitations_organization ON invitations (organization_id);

-- Images of an event; `variants` is a JSON list of {key, width, height}, widest last.
CREATE TABLE event_images (
    id INTEGER PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position BIGINT NOT NULL DEFAULT 0,
    alt TEXT NOT NULL,
    credit TEXT NOT NULL DEFAULT '',
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    variants TEXT NOT NULL
);
CREATE INDEX event_images_event ON event_images (event_id, position);

-- Hits on rate-limited anonymous forms (submission, reports, registration), kept a day.
CREATE TABLE rate_hits (
    key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX rate_hits_key ON rate_hits (key, at);
