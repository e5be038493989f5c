//! Events, their occurrences and the vocabularies that describe them.

use serde::Serialize;

/// Who an event is made for (`zielgruppe`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Kinder,
    Familie,
    Jugend,
    Senioren,
    Erwachsene,
}

impl Audience {
    pub const ALL: [Audience; 5] = [
        Audience::Kinder,
        Audience::Familie,
        Audience::Jugend,
        Audience::Senioren,
        Audience::Erwachsene,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Audience::Kinder => "kinder",
            Audience::Familie => "familie",
            Audience::Jugend => "jugend",
            Audience::Senioren => "senioren",
            Audience::Erwachsene => "erwachsene",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Audience::Kinder => "Kinder",
            Audience::Familie => "Familien",
            Audience::Jugend => "Jugendliche",
            Audience::Senioren => "Seniorinnen und Senioren",
            Audience::Erwachsene => "Erwachsene",
        }
    }

    pub fn parse(s: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.slug() == s)
    }
}

/// Access services offered by one event (independent of the venue's access profile).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessService {
    SignLanguage,
    AudioDescription,
    Surtitles,
    Relaxed,
    EasyLanguage,
    InductionLoop,
}

impl AccessService {
    pub const ALL: [AccessService; 6] = [
        AccessService::SignLanguage,
        AccessService::AudioDescription,
        AccessService::Surtitles,
        AccessService::Relaxed,
        AccessService::EasyLanguage,
        AccessService::InductionLoop,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AccessService::SignLanguage => "sign_language",
            AccessService::AudioDescription => "audio_description",
            AccessService::Surtitles => "surtitles",
            AccessService::Relaxed => "relaxed",
            AccessService::EasyLanguage => "easy_language",
            AccessService::InductionLoop => "induction_loop",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            AccessService::SignLanguage => "Deutsche Gebärdensprache",
            AccessService::AudioDescription => "Audiodeskription",
            AccessService::Surtitles => "Übertitel",
            AccessService::Relaxed => "Entspannte Vorstellung (Relaxed Performance)",
            AccessService::EasyLanguage => "Leichte Sprache",
            AccessService::InductionLoop => "Induktive Höranlage",
        }
    }

    pub fn parse(s: &str) -> Option<AccessService> {
        AccessService::ALL.into_iter().find(|a| a.key() == s)
    }

    /// Parses the stored comma list, skipping unknown keys.
    pub fn parse_list(s: &str) -> Vec<AccessService> {
        s.split(',')
            .filter_map(|k| AccessService::parse(k.trim()))
            .collect()
    }
}

/// Where an event is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    Draft,
    Pending,
    Published,
    Rejected,
}

impl EventStatus {
    pub const ALL: [EventStatus; 4] = [
        EventStatus::Draft,
        EventStatus::Pending,
        EventStatus::Published,
        EventStatus::Rejected,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EventStatus::Draft => "draft",
            EventStatus::Pending => "pending",
            EventStatus::Published => "published",
            EventStatus::Rejected => "rejected",
        }
    }

    /// The status of a stored row; anything unknown counts as a draft (never public).
    pub fn parse(s: &str) -> EventStatus {
        EventStatus::ALL
            .into_iter()
            .find(|st| st.key() == s)
            .unwrap_or(EventStatus::Draft)
    }

    /// The one rule for the status a save gives an event, whoever writes it (editor, API,
    /// importers, the anonymous suggestion, the demo):
    /// - a draft stays a draft; a suggestion waits for review;
    /// - „publish“ publishes when the writer may publish directly (moderation, or a
    ///   verified organisation) or when the event is already published (moderation's
    ///   decision stands when its organisation updates it); otherwise it waits for review.
    pub fn after_save(wish: Wish, may_publish: bool, before: Option<EventStatus>) -> EventStatus {
        match wish {
            Wish::Draft => EventStatus::Draft,
            Wish::Review => EventStatus::Pending,
            Wish::Publish if may_publish || before == Some(EventStatus::Published) => {
                EventStatus::Published
            }
            Wish::Publish => EventStatus::Pending,
        }
    }

    pub fn is_public(self) -> bool {
        self == EventStatus::Published
    }
}

/// What the writer of an event asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wish {
    /// Keep it to ourselves for now.
    Draft,
    /// Put it online (or into the review queue when publishing is not yet allowed).
    Publish,
    /// Suggest it: moderation decides (anonymous submissions).
    Review,
}

/// The state of one date of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OccurrenceStatus {
    Scheduled,
    Cancelled,
    Postponed,
    SoldOut,
}

