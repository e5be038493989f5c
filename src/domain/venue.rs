//! A venue's profile: its access features and whether they were checked, its opening
//! hours, and the form that edits it — split into the part its keepers change directly
//! and the part (address and access data) that waits for moderation.

use super::account::{Email, FieldErrors};
use super::calendar::{self, DateLocale};
use super::district::District;
use super::form::FormData;
use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

/// One feature of a venue's access profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessFeature {
    StepFree,
    Lift,
    WheelchairSpaces,
    WheelchairWc,
    Parking,
    InductionLoop,
    Seating,
    QuietRoom,
    AssistanceDogs,
}

impl AccessFeature {
    pub const ALL: [AccessFeature; 9] = [
        AccessFeature::StepFree,
        AccessFeature::Lift,
        AccessFeature::WheelchairSpaces,
        AccessFeature::WheelchairWc,
        AccessFeature::Parking,
        AccessFeature::InductionLoop,
        AccessFeature::Seating,
        AccessFeature::QuietRoom,
        AccessFeature::AssistanceDogs,
    ];

    /// The URL and form value: `?zugang=stufenlos&zugang=aufzug`.
    pub fn slug(self) -> &'static str {
        match self {
            AccessFeature::StepFree => "stufenlos",
            AccessFeature::Lift => "aufzug",
            AccessFeature::WheelchairSpaces => "rollstuhlplaetze",
            AccessFeature::WheelchairWc => "rollstuhl-wc",
            AccessFeature::Parking => "parkplatz",
            AccessFeature::InductionLoop => "hoeranlage",
            AccessFeature::Seating => "sitzplaetze",
            AccessFeature::QuietRoom => "ruheraum",
            AccessFeature::AssistanceDogs => "assistenzhunde",
        }
    }

    /// In plain words, as the profile and the filters say it.
    pub fn label(self) -> &'static str {
        match self {
            AccessFeature::StepFree => "Stufenloser Zugang",
            AccessFeature::Lift => "Aufzug",
            AccessFeature::WheelchairSpaces => "Rollstuhlplätze",
            AccessFeature::WheelchairWc => "Rollstuhlgerechtes WC",
            AccessFeature::Parking => "Behindertenparkplatz",
            AccessFeature::InductionLoop => "Induktive Höranlage",
            AccessFeature::Seating => "Sitzplätze für alle, die sitzen müssen",
            AccessFeature::QuietRoom => "Ruheraum",
            AccessFeature::AssistanceDogs => "Assistenzhunde willkommen",
        }
    }

    pub fn parse(s: &str) -> Option<AccessFeature> {
        AccessFeature::ALL.into_iter().find(|f| f.slug() == s)
    }
}

/// Whether and how the access data was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum AccessCheck {
    /// Nobody said.
    #[default]
    #[serde(rename = "")]
    Unstated,
    /// The house's own statement.
    #[serde(rename = "selbstauskunft")]
    SelfReported,
    /// Checked on site (by the portal's access team or a disability council).
    #[serde(rename = "geprueft")]
    Checked,
    /// Certified under „Reisen für Alle“.
    #[serde(rename = "reisen-fuer-alle")]
    Certified,
}

impl AccessCheck {
    pub const ALL: [AccessCheck; 4] = [
        AccessCheck::Unstated,
        AccessCheck::SelfReported,
        AccessCheck::Checked,
        AccessCheck::Certified,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            AccessCheck::Unstated => "",
            AccessCheck::SelfReported => "selbstauskunft",
            AccessCheck::Checked => "geprueft",
            AccessCheck::Certified => "reisen-fuer-alle",
        }
    }

    /// The message id's ending: `venue-check-{key}`.
    pub fn key(self) -> &'static str {
        match self {
            AccessCheck::Unstated => "unstated",
            AccessCheck::SelfReported => "self-reported",
            AccessCheck::Checked => "checked",
            AccessCheck::Certified => "certified",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AccessCheck::Unstated => "Keine Angabe, wer die Angaben geprüft hat",
            AccessCheck::SelfReported => "Angaben des Hauses (nicht vor Ort geprüft)",
            AccessCheck::Checked => "Vor Ort geprüft",
            AccessCheck::Certified => "Zertifiziert nach „Reisen für Alle“",
        }
    }

    /// Checked by someone other than the house itself.
    pub fn is_verified(self) -> bool {
        matches!(self, AccessCheck::Checked | AccessCheck::Certified)
    }

    pub fn parse(s: &str) -> Option<AccessCheck> {
        AccessCheck::ALL.into_iter().find(|c| c.slug() == s)
    }
}

