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

/// The colours of a Sparte in pictures the portal makes (posters, the demo's artwork): a
/// ground dark enough for white text, an accent, and both named in German for alt texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colours {
    pub ground: [u8; 3],
    pub accent: [u8; 3],
    /// „Dunkelrot und Bernstein“.
    pub names: &'static str,
}

/// The colours of the Sparte `slug` (a neutral slate and amber for unknown ones).
pub fn colours(slug: &str) -> Colours {
    let (ground, accent, names) = match slug {
        "theater" => (
            [0x8e, 0x1b, 0x2c],
            [0xf2, 0xa5, 0x41],
            "Dunkelrot und Bernstein",
        ),
        "musik" => (
            [0x1d, 0x3b, 0x8b],
            [0xf2, 0x5c, 0x54],
            "Königsblau und Korallenrot",
        ),
        "tanz" => ([0x5b, 0x1a, 0x8a], [0x4d, 0xd0, 0xe1], "Violett und Türkis"),
        "bildende-kunst" => ([0x0f, 0x5e, 0x55], [0xf7, 0xc5, 0x48], "Petrol und Gelb"),
        "ausstellung" => (
            [0x2f, 0x3e, 0x46],
            [0xe9, 0xc4, 0x6a],
            "Schiefergrau und Ocker",
        ),
        "literatur" => (
            [0x5b, 0x3a, 0x29],
            [0xf4, 0xd3, 0x5e],
            "Braun und Sonnengelb",
        ),
        "film" => ([0x16, 0x1a, 0x2b], [0xe6, 0x39, 0x46], "Nachtblau und Rot"),
        "kabarett-comedy" => (
            [0xa3, 0x36, 0x0a],
            [0xfd, 0xe6, 0x8a],
            "Orange und Hellgelb",
        ),
        "kinder-familie" => ([0x0e, 0x6b, 0x34], [0xff, 0xd1, 0x66], "Grün und Gelb"),
        "festival" => ([0x9b, 0x12, 0x87], [0xff, 0xd6, 0x0a], "Magenta und Gold"),
        "fuehrung" => (
            [0x37, 0x47, 0x4f],
            [0xff, 0xb7, 0x03],
            "Graublau und Orange",
        ),
        "workshop-bildung" => ([0x00, 0x56, 0x7a], [0xff, 0xca, 0x3a], "Tiefblau und Gelb"),
        "vortrag-gespraech" => ([0x3d, 0x40, 0x5b], [0xf2, 0xcc, 0x8f], "Indigo und Sand"),
        "performance" => (
            [0x80, 0x0a, 0x1e],
            [0x48, 0xca, 0xe4],
            "Karmin und Himmelblau",
        ),
        "soziokultur" => (
            [0x1f, 0x6f, 0x66],
            [0xe7, 0x6f, 0x51],
            "Meergrün und Terrakotta",
        ),
        "clubkultur" => (
            [0x24, 0x00, 0x46],
            [0xff, 0x00, 0x6e],
            "Nachtviolett und Pink",
        ),
        _ => (
            [0x33, 0x41, 0x55],
            [0xf5, 0x9e, 0x0b],
            "Schiefer und Bernstein",
        ),
    };
    Colours {
        ground,
        accent,
        names,
    }
}

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
