-- Profiles in detail: a venue's full access profile and whether it was checked, opening
-- hours, the organisation that keeps a venue's data, a photo of the venue, an
-- organisation's logo; and proposed changes to a venue's address and access data, which
-- wait for moderation.
ALTER TABLE venues ADD COLUMN seating BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE venues ADD COLUMN quiet_room BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE venues ADD COLUMN assistance_dogs BOOLEAN NOT NULL DEFAULT FALSE;
-- '' (not stated), 'selbstauskunft', 'geprueft' or 'reisen-fuer-alle'.
ALTER TABLE venues ADD COLUMN access_checked TEXT NOT NULL DEFAULT '';
-- JSON: {"mo": ["10:00-18:00"], …, "note": "…"}; '' when not stated.
ALTER TABLE venues ADD COLUMN opening_hours TEXT NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL;
-- JSON list of stored variants (see event_images.variants); '' when there is none.
ALTER TABLE venues ADD COLUMN image TEXT NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN image_alt TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN logo TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN logo_alt TEXT NOT NULL DEFAULT '';
CREATE INDEX venues_organization ON venues (organization_id);

CREATE TABLE venue_changes (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues (id) ON DELETE CASCADE,
    organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    proposed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- JSON: the proposed address and access data as a whole.
    data TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reason TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    decided_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX venue_changes_status ON venue_changes (status, venue_id);