const NO_STEP_FREE: &str = "Kein stufenloser Zugang";

/// A venue's access profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccessProfile {
    pub step_free: bool,
    pub lift: bool,
    pub wheelchair_spaces: bool,
    pub wheelchair_wc: bool,
    pub parking: bool,
    pub induction_loop: bool,
    pub seating: bool,
    pub quiet_room: bool,
    pub assistance_dogs: bool,
    pub check: AccessCheck,
    pub notes: String,
}

impl AccessProfile {
    pub fn has(&self, feature: AccessFeature) -> bool {
        match feature {
            AccessFeature::StepFree => self.step_free,
            AccessFeature::Lift => self.lift,
            AccessFeature::WheelchairSpaces => self.wheelchair_spaces,
            AccessFeature::WheelchairWc => self.wheelchair_wc,
            AccessFeature::Parking => self.parking,
            AccessFeature::InductionLoop => self.induction_loop,
            AccessFeature::Seating => self.seating,
            AccessFeature::QuietRoom => self.quiet_room,
            AccessFeature::AssistanceDogs => self.assistance_dogs,
        }
    }

    fn set(&mut self, feature: AccessFeature, on: bool) {
        let flag = match feature {
            AccessFeature::StepFree => &mut self.step_free,
            AccessFeature::Lift => &mut self.lift,
            AccessFeature::WheelchairSpaces => &mut self.wheelchair_spaces,
            AccessFeature::WheelchairWc => &mut self.wheelchair_wc,
            AccessFeature::Parking => &mut self.parking,
            AccessFeature::InductionLoop => &mut self.induction_loop,
            AccessFeature::Seating => &mut self.seating,
            AccessFeature::QuietRoom => &mut self.quiet_room,
            AccessFeature::AssistanceDogs => &mut self.assistance_dogs,
        };
        *flag = on;
    }

    /// The profile as message ids with their German words (`venue-no-step-free`,
    /// `access-{slug}`), for pages in other languages.
    pub fn word_ids(&self) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        if !self.step_free {
            out.push(("venue-no-step-free".to_owned(), NO_STEP_FREE));
        }
        out.extend(
            AccessFeature::ALL
                .into_iter()
                .filter(|f| self.has(*f))
                .map(|f| (format!("access-{}", f.slug()), f.label())),
        );
        out
    }

    /// The profile in plain words; a missing step-free entrance is said, not left out.
    pub fn words(&self) -> Vec<&'static str> {
        self.word_ids()
            .into_iter()
            .map(|(_, german)| german)
            .collect()
    }
}

/// The days of the week, Monday first, as forms and pages name them.
pub const WEEKDAYS: [(&str, &str); 7] = [
    ("mo", "Montag"),
    ("di", "Dienstag"),
    ("mi", "Mittwoch"),
    ("do", "Donnerstag"),
    ("fr", "Freitag"),
    ("sa", "Samstag"),
    ("so", "Sonntag"),
];
const HOUR_FIELDS: [&str; 7] = [
    "hours_mo", "hours_di", "hours_mi", "hours_do", "hours_fr", "hours_sa", "hours_so",
];

/// Weekly opening hours: per day none (closed) or one or more spans, and a note
/// („an Feiertagen geschlossen“). A span may end after midnight (22:00–04:00).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OpeningHours {
    pub days: [Vec<(NaiveTime, NaiveTime)>; 7],
    pub note: String,
}

#[derive(Serialize, Deserialize, Default)]
struct StoredHours {
    #[serde(default)]
    days: Vec<Vec<String>>,
    #[serde(default)]
    note: String,
}

