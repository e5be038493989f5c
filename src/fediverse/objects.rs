//! The JSON the fediverse reads: actors (with their public key), events as `Event`
//! objects the way Mobilizon and Gancio write them (name, start and end with offset,
//! `Place` with postal address and coordinates, the picture as attachment, HTML content,
//! a `summary` with place and date in words that Mastodon shows, Sparten as hashtags,
//! `ical:status`), and the activities that carry them.

use super::{ActorRef, handle_of, html_escape, keys_of};
use crate::db::event_details::{self, EventDetail, OccurrenceRow};
use crate::db::{self, Db};
use crate::domain::calendar;
use crate::domain::event::OccurrenceStatus;
use crate::i18n::Lang;
use crate::web::listing::instant;
use serde_json::{Value, json};

pub const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";

/// The JSON-LD context of every document: ActivityStreams, the security vocabulary
/// (public keys) and the extensions Mastodon and Mobilizon read.
pub fn context() -> Value {
    json!([
        "https://www.w3.org/ns/activitystreams",
        "https://w3id.org/security/v1",
        {
            "toot": "http://joinmastodon.org/ns#",
            "discoverable": "toot:discoverable",
            "Hashtag": "as:Hashtag",
            "schema": "http://schema.org#",
            "PostalAddress": "schema:PostalAddress",
            "streetAddress": "schema:streetAddress",
            "postalCode": "schema:postalCode",
            "addressLocality": "schema:addressLocality",
            "addressCountry": "schema:addressCountry",
            "ical": "http://www.w3.org/2002/12/cal/ical#",
            "mz": "https://joinmobilizon.org/ns#",
            "timezone": "mz:timezone",
            "isOnline": "mz:isOnline",
            "joinMode": "mz:joinMode",
            "externalParticipationUrl": "mz:externalParticipationUrl",
            "commentsEnabled": "pt:commentsEnabled",
            "pt": "https://joinpeertube.org/ns#",
        }
    ])
}

/// An actor's document.
pub async fn actor_document(
    db: &Db,
    base: &str,
    actor: &ActorRef,
    now: i64,
) -> anyhow::Result<Value> {
    let keys = keys_of(db, actor, now).await?;
    let id = actor.id(base);
    let path = actor.ap_path();
    let (kind, summary) = match actor {
        ActorRef::Portal => (
            "Organization",
            "Der Veranstaltungskalender der Kultur in Bochum: alles, was die Szene zeigt."
                .to_owned(),
        ),
        ActorRef::Organization { slug, .. } => (
            "Organization",
            db::organizations::by_slug(db, slug)
                .await?
                .map(|o| crate::web::schema::plain_text(&o.description, 400))
                .unwrap_or_default(),
        ),
        ActorRef::Sparte { name, .. } => (
            "Service",
            format!("Alle Veranstaltungen der Sparte {name} im Kulturportal Bochum."),
        ),
    };
    Ok(json!({
        "@context": context(),
        "id": id,
        "type": kind,
        "preferredUsername": handle_of(db, actor).await?,
        "name": actor.name(),
        "summary": html_escape(&summary),
        "url": id,
        "inbox": format!("{base}{path}/inbox"),
        "outbox": format!("{base}{path}/outbox"),
        "followers": actor.followers(base),
        "endpoints": { "sharedInbox": format!("{base}/ap/inbox") },
        "manuallyApprovesFollowers": false,
        "discoverable": true,
        "publicKey": {
            "id": actor.key_id(base),
            "owner": id,
            "publicKeyPem": keys.public_pem,
        },
    }))
}

/// Who tells about an event: its owner (the first organiser, else the portal) and the
/// actors that boost it (further organisers, its Sparten, the portal).
pub async fn actors_of(db: &Db, d: &EventDetail) -> Result<(ActorRef, Vec<ActorRef>), db::DbError> {
    let mut orgs = Vec::new();
    for o in &d.organizers {
        if let Some(a) = super::organization(db, &o.slug).await? {
            orgs.push(a);
        }
    }
    let mut others: Vec<ActorRef> = Vec::new();
    let owner = if orgs.is_empty() {
        ActorRef::Portal
    } else {
        let first = orgs.remove(0);
        others.push(ActorRef::Portal);
        first
    };
    others.extend(orgs);
    others.extend(d.categories.iter().map(|c| ActorRef::Sparte {
        slug: c.slug.clone(),
        name: c.name.clone(),
    }));
    Ok((owner, others))
}

/// The date that stands for the event: the next coming one, else the last.
fn main_date(upcoming: &[OccurrenceRow], past: &[OccurrenceRow]) -> Option<OccurrenceRow> {
    upcoming
        .iter()
        .find(|o| o.status != OccurrenceStatus::Cancelled)
        .or_else(|| upcoming.first())
        .or_else(|| past.first())
        .cloned()
}

/// `CONFIRMED`, `TENTATIVE` (postponed) or `CANCELLED` (every coming date cancelled).
fn status(upcoming: &[OccurrenceRow], main: Option<&OccurrenceRow>) -> &'static str {
    if !upcoming.is_empty()
        && upcoming
            .iter()
            .all(|o| o.status == OccurrenceStatus::Cancelled)
    {
        return "CANCELLED";
    }
    match main.map(|o| o.status) {
        Some(OccurrenceStatus::Cancelled) => "CANCELLED",
        Some(OccurrenceStatus::Postponed) => "TENTATIVE",
        _ => "CONFIRMED",
    }
}

