//! Sparten: the cultural fields. They are data (table `categories`); this is the initial set.

use super::calendar::DateLocale;
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
    /// The name in `locale` (the web layer passes `Lang::dates()`): the English name
    /// when known, else the German one.
    pub fn name_in(&self, locale: DateLocale) -> &str {
        match locale {
            DateLocale::En if !self.name_en.is_empty() => &self.name_en,
            _ => &self.name,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_names_fall_back_to_german() {
        let mut c = Category {
            id: 1,
            slug: "tanz".into(),
            name: "Tanz".into(),
            name_en: "Dance".into(),
        };
        assert_eq!(c.name_in(DateLocale::De), "Tanz");
        assert_eq!(c.name_in(DateLocale::En), "Dance");
        c.name_en.clear();
        assert_eq!(c.name_in(DateLocale::En), "Tanz");
    }
}