fn time(s: &str) -> Option<NaiveTime> {
    let s = s.trim().trim_end_matches("Uhr").trim();
    let (h, m) = match s.split_once([':', '.']) {
        Some((h, m)) => (h.trim().parse::<u32>().ok()?, m.trim().parse::<u32>().ok()?),
        None => (s.parse::<u32>().ok()?, 0),
    };
    if h == 24 && m == 0 {
        return NaiveTime::from_hms_opt(0, 0, 0);
    }
    NaiveTime::from_hms_opt(h, m, 0)
}

fn span_text((from, to): &(NaiveTime, NaiveTime)) -> String {
    format!("{}–{}", from.format("%H:%M"), to.format("%H:%M"))
}

impl OpeningHours {
    pub fn is_empty(&self) -> bool {
        self.days.iter().all(Vec::is_empty) && self.note.is_empty()
    }

    /// One day as typed: empty, „geschlossen“ or "closed" for closed, else spans like
    /// `10–18`, `10:00-13:00, 14:00-18:00`, `10.00 bis 18.00 Uhr` or `10:00 to 18:00`.
    /// Errors are message ids (`venue-hours-…`).
    pub fn parse_day(text: &str) -> Result<Vec<(NaiveTime, NaiveTime)>, &'static str> {
        let text = text.trim();
        if text.is_empty()
            || text.eq_ignore_ascii_case("geschlossen")
            || text.eq_ignore_ascii_case("closed")
        {
            return Ok(Vec::new());
        }
        let mut spans = Vec::new();
        for part in text.split([',', ';', '/']) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let (from, to) = part
                .split_once(['–', '-', '—'])
                .or_else(|| part.split_once(" bis "))
                .or_else(|| part.split_once(" to "))
                .ok_or("venue-hours-span")?;
            let (Some(from), Some(to)) = (time(from), time(to)) else {
                return Err("venue-hours-times");
            };
            if from == to {
                return Err("venue-hours-same");
            }
            spans.push((from, to));
        }
        if spans.len() > 4 {
            return Err("venue-hours-too-many");
        }
        Ok(spans)
    }

    /// Reads `hours_mo` … `hours_so` and `hours_note`; messages per day.
    pub fn from_form(form: &FormData, errors: &mut FieldErrors) -> OpeningHours {
        let mut hours = OpeningHours {
            note: form.trimmed("hours_note").chars().take(300).collect(),
            ..OpeningHours::default()
        };
        for (i, field) in HOUR_FIELDS.iter().enumerate() {
            match OpeningHours::parse_day(form.get(field)) {
                Ok(spans) => hours.days[i] = spans,
                Err(message) => errors.add(field, message),
            }
        }
        hours
    }

    /// Writes the fields back, as a form shows them again.
    pub fn fill_form(&self, form: &mut FormData) {
        for (i, field) in HOUR_FIELDS.iter().enumerate() {
            form.set(field, self.day_text(i));
        }
        form.set("hours_note", self.note.clone());
    }

    fn day_text(&self, day: usize) -> String {
        self.days[day]
            .iter()
            .map(span_text)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The stored form (JSON); empty hours are stored as the empty string.
    pub fn to_storage(&self) -> String {
        if self.is_empty() {
            return String::new();
        }
        let stored = StoredHours {
            days: self
                .days
                .iter()
                .map(|d| d.iter().map(span_text).collect())
                .collect(),
            note: self.note.clone(),
        };
        serde_json::to_string(&stored).unwrap_or_default()
    }

    /// Reads the stored form; anything unreadable counts as not stated.
    pub fn from_storage(s: &str) -> OpeningHours {
        let stored: StoredHours = serde_json::from_str(s).unwrap_or_default();
        let mut hours = OpeningHours {
            note: stored.note,
            ..OpeningHours::default()
        };
        for (i, spans) in stored.days.iter().take(7).enumerate() {
            hours.days[i] = spans
                .iter()
                .filter_map(|s| OpeningHours::parse_day(s).ok())
                .flatten()
                .collect();
        }
        hours
    }

    /// Lines for a page: („Montag“, „10:00–18:00 Uhr“ or „geschlossen“).
    pub fn lines(&self) -> Vec<(&'static str, String)> {
        WEEKDAYS
            .iter()
            .enumerate()
            .map(|(i, (_, name))| {
                let text = if self.days[i].is_empty() {
                    "geschlossen".to_owned()
                } else {
                    format!("{} Uhr", self.day_text(i))
                };
                (*name, text)
            })
            .collect()
    }

    /// Lines for a page in a language: the German ones as [`OpeningHours::lines`], the
    /// English ones as ("Monday", "10:00 am – 6:00 pm" or "closed").
    pub fn lines_in(&self, locale: DateLocale) -> Vec<(&'static str, String)> {
        if locale == DateLocale::De {
            return self.lines();
        }
        let clock = |t: &NaiveTime| calendar::clock_in(*t, locale);
        (0..7)
            .map(|i| {
                let text = if self.days[i].is_empty() {
                    "closed".to_owned()
                } else {
                    self.days[i]
                        .iter()
                        .map(|(from, to)| format!("{} – {}", clock(from), clock(to)))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                (calendar::weekday_name_in(i, locale), text)
            })
            .collect()
    }

    /// schema.org `openingHoursSpecification`.
    pub fn schema_org(&self) -> Vec<serde_json::Value> {
        self.days
            .iter()
            .enumerate()
            .flat_map(|(i, spans)| {
                let day = calendar::weekday_name_in(i, DateLocale::En);
                spans.iter().map(move |(from, to)| {
                    serde_json::json!({
                        "@type": "OpeningHoursSpecification",
                        "dayOfWeek": format!("https://schema.org/{day}"),
                        "opens": from.format("%H:%M").to_string(),
                        "closes": to.format("%H:%M").to_string(),
                    })
                })
            })
            .collect()
    }
}

/// The part of a venue its keepers change directly.
#[derive(Debug, Clone, PartialEq)]
pub struct VenueDetails {
    pub name: String,
    pub description: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub hours: OpeningHours,
}

/// The part that waits for moderation when the venue's keepers change it: where it is and
/// how accessible it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VenuePlace {
    pub street: String,
    pub postal_code: String,
    pub district: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub access: AccessProfile,
}

