//! Sparten: the cultural fields. They are data (table `categories`); this is the initial set.

use serde::Serialize;

/// A Sparte as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Category {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub name_en: String,
}

impl Category {
    /// The English name when asked for and known, else the German one.
    pub fn name_in(&self, english: bool) -> &str {
        if english && !self.name_en.is_empty() {
            &self.name_en
        } else {
            &self.name
        }
    }
}

/// The Sparten every portal starts with: (slug, German name, English name).
pub const INITIAL: &[(&str, &str, &str)] = &[
    ("theater", "Theater", "Theatre"),
    ("musik", "Musik", "Music"),
    ("tanz", "Tanz", "Dance"),
    ("bildende-kunst", "Bildende Kunst", "Visual arts"),
    ("ausstellung", "Ausstellung", "Exhibition"),
    ("literatur", "Literatur", "Literature"),
    ("film", "Film", "Film"),
    ("kabarett-comedy", "Kabarett & Comedy", "Cabaret & comedy"),
    ("kinder-familie", "Kinder & Familie", "Children & family"),
    ("festival", "Festival", "Festival"),
    ("fuehrung", "Führung", "Guided tour"),
    (
        "workshop-bildung",
        "Workshop & Kulturelle Bildung",
        "Workshop & cultural education",
    ),
    ("vortrag-gespraech", "Vortrag & Gespräch", "Talk & lecture"),
    ("performance", "Performance", "Performance"),
    ("soziokultur", "Soziokultur", "Community arts"),
    ("clubkultur", "Clubkultur", "Club culture"),
];
