//! One event from a web page that carries schema.org `Event` JSON-LD (as theatres' and
//! ticket shops' pages do for search engines). The page is fetched under the fetch policy,
//! the first `Event` (or subtype, also inside `@graph`) is read into a draft event and
//! saved as a **draft** of the organisation, for a person to check and publish. The
//! page's URL is the record's id: importing it again updates the same draft.

use super::{ImportError, Outcome, Target, settle, store};
use crate::domain::calendar::ZONE;
use crate::domain::editor::{self, EventDraft, Place, Schedule};
use crate::domain::event::{Price, Wish};
use crate::fetch::{self, FetchPolicy, Fetched};
use crate::service::Services;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde_json::Value;

/// The JSON-LD blocks of an HTML page.
pub fn json_ld_blocks(html: &str) -> Vec<Value> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find("<script") {
        let tag_start = from + start;
        let Some(tag_end) = lower[tag_start..].find('>').map(|i| tag_start + i + 1) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|i| tag_end + i) else {
            break;
        };
        if lower[tag_start..tag_end].contains("application/ld+json")
            && let Ok(v) = serde_json::from_str::<Value>(html[tag_end..close].trim())
        {
            out.push(v);
        }
        from = close + 1;
    }
    out
}

fn is_event_type(t: &Value) -> bool {
    let one = |s: &str| s.ends_with("Event") || s == "Festival";
    match t {
        Value::String(s) => one(s),
        Value::Array(list) => list.iter().filter_map(Value::as_str).any(one),
        _ => false,
    }
}

/// The first `Event` in the blocks, searching arrays and `@graph`.
pub fn first_event(blocks: &[Value]) -> Option<&Value> {
    fn find(v: &Value) -> Option<&Value> {
        match v {
            Value::Array(list) => list.iter().find_map(find),
            Value::Object(map) => {
                if map.get("@type").is_some_and(is_event_type) {
                    return Some(v);
                }
                map.get("@graph").and_then(find)
            }
            _ => None,
        }
    }
    blocks.iter().find_map(find)
}