impl VenuePlace {
    /// What changed, as (what, before, after) in words, for the moderators.
    pub fn changes(&self, to: &VenuePlace) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        let mut text = |what: &str, a: String, b: String| {
            if a != b {
                out.push((what.to_owned(), a, b));
            }
        };
        text("Straße", self.street.clone(), to.street.clone());
        text(
            "Postleitzahl",
            self.postal_code.clone(),
            to.postal_code.clone(),
        );
        let district = |d: &str| District::parse(d).map_or(String::new(), |d| d.name().into());
        text(
            "Stadtbezirk",
            district(&self.district),
            district(&to.district),
        );
        let coords = |p: &VenuePlace| match (p.lat, p.lon) {
            (Some(a), Some(b)) => format!("{a:.5}, {b:.5}"),
            _ => "keine".into(),
        };
        text("Koordinaten", coords(self), coords(to));
        let yes = |b: bool| if b { "ja" } else { "nein" }.to_owned();
        for f in AccessFeature::ALL {
            text(f.label(), yes(self.access.has(f)), yes(to.access.has(f)));
        }
        text(
            "Geprüft",
            self.access.check.label().into(),
            to.access.check.label().into(),
        );
        text(
            "Hinweise zur Zugänglichkeit",
            self.access.notes.clone(),
            to.access.notes.clone(),
        );
        out
    }
}

/// The venue form read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct VenueInput {
    pub details: VenueDetails,
    pub place: VenuePlace,
}

fn coordinate(text: &str, min: f64, max: f64) -> Result<Option<f64>, ()> {
    let text = text.trim().replace(',', ".");
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && (min..=max).contains(&v) => Ok(Some(v)),
        _ => Err(()),
    }
}

