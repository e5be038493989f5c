//! The demo's events go through the same write path as everybody's
//! (`service::events::create`, written by the portal itself): the same status rule, the
//! same duplicate check, the same outbox records.

use crate::db::seed::NewEvent;
use crate::domain::calendar;
use crate::domain::editor::{EventInput, Place, Schedule, Slot};
use crate::domain::event::{OccurrenceStatus, Wish};
use crate::domain::recurrence::Recurrence;
use crate::service::Services;
use crate::service::events::{self, Author};

/// An event of the catalogue as every writer describes one.
fn input_of(e: &NewEvent) -> anyhow::Result<EventInput> {
    let slots: Vec<Slot> = e
        .occurrences
        .iter()
        .map(|o| Slot {
            starts_at: o.starts_at,
            ends_at: o.ends_at,
            all_day: o.all_day,
        })
        .collect();
    let schedule = if e.recurrence.is_empty() {
        Schedule::Dates(slots)
    } else {
        let first = slots
            .iter()
            .map(|s| s.starts_at)
            .min()
            .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
            .map(calendar::local_date)
            .ok_or_else(|| anyhow::anyhow!("series without dates: {}", e.title))?;
        Schedule::Series {
            rule: Box::new(Recurrence::parse(&e.recurrence)?),
            first,
            duration_seconds: e.duration_seconds,
            spec: None,
        }
    };
    Ok(EventInput {
        title: e.title.clone(),
        english: None,
        subtitle: e.subtitle.clone(),
        description: e.description.clone(),
        category_ids: e.category_ids.clone(),
        tags: e.tags.clone(),
        organization_id: e.organizer_ids.first().copied(),
        place: match e.venue_id {
            Some(v) => Place::Venue(v),
            None => Place::Text(e.location_text.clone()),
        },
        schedule,
        price: e.price.clone(),
        ticket_url: e.ticket_url.clone(),
        min_age: e.min_age,
        audiences: e.audiences.clone(),
        languages: e.languages.clone(),
        access_services: e.access_services.clone(),
    })
}

/// Saves the catalogue's events; dates marked sold out, cancelled or postponed get their
/// status afterwards, as an organisation would set it.
pub async fn events(svc: &Services, events: &[NewEvent]) -> anyhow::Result<()> {
    for e in events {
        let input = input_of(e)?;
        let wish = if e.published {
            Wish::Publish
        } else {
            Wish::Draft
        };
        let saved = events::create(svc, &input, wish, &Author::Portal, None).await?;
        for o in &e.occurrences {
            if o.status != OccurrenceStatus::Scheduled {
                events::set_date_status(svc, saved.id, o.starts_at, o.status).await?;
            }
        }
    }
    Ok(())
}
