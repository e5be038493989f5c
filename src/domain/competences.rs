//! The competence directory's vocabulary and the profile form.

use super::form::FormData;

/// What members can be asked about: (key, German label).
pub const COMPETENCES: &[(&str, &str)] = &[
    ("licht", "Licht"),
    ("buehnentechnik", "Bühnentechnik"),
    ("ton", "Tontechnik"),
    ("foerderantraege", "Förderanträge"),
    ("pressearbeit", "Pressearbeit"),
    ("social-media", "Social Media"),
    ("grafik", "Grafikdesign"),
    ("fotografie", "Fotografie"),
    ("video", "Video und Schnitt"),
    ("uebersetzung", "Übersetzung"),
    ("moderation", "Moderation"),
    ("kulturvermittlung", "Kulturvermittlung"),
    ("barrierefreiheit", "Barrierefreiheit"),
    ("buchhaltung", "Buchhaltung und Abrechnung"),
    ("vertraege", "Verträge und Recht"),
    ("veranstaltungsorganisation", "Veranstaltungsorganisation"),
];

pub fn label(key: &str) -> Option<&'static str> {
    COMPETENCES.iter().find(|(k, _)| *k == key).map(|(_, l)| *l)
}

/// A member's profile as the form gives it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProfileInput {
    pub listed: bool,
    pub show_organizations: bool,
    pub competences: Vec<&'static str>,
    pub other_competences: String,
    pub languages: String,
    pub available_for: String,
}

impl ProfileInput {
    /// Reads the form; unknown competences are dropped, texts are cut to size.
    pub fn parse(form: &FormData) -> ProfileInput {
        ProfileInput {
            listed: form.has("listed", "1"),
            show_organizations: form.has("show_organizations", "1"),
            competences: COMPETENCES
                .iter()
                .filter(|(k, _)| form.has("competence", k))
                .map(|(k, _)| *k)
                .collect(),
            other_competences: form
                .trimmed("other_competences")
                .chars()
                .take(300)
                .collect(),
            languages: form.trimmed("languages").chars().take(200).collect(),
            available_for: form.trimmed("available_for").chars().take(500).collect(),
        }
    }
}