impl VenueInput {
    pub fn parse(form: &FormData) -> Result<VenueInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = form.trimmed("name").to_owned();
        if !(2..=120).contains(&name.chars().count()) {
            errors.add("name", "venue-name-length");
        }
        let street: String = form.trimmed("street").chars().take(200).collect();
        if street.chars().count() < 3 {
            errors.add("street", "venue-street-missing");
        }
        let postal_code = form.trimmed("postal_code").to_owned();
        if postal_code.len() != 5 || !postal_code.bytes().all(|b| b.is_ascii_digit()) {
            errors.add("postal_code", "venue-postal-code");
        }
        let district = form.get("district").to_owned();
        if District::parse(&district).is_none() {
            errors.add("district", "venue-district-missing");
        }
        let lat = coordinate(form.get("lat"), -90.0, 90.0);
        let lon = coordinate(form.get("lon"), -180.0, 180.0);
        let (lat, lon) = match (lat, lon) {
            (Ok(Some(a)), Ok(Some(b))) => (Some(a), Some(b)),
            (Ok(None), Ok(None)) => (None, None),
            _ => {
                errors.add("lat", "venue-coordinates");
                (None, None)
            }
        };
        let website = form.trimmed("website").to_owned();
        if !(website.is_empty()
            || (website.starts_with("https://") || website.starts_with("http://"))
                && website.len() <= 300
                && url::Url::parse(&website).is_ok())
        {
            errors.add("website", "venue-website");
        }
        let email = form.trimmed("email").to_owned();
        if !email.is_empty() && Email::parse(&email).is_none() {
            errors.add("email", "venue-email");
        }
        let check = AccessCheck::parse(form.get("access_checked")).unwrap_or_default();
        let mut access = AccessProfile {
            check,
            notes: form.trimmed("access_notes").chars().take(1000).collect(),
            ..AccessProfile::default()
        };
        for f in AccessFeature::ALL {
            access.set(f, form.has("access", f.slug()));
        }
        let hours = OpeningHours::from_form(form, &mut errors);
        let input = VenueInput {
            details: VenueDetails {
                name,
                description: form.trimmed("description").chars().take(5000).collect(),
                website,
                email,
                phone: form.trimmed("phone").chars().take(40).collect(),
                hours,
            },
            place: VenuePlace {
                street,
                postal_code,
                district,
                lat,
                lon,
                access,
            },
        };
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }

    /// The form filled from a stored venue.
    pub fn to_form(&self) -> FormData {
        let mut f = FormData::default();
        let d = &self.details;
        let p = &self.place;
        f.set("name", d.name.clone());
        f.set("description", d.description.clone());
        f.set("website", d.website.clone());
        f.set("email", d.email.clone());
        f.set("phone", d.phone.clone());
        d.hours.fill_form(&mut f);
        f.set("street", p.street.clone());
        f.set("postal_code", p.postal_code.clone());
        f.set("district", p.district.clone());
        f.set("lat", p.lat.map(|v| v.to_string()).unwrap_or_default());
        f.set("lon", p.lon.map(|v| v.to_string()).unwrap_or_default());
        for feature in AccessFeature::ALL {
            if p.access.has(feature) {
                f.push("access", feature.slug());
            }
        }
        f.set("access_checked", p.access.check.slug());
        f.set("access_notes", p.access.notes.clone());
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
    }

    #[test]
    fn opening_hours_read_what_people_type() {
        assert_eq!(OpeningHours::parse_day(""), Ok(vec![]));
        assert_eq!(OpeningHours::parse_day("geschlossen"), Ok(vec![]));
        assert_eq!(OpeningHours::parse_day("Closed"), Ok(vec![]));
        assert_eq!(
            OpeningHours::parse_day("10:00 to 18:00"),
            Ok(vec![(t(10, 0), t(18, 0))])
        );
        assert_eq!(
            OpeningHours::parse_day("10-18"),
            Ok(vec![(t(10, 0), t(18, 0))])
        );
        assert_eq!(
            OpeningHours::parse_day("10:00–13:00, 14.30 bis 18.00 Uhr"),
            Ok(vec![(t(10, 0), t(13, 0)), (t(14, 30), t(18, 0))])
        );
        assert_eq!(
            OpeningHours::parse_day("22:00-24:00"),
            Ok(vec![(t(22, 0), t(0, 0))])
        );
        assert!(OpeningHours::parse_day("morgens").is_err());
        assert!(OpeningHours::parse_day("25-26").is_err());
        assert!(OpeningHours::parse_day("10-10").is_err());
    }

    #[test]
    fn opening_hours_survive_storage_and_say_closed_days() {
        let mut form = FormData::default();
        form.set("hours_di", "11–18");
        form.set("hours_do", "11-20");
        form.set("hours_note", "An Feiertagen geschlossen");
        let mut errors = FieldErrors::default();
        let hours = OpeningHours::from_form(&form, &mut errors);
        assert!(errors.is_empty());
        let again = OpeningHours::from_storage(&hours.to_storage());
        assert_eq!(again, hours);
        let lines = again.lines();
        assert_eq!(lines[0], ("Montag", "geschlossen".to_owned()));
        assert_eq!(lines[1], ("Dienstag", "11:00–18:00 Uhr".to_owned()));
        assert_eq!(again.schema_org().len(), 2);
        let english = again.lines_in(DateLocale::En);
        assert_eq!(english[0], ("Monday", "closed".to_owned()));
        assert_eq!(english[3], ("Thursday", "11:00 am – 8:00 pm".to_owned()));
        assert_eq!(again.lines_in(DateLocale::De), lines);
        assert_eq!(OpeningHours::from_storage(""), OpeningHours::default());
        assert_eq!(OpeningHours::default().to_storage(), "");
    }

    #[test]
    fn the_form_round_trips_and_reports_in_german() {
        let mut form = FormData::default();
        for (k, v) in [
            ("name", "Kulturkeller"),
            ("street", "Hauptstraße 1"),
            ("postal_code", "44866"),
            ("district", "wattenscheid"),
            ("lat", "51,48"),
            ("lon", "7.12"),
            ("access_checked", "geprueft"),
            ("hours_fr", "19-23"),
        ] {
            form.set(k, v);
        }
        form.push("access", "stufenlos");
        form.push("access", "ruheraum");
        let input = VenueInput::parse(&form);
        let Ok(input) = input else {
            panic!("valid form refused: {input:?}");
        };
        assert!(input.place.access.quiet_room && input.place.access.step_free);
        assert!(!input.place.access.lift);
        assert_eq!(input.place.lat, Some(51.48));
        assert_eq!(
            VenueInput::parse(&input.to_form()).ok(),
            Some(input.clone())
        );

        form.set("postal_code", "4486");
        form.set("lat", "");
        form.set("hours_fr", "abends");
        let Err(errors) = VenueInput::parse(&form) else {
            panic!("invalid form accepted");
        };
        assert!(errors.get("postal_code").is_some());
        assert!(errors.get("lat").is_some());
        assert_eq!(errors.get("hours_fr"), Some("venue-hours-span"));
        assert_eq!(errors.get("postal_code"), Some("venue-postal-code"));
    }

    #[test]
    fn changes_name_what_differs() {
        let a = VenuePlace {
            street: "A 1".into(),
            postal_code: "44787".into(),
            district: "mitte".into(),
            lat: None,
            lon: None,
            access: AccessProfile::default(),
        };
        let mut b = a.clone();
        b.access.lift = true;
        b.access.check = AccessCheck::Certified;
        let changes = a.changes(&b);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0], ("Aufzug".into(), "nein".into(), "ja".into()));
        assert!(a.changes(&a).is_empty());
        assert_eq!(
            AccessProfile::default().words(),
            vec!["Kein stufenloser Zugang"]
        );
        assert_eq!(
            b.access.word_ids(),
            vec![
                ("venue-no-step-free".to_owned(), "Kein stufenloser Zugang"),
                ("access-aufzug".to_owned(), "Aufzug")
            ]
        );
    }
}