impl OccurrenceStatus {
    pub fn key(self) -> &'static str {
        match self {
            OccurrenceStatus::Scheduled => "scheduled",
            OccurrenceStatus::Cancelled => "cancelled",
            OccurrenceStatus::Postponed => "postponed",
            OccurrenceStatus::SoldOut => "sold_out",
        }
    }

    pub fn parse(s: &str) -> OccurrenceStatus {
        match s {
            "cancelled" => OccurrenceStatus::Cancelled,
            "postponed" => OccurrenceStatus::Postponed,
            "sold_out" => OccurrenceStatus::SoldOut,
            _ => OccurrenceStatus::Scheduled,
        }
    }

    /// The German badge text; none for a plain scheduled date.
    pub fn label(self) -> &'static str {
        match self {
            OccurrenceStatus::Scheduled => "",
            OccurrenceStatus::Cancelled => "Abgesagt",
            OccurrenceStatus::Postponed => "Verschoben",
            OccurrenceStatus::SoldOut => "Ausverkauft",
        }
    }
}

/// What a visit costs.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Price {
    #[default]
    Unknown,
    Free,
    Range {
        min_cents: i64,
        max_cents: i64,
    },
    Text {
        text: String,
    },
}

impl Price {
    /// Rebuilds the price from its stored columns.
    pub fn from_columns(kind: &str, min: Option<i64>, max: Option<i64>, text: &str) -> Price {
        match (kind, min, max) {
            ("free", _, _) => Price::Free,
            ("range", Some(min), Some(max)) => Price::Range {
                min_cents: min,
                max_cents: max,
            },
            ("range", Some(v), None) | ("range", None, Some(v)) => Price::Range {
                min_cents: v,
                max_cents: v,
            },
            ("text", _, _) if !text.is_empty() => Price::Text {
                text: text.to_owned(),
            },
            _ => Price::Unknown,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Price::Unknown => "unknown",
            Price::Free => "free",
            Price::Range { .. } => "range",
            Price::Text { .. } => "text",
        }
    }

    /// German display: „Eintritt frei“, „12 €“, „9–35 €“, „9,50 €“.
    pub fn label(&self) -> String {
        match self {
            Price::Unknown => String::new(),
            Price::Free => "Eintritt frei".to_owned(),
            Price::Range {
                min_cents,
                max_cents,
            } if min_cents == max_cents => format!("{} €", euros(*min_cents)),
            Price::Range {
                min_cents,
                max_cents,
            } => format!("{}–{} €", euros(*min_cents), euros(*max_cents)),
            Price::Text { text } => text.clone(),
        }
    }
}

/// Cents as German euros: 1200 → „12“, 950 → „9,50“.
pub fn euros(cents: i64) -> String {
    if cents % 100 == 0 {
        format!("{}", cents / 100)
    } else {
        format!("{},{:02}", cents / 100, (cents % 100).abs())
    }
}

/// Languages spoken at an event, stored as comma-separated ISO 639-1 codes.
pub fn language_name(code: &str) -> &str {
    match code {
        "de" => "Deutsch",
        "en" => "Englisch",
        "tr" => "Türkisch",
        "ar" => "Arabisch",
        "uk" => "Ukrainisch",
        "pl" => "Polnisch",
        "fr" => "Französisch",
        "es" => "Spanisch",
        "it" => "Italienisch",
        "ru" => "Russisch",
        "dgs" => "Deutsche Gebärdensprache",
        other => other,
    }
}

/// The kind of an organisation.
pub fn org_kind_name(kind: &str) -> &'static str {
    match kind {
        "institution" => "Institution",
        "collective" => "Kollektiv der freien Szene",
        "ensemble" => "Ensemble",
        "festival" => "Festival",
        "city_office" => "Städtische Einrichtung",
        "association" => "Verein",
        _ => "Organisation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_read_as_germans_write_them() {
        assert_eq!(
            Price::Range {
                min_cents: 900,
                max_cents: 3500
            }
            .label(),
            "9–35 €"
        );
        assert_eq!(
            Price::Range {
                min_cents: 950,
                max_cents: 950
            }
            .label(),
            "9,50 €"
        );
        assert_eq!(Price::Free.label(), "Eintritt frei");
    }

    #[test]
    fn one_rule_decides_who_publishes() {
        use EventStatus::*;
        assert_eq!(
            EventStatus::after_save(Wish::Publish, true, None),
            Published
        );
        assert_eq!(EventStatus::after_save(Wish::Publish, false, None), Pending);
        // Moderation's decision stands when the organisation updates its event.
        assert_eq!(
            EventStatus::after_save(Wish::Publish, false, Some(Published)),
            Published
        );
        assert_eq!(
            EventStatus::after_save(Wish::Publish, false, Some(Rejected)),
            Pending
        );
        assert_eq!(
            EventStatus::after_save(Wish::Draft, true, Some(Published)),
            Draft
        );
        assert_eq!(EventStatus::after_save(Wish::Review, true, None), Pending);
        for s in EventStatus::ALL {
            assert_eq!(EventStatus::parse(s.key()), s);
        }
        assert_eq!(EventStatus::parse("kaputt"), Draft);
    }
}
