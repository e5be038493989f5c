//! The pinboard: offers and requests between the city's cultural actors. A post says
//! whether it looks for or offers something, what kind of thing, for which Sparten and
//! district, for when, and until when it is shown.

use super::account::{FieldErrors, Message};
use super::district::District;
use super::form::FormData;
use chrono::NaiveDate;

/// How long a post is shown unless its author says otherwise, and at most.
pub const DEFAULT_DAYS: u64 = 60;
pub const MAX_DAYS: i64 = 180;
/// A reminder goes out this many days before a post expires.
pub const REMIND_DAYS: i64 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Seeks,
    Offers,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Seeks, Kind::Offers];

    pub fn slug(self) -> &'static str {
        match self {
            Kind::Seeks => "sucht",
            Kind::Offers => "bietet",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Seeks => "Gesucht",
            Kind::Offers => "Angeboten",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.slug() == s)
    }
}

impl TryFrom<String> for Kind {
    type Error = super::UnknownKey;

    fn try_from(s: String) -> Result<Kind, super::UnknownKey> {
        Kind::parse(&s).ok_or_else(|| super::UnknownKey::new("pinboard kind", s))
    }
}

/// A date as the number of days since 1970-01-01 (how expiry days are stored).
pub fn day_number(d: NaiveDate) -> i64 {
    d.signed_duration_since(NaiveDate::default()).num_days()
}

pub fn from_day_number(n: i64) -> NaiveDate {
    NaiveDate::default() + chrono::Duration::days(n)
}

/// What a post is about.
pub const TOPICS: &[(&str, &str)] = &[
    ("partner", "Partner und Koproduktion"),
    ("raum", "Räume (Probe, Atelier, Bühne, Lager)"),
    ("technik", "Technik und Ausstattung"),
    ("mitwirkende", "Mitwirkende und Ehrenamt"),
    ("auftritt", "Auftrittsmöglichkeiten"),
    ("foerderung", "Förderung, Ausschreibungen, Fristen"),
    ("sonstiges", "Sonstiges"),
];

pub fn topic_label(slug: &str) -> &'static str {
    TOPICS
        .iter()
        .find(|(s, _)| *s == slug)
        .map_or("Sonstiges", |(_, l)| l)
}

/// A post as its form gives it, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct PostInput {
    pub kind: Kind,
    pub topic: &'static str,
    pub title: String,
    pub body: String,
    pub category_ids: Vec<i64>,
    pub district: Option<District>,
    pub period: String,
    pub expires: NaiveDate,
    /// Posted for this organisation (must be one of the author's).
    pub organization_id: Option<i64>,
}

impl PostInput {
    /// Reads the form; `today` is Bochum's date, `categories` and `organizations` the
    /// choices the author has.
    pub fn parse(
        form: &FormData,
        today: NaiveDate,
        categories: &[i64],
        organizations: &[i64],
    ) -> Result<PostInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = Kind::parse(form.get("kind"));
        if kind.is_none() {
            errors.add("kind", "pinboard-error-kind");
        }
        let topic = TOPICS
            .iter()
            .find(|(s, _)| *s == form.get("topic"))
            .map(|(s, _)| *s);
        if topic.is_none() {
            errors.add("topic", "pinboard-error-topic");
        }
        let title = form.trimmed("title").to_owned();
        if !(5..=120).contains(&title.chars().count()) {
            errors.add(
                "title",
                Message::new("pinboard-error-title")
                    .with("min", 5)
                    .with("max", 120),
            );
        }
        let body = form.trimmed("body").to_owned();
        if body.chars().count() < 20 {
            errors.add(
                "body",
                Message::new("pinboard-error-body-short").with("min", 20),
            );
        } else if body.chars().count() > 5000 {
            errors.add("body", "pinboard-error-body-long");
        }
        let mut category_ids: Vec<i64> = form
            .all("sparte")
            .iter()
            .filter_map(|v| v.parse().ok())
            .filter(|id| categories.contains(id))
            .collect();
        category_ids.sort_unstable();
        category_ids.dedup();
        let district = match form.get("district") {
            "" => None,
            d => {
                let found = District::parse(d);
                if found.is_none() {
                    errors.add("district", "pinboard-error-district");
                }
                found
            }
        };
        let period: String = form.trimmed("period").chars().take(120).collect();
        let expires = match form.trimmed("expires") {
            "" => today + chrono::Days::new(DEFAULT_DAYS),
            text => match NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
            {
                Ok(d) if d < today => {
                    errors.add("expires", "pinboard-error-past");
                    today
                }
                Ok(d) if (d - today).num_days() > MAX_DAYS => {
                    errors.add(
                        "expires",
                        Message::new("pinboard-error-too-long").with("max", MAX_DAYS),
                    );
                    today
                }
                Ok(d) => d,
                Err(_) => {
                    errors.add("expires", "pinboard-error-date");
                    today
                }
            },
        };
        let organization_id = match form.get("as") {
            "" | "person" => None,
            v => match v.parse::<i64>() {
                Ok(id) if organizations.contains(&id) => Some(id),
                _ => {
                    errors.add("as", "pinboard-error-as");
                    None
                }
            },
        };
        match (kind, topic, errors.is_empty()) {
            (Some(kind), Some(topic), true) => Ok(PostInput {
                kind,
                topic,
                title,
                body,
                category_ids,
                district,
                period,
                expires,
                organization_id,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.slug()), Some(k));
        }
        assert!(Kind::try_from("Gesucht".to_owned()).is_err());
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default()
    }

    fn form(pairs: &[(&str, &str)]) -> FormData {
        FormData::new(
            pairs
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect(),
        )
    }

    #[test]
    fn a_post_is_checked_like_every_form() {
        let ok = PostInput::parse(
            &form(&[
                ("kind", "sucht"),
                ("topic", "raum"),
                ("title", "Proberaum für Tanz"),
                ("body", "Wir suchen dienstags einen Raum mit Schwingboden."),
                ("sparte", "3"),
                ("sparte", "99"),
                ("as", "7"),
            ]),
            today(),
            &[3, 4],
            &[7],
        );
        let Ok(ok) = ok else {
            panic!("refused: {ok:?}");
        };
        assert_eq!(ok.category_ids, vec![3]);
        assert_eq!(ok.organization_id, Some(7));
        assert_eq!(ok.expires, today() + chrono::Days::new(DEFAULT_DAYS));
        let Err(errors) = PostInput::parse(
            &form(&[
                ("kind", "tauscht"),
                ("title", "Hi"),
                ("expires", "2028-01-01"),
                ("as", "8"),
            ]),
            today(),
            &[],
            &[7],
        ) else {
            panic!("accepted");
        };
        for field in ["kind", "topic", "title", "body", "expires", "as"] {
            assert!(errors.get(field).is_some(), "no message for {field}");
        }
    }
}
