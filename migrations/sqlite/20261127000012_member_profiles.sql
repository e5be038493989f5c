-- The competence directory: members who opt in show a profile to other members, field
-- by field. Contact goes through messages; e-mail addresses are never shown.
CREATE TABLE member_profiles (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    listed BOOLEAN NOT NULL DEFAULT FALSE,
    show_organizations BOOLEAN NOT NULL DEFAULT FALSE,
    -- Comma-separated keys of domain::competences::COMPETENCES.
    competences TEXT NOT NULL DEFAULT '',
    other_competences TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '',
    available_for TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
