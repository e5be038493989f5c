//! A venue's profile: its access features and whether they were checked (`access`), its
//! opening hours (`hours`), and the form that edits it — split into the part its keepers
//! change directly and the part (address and access data) that waits for moderation.

mod access;
mod hours;

pub use access::{AccessCheck, AccessFeature, AccessProfile};
pub use hours::{OpeningHours, WEEKDAYS};

use super::account::{Email, FieldErrors};
use super::district::District;
use super::form::FormData;
use serde::{Deserialize, Serialize};

/// Whether a venue is online: a venue proposed with an event waits for moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VenueStatus {
    Pending,
    Published,
}

impl VenueStatus {
    pub fn key(self) -> &'static str {
        match self {
            VenueStatus::Pending => "pending",
            VenueStatus::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Option<VenueStatus> {
        [VenueStatus::Pending, VenueStatus::Published]
            .into_iter()
            .find(|v| v.key() == s)
    }
}

impl TryFrom<String> for VenueStatus {
    type Error = super::UnknownKey;

    fn try_from(s: String) -> Result<VenueStatus, super::UnknownKey> {
        VenueStatus::parse(&s).ok_or_else(|| super::UnknownKey::new("venue status", s))
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

    #[test]
    fn venue_statuses_round_trip() {
        for v in [VenueStatus::Pending, VenueStatus::Published] {
            assert_eq!(VenueStatus::parse(v.key()), Some(v));
        }
        assert!(VenueStatus::try_from("draft".to_owned()).is_err());
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
