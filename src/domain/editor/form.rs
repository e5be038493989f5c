//! The editor's form as an [`EventDraft`]: reading what people type (dates, times, euros,
//! a new venue) and saying which fields could not be read. The rules all writers share
//! are in [`EventDraft::check`].

use super::dates::{parse_euros, schedule};
use super::{EnglishText, EventDraft, Place, VenueProposal};
use crate::domain::account::FieldErrors;
use crate::domain::district::District;
use crate::domain::event::{AccessService, Audience, Price};
use crate::domain::form::FormData;

fn ids(values: Vec<&str>) -> Vec<i64> {
    let mut out: Vec<i64> = values.iter().filter_map(|v| v.parse().ok()).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Reads the form: a draft, and messages for the fields that could not be read.
pub fn read(form: &FormData) -> (EventDraft, FieldErrors) {
    let mut errors = FieldErrors::default();
    let english = if form.all("title_en").is_empty() {
        None
    } else {
        Some(EnglishText {
            title: form.trimmed("title_en").to_owned(),
            subtitle: form.trimmed("subtitle_en").to_owned(),
            description: form.get("description_en").trim().replace("\r\n", "\n"),
        })
    };
    let tags = form
        .get("tags")
        .split(',')
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    let age_text = form.trimmed("min_age");
    let min_age = if age_text.is_empty() {
        None
    } else {
        match age_text.parse::<i64>() {
            Ok(a) => Some(a),
            Err(_) => {
                errors.add("min_age", "editor-min-age-invalid");
                None
            }
        }
    };
    let draft = EventDraft {
        title: form.trimmed("title").to_owned(),
        english,
        subtitle: form.trimmed("subtitle").to_owned(),
        description: form.get("description").trim().replace("\r\n", "\n"),
        category_ids: ids(form.all("sparte")),
        tags,
        organization_id: form.trimmed("organisation").parse::<i64>().ok(),
        place: place(form, &mut errors),
        schedule: schedule(form, &mut errors),
        price: price(form, &mut errors),
        ticket_url: form.trimmed("ticket_url").to_owned(),
        min_age,
        audiences: form
            .all("audience")
            .into_iter()
            .filter_map(Audience::parse)
            .collect(),
        languages: form
            .all("language")
            .into_iter()
            .map(str::to_owned)
            .collect(),
        access_services: form
            .all("access")
            .into_iter()
            .filter_map(AccessService::parse)
            .collect(),
    };
    (draft, errors)
}

fn place(form: &FormData, errors: &mut FieldErrors) -> Option<Place> {
    match form.trimmed("venue") {
        "neu" => {
            let district = District::parse(form.get("venue_district"));
            if district.is_none() {
                errors.add("venue_district", "editor-venue-district-missing");
            }
            // Without a district the draft still names the venue, so that the checks of
            // name and street speak too; the district's message keeps it from saving.
            Some(Place::NewVenue(VenueProposal {
                name: form.trimmed("venue_name").to_owned(),
                street: form.trimmed("venue_street").to_owned(),
                postal_code: form.trimmed("venue_postal_code").to_owned(),
                district: district.unwrap_or(District::Mitte),
            }))
        }
        "" => Some(Place::Text(form.trimmed("location_text").to_owned())),
        id => match id.parse::<i64>() {
            Ok(id) => Some(Place::Venue(id)),
            Err(_) => {
                errors.add("venue", "editor-venue-unknown");
                None
            }
        },
    }
}

fn price(form: &FormData, errors: &mut FieldErrors) -> Price {
    match form.get("price_kind") {
        "free" => Price::Free,
        "range" => {
            let min = parse_euros(form.get("price_min"));
            let max_text = form.trimmed("price_max");
            let max = if max_text.is_empty() {
                min
            } else {
                parse_euros(max_text)
            };
            match (min, max) {
                (Some(min), Some(max)) => Price::Range {
                    min_cents: min,
                    max_cents: max,
                },
                (None, _) => {
                    errors.add("price_min", "editor-price-euros");
                    Price::Unknown
                }
                (_, None) => {
                    errors.add("price_max", "editor-price-euros");
                    Price::Unknown
                }
            }
        }
        "text" => Price::Text {
            text: form.trimmed("price_text").to_owned(),
        },
        _ => Price::Unknown,
    }
}