/// A schema.org date or date-time in Bochum time; `None` for the time of a bare date.
fn local_when(s: &str) -> Option<(NaiveDate, Option<String>)> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        let l = t.with_timezone(&ZONE);
        return Some((l.date_naive(), Some(l.format("%H:%M").to_string())));
    }
    for f in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, f) {
            let l = ZONE.from_local_datetime(&n).earliest()?;
            return Some((l.date_naive(), Some(l.format("%H:%M").to_string())));
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .map(|d| (d, None))
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.trim().to_owned(),
        Value::Array(list) => list.first().map(text).unwrap_or_default(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// A draft of the organisation from an `Event` object.
pub fn draft_of(
    event: &Value,
    target: &Target,
    fallback_place: &str,
) -> Result<EventDraft, String> {
    fill_draft(target.draft(), event, &target.venues, fallback_place)
}

/// `draft` filled from a schema.org `Event` object (name, description, startDate and
/// endDate in Bochum time, location matched to the directory's `venues`, offers).
pub fn fill_draft(
    mut draft: EventDraft,
    event: &Value,
    venues: &[crate::db::venues::VenueRow],
    fallback_place: &str,
) -> Result<EventDraft, String> {
    draft.title = text(&event["name"]);
    draft.description = text(&event["description"]).replace("\r\n", "\n");
    let Some((day, start)) = local_when(&text(&event["startDate"])) else {
        return Err("Das Ereignis nennt kein lesbares Anfangsdatum (startDate).".into());
    };
    let start = start.as_deref().and_then(editor::parse_time);
    let (end_day, end_time) = match local_when(&text(&event["endDate"])) {
        Some((d, t)) => (
            (d != day).then_some(d),
            t.as_deref().and_then(editor::parse_time),
        ),
        None => (None, None),
    };
    draft.schedule = editor::one_date(day, start, end_day, start.and(end_time))
        .map(|slot| Schedule::Dates(vec![slot]));
    if draft.schedule.is_none() {
        return Err("Das Ende (endDate) liegt vor dem Anfang (startDate).".into());
    }
    // The place: a venue of the directory by name or street, or the words of the page.
    let location = match &event["location"] {
        Value::Array(list) => list.first().cloned().unwrap_or(Value::Null),
        other => other.clone(),
    };
    let name = text(&location["name"]);
    let address = &location["address"];
    let street = text(&address["streetAddress"]);
    let words: Vec<String> = [
        name.clone(),
        street.clone(),
        [
            text(&address["postalCode"]),
            text(&address["addressLocality"]),
        ]
        .join(" ")
        .trim()
        .to_owned(),
        if address.is_string() {
            text(address)
        } else {
            String::new()
        },
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    draft.place = Some(match super::venue_named(venues, &words.join(", ")) {
        Some(v) => Place::Venue(v),
        None if words.is_empty() => Place::Text(fallback_place.trim().to_owned()),
        None => Place::Text(words.join(", ")),
    });
    let offers = match &event["offers"] {
        Value::Array(list) => list.first().cloned().unwrap_or(Value::Null),
        other => other.clone(),
    };
    let low = text(&offers["lowPrice"]);
    let high = text(&offers["highPrice"]);
    let price = text(&offers["price"]);
    if event["isAccessibleForFree"] == Value::Bool(true) || price == "0" || price == "0.00" {
        draft.price = Price::Free;
    } else if !low.is_empty() || !price.is_empty() {
        let min = editor::parse_euros(if low.is_empty() { &price } else { &low });
        let max = if high.is_empty() {
            min
        } else {
            editor::parse_euros(&high)
        };
        if let (Some(min_cents), Some(max_cents)) = (min, max) {
            draft.price = Price::Range {
                min_cents,
                max_cents,
            };
        }
    }
    let ticket = text(&offers["url"]);
    if ticket.starts_with("https://") || ticket.starts_with("http://") {
        draft.ticket_url = ticket;
    }
    Ok(draft)
}

/// Fetches `url`, reads its first event and saves it as a draft of `org_slug`. Returns the
/// event's id and whether it was new.
pub async fn from_page(
    svc: &Services,
    policy: &FetchPolicy,
    url: &str,
    org_slug: &str,
    fallback_category: &str,
    now: DateTime<Utc>,
) -> Result<(i64, Outcome), ImportError> {
    let bytes = match fetch::get(policy, url, None, None).await {
        Ok(Fetched::Body { bytes, .. }) => bytes,
        Ok(Fetched::NotModified) => Vec::new(),
        Err(e) => return Err(ImportError::NoEvent(e.to_string())),
    };
    let html = String::from_utf8_lossy(&bytes);
    let blocks = json_ld_blocks(&html);
    let Some(event) = first_event(&blocks) else {
        return Err(ImportError::NoEvent(
            "Auf der Seite steht kein schema.org-Event (JSON-LD).".into(),
        ));
    };
    let target = Target::load(&svc.db, org_slug, fallback_category).await?;
    let draft = draft_of(event, &target, url).map_err(ImportError::NoEvent)?;
    let input = target
        .check(draft, now)
        .map_err(|errors| ImportError::NoEvent(crate::i18n::german(&errors)))?;
    let external = format!("page:{}", url.trim());
    // A new page is a draft for a person to check; one imported again stays as it is.
    let existing =
        crate::db::api_tokens::event_by_external_id(&svc.db, target.org.id, &external).await?;
    let wish = match existing {
        Some(id) => match crate::db::event_writes::editable(&svc.db, id).await? {
            Some(e) if e.status.is_public() => Wish::Publish,
            _ => Wish::Draft,
        },
        None => Wish::Draft,
    };
    let stored = store(
        svc,
        &target,
        &input,
        &external,
        url.trim().to_owned(),
        wish,
        "",
    )
    .await?;
    settle(svc, &stored).await?;
    Ok((stored.id, stored.outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_found_in_graphs_and_lists_and_dates_read_in_bochum_time() {
        let html = r#"<html><head>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"X"}</script>
            <SCRIPT type='application/ld+json'>
            {"@graph":[{"@type":"WebPage"},{"@type":["MusicEvent"],"name":"Trio"}]}
            </SCRIPT><script>var x = "</script>";</script></head></html>"#;
        let blocks = json_ld_blocks(html);
        assert_eq!(blocks.len(), 2);
        assert_eq!(
            first_event(&blocks).map(|e| text(&e["name"])).as_deref(),
            Some("Trio")
        );
        assert_eq!(
            local_when("2026-12-05T18:30:00Z").map(|(d, t)| (d.to_string(), t)),
            Some(("2026-12-05".into(), Some("19:30".into())))
        );
        assert_eq!(
            local_when("2026-07-05T19:30:00+02:00").map(|(_, t)| t),
            Some(Some("19:30".into()))
        );
        assert_eq!(local_when("2026-12-05").map(|(_, t)| t), Some(None));
        assert!(first_event(&json_ld_blocks("<p>nichts</p>")).is_none());
    }
}