/// The event as an ActivityPub `Event`, with its owner and the actors that boost it;
/// `None` when it is not published.
pub async fn event_object(
    db: &Db,
    base: &str,
    event_id: i64,
    now: i64,
) -> Result<Option<(Value, ActorRef, Vec<ActorRef>)>, db::DbError> {
    let Some(d) = event_details::load(db, &[event_id])
        .await?
        .remove(&event_id)
    else {
        return Ok(None);
    };
    let (upcoming, past) = event_details::occurrences(db, event_id, now, 50).await?;
    let (owner, others) = actors_of(db, &d).await?;
    let e = &d.event;
    let url = format!("{base}/veranstaltungen/{}", e.slug);
    let main = main_date(&upcoming, &past);
    let status = status(&upcoming, main.as_ref());
    let place_name = d
        .venue
        .as_ref()
        .map(|v| v.name.clone())
        .unwrap_or_else(|| e.location_text.clone());
    let when = main
        .as_ref()
        .map(|o| {
            if o.all_day {
                calendar::long_date(calendar::local_date(instant(o.starts_at)))
            } else {
                format!(
                    "{}, {}",
                    calendar::long_date(calendar::local_date(instant(o.starts_at))),
                    calendar::time_of_day(instant(o.starts_at))
                )
            }
        })
        .unwrap_or_default();
    let mut summary = [place_name.as_str(), when.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if status == "CANCELLED" {
        summary = format!("Abgesagt: {summary}");
    }
    let mut content = String::new();
    if !e.subtitle.is_empty() {
        content.push_str(&format!(
            "<p><strong>{}</strong></p>",
            html_escape(&e.subtitle)
        ));
    }
    content.push_str(&crate::web::markdown::render(&e.description));
    let tags: Vec<Value> = d
        .categories
        .iter()
        .map(|c| {
            json!({
                "type": "Hashtag",
                "name": format!("#{}", hashtag(&c.name)),
                "href": format!("{base}/sparten/{}", c.slug),
            })
        })
        .collect();
    let mut object = json!({
        "id": url,
        "type": "Event",
        "name": e.title,
        "url": url,
        "summary": summary,
        "content": content,
        "mediaType": "text/html",
        "attributedTo": owner.id(base),
        "to": [PUBLIC],
        "cc": [owner.followers(base)],
        "published": calendar::rfc3339_local(instant(e.created_at)),
        "updated": calendar::rfc3339_local(instant(e.updated_at)),
        "tag": tags,
        "timezone": "Europe/Berlin",
        "ical:status": status,
        "status": status,
        "inLanguage": "de",
        "isOnline": !e.online_url.is_empty() && d.venue.is_none() && e.location_text.is_empty(),
        "commentsEnabled": false,
        "joinMode": "external",
        "externalParticipationUrl": if e.ticket_url.is_empty() { url.clone() } else { e.ticket_url.clone() },
    });
    if let Some(o) = &main {
        object["startTime"] = json!(calendar::rfc3339_local(instant(o.starts_at)));
        object["endTime"] = json!(calendar::rfc3339_local(instant(o.ends_at.max(o.starts_at))));
    }
    if let Some(v) = &d.venue {
        let mut place = json!({
            "type": "Place",
            "name": v.name,
            "address": {
                "type": "PostalAddress",
                "streetAddress": v.street,
                "postalCode": v.postal_code,
                "addressLocality": v.city,
                "addressCountry": "DE",
            },
        });
        if v.status == crate::domain::venue::VenueStatus::Published {
            place["url"] = json!(format!("{base}/orte/{}", v.slug));
        }
        if let (Some(lat), Some(lon)) = (v.lat, v.lon) {
            place["latitude"] = json!(lat);
            place["longitude"] = json!(lon);
        }
        object["location"] = place;
    } else if !e.location_text.is_empty() {
        object["location"] =
            json!({ "type": "Place", "name": e.location_text, "address": e.location_text });
    }
    if let Some(p) = crate::web::pictures::pictures_in(db, &[event_id], Lang::De)
        .await?
        .remove(&event_id)
        && !p.og.is_empty()
    {
        object["attachment"] = json!([{
            "type": "Document",
            "mediaType": "image/jpeg",
            "url": format!("{base}{}", p.og),
            "name": p.alt,
        }]);
    }
    Ok(Some((object, owner, others)))
}

/// A Sparte's name as a hashtag: letters and digits only („Kabarett & Comedy“ →
/// `KabarettComedy`).
pub fn hashtag(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// An activity of `actor` about `object` (addressed to the public and its followers).
pub fn activity(
    kind: &str,
    id: &str,
    actor: &ActorRef,
    base: &str,
    object: Value,
    now: i64,
) -> Value {
    json!({
        "@context": context(),
        "id": id,
        "type": kind,
        "actor": actor.id(base),
        "published": calendar::rfc3339_local(instant(now)),
        "to": [PUBLIC],
        "cc": [actor.followers(base)],
        "object": object,
    })
}

/// What stays of a deleted event.
pub fn tombstone(base: &str, slug: &str) -> Value {
    json!({ "id": format!("{base}/veranstaltungen/{slug}"), "type": "Tombstone" })
}

/// The answer to a follow: `Accept`, or `Reject` when a moderator removed the follower.
pub fn follow_answer(
    kind: &str,
    id: &str,
    actor: &ActorRef,
    base: &str,
    follow_id: &str,
    follower: &str,
) -> Value {
    json!({
        "@context": context(),
        "id": id,
        "type": kind,
        "actor": actor.id(base),
        "object": {
            "id": follow_id,
            "type": "Follow",
            "actor": follower,
            "object": actor.id(base),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparten_become_hashtags() {
        assert_eq!(hashtag("Kabarett & Comedy"), "KabarettComedy");
        assert_eq!(hashtag("Musik"), "Musik");
        assert_eq!(hashtag("Kinder und Familie"), "KinderUndFamilie");
    }
}
