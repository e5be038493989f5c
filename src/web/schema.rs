//! schema.org JSON-LD for search engines and OpenGraph/share data for social media: one
//! `Event` (of the subtype that fits the Sparte) per coming date, with place, address,
//! geo, status, attendance mode, image, offers and organiser; `Place` for venues.

use crate::db::event_details::{EventDetail, OccurrenceRow};
use crate::db::venues::VenueRow;
use crate::domain::calendar;
use crate::domain::event::{OccurrenceStatus, Price};
use crate::web::images::ImageView;
use crate::web::listing::instant;
use serde_json::{Value, json};

/// The schema.org type for an event's first Sparte.
pub fn event_type(sparten: &[String]) -> &'static str {
    for s in sparten {
        let t = match s.as_str() {
            "theater" => "TheaterEvent",
            "musik" | "clubkultur" => "MusicEvent",
            "tanz" => "DanceEvent",
            "ausstellung" | "bildende-kunst" => "ExhibitionEvent",
            "literatur" => "LiteraryEvent",
            "film" => "ScreeningEvent",
            "kabarett-comedy" => "ComedyEvent",
            "kinder-familie" => "ChildrensEvent",
            "festival" => "Festival",
            "workshop-bildung" | "vortrag-gespraech" => "EducationEvent",
            "performance" => "TheaterEvent",
            "soziokultur" => "SocialEvent",
            _ => continue,
        };
        return t;
    }
    "Event"
}

/// Keeps `</script>` and friends out of an inline JSON block.
pub fn script_safe(v: &Value) -> String {
    v.to_string()
        .replace("</", "<\\/")
        .replace("<!--", "<\\!--")
}

fn postal_address(v: &VenueRow) -> Value {
    json!({
        "@type": "PostalAddress",
        "streetAddress": v.street,
        "postalCode": v.postal_code,
        "addressLocality": v.city,
        "addressRegion": "Nordrhein-Westfalen",
        "addressCountry": "DE",
    })
}

/// A venue as a schema.org `Place`.
pub fn place(v: &VenueRow, base: &str) -> Value {
    let mut p = json!({
        "@context": "https://schema.org",
        "@type": "Place",
        "name": v.name,
        "address": postal_address(v),
    });
    if v.status == crate::domain::venue::VenueStatus::Published {
        p["url"] = json!(format!("{base}/orte/{}", v.slug));
    }
    if let (Some(lat), Some(lon)) = (v.lat, v.lon) {
        p["geo"] = json!({ "@type": "GeoCoordinates", "latitude": lat, "longitude": lon });
    }
    if !v.website.is_empty() {
        p["sameAs"] = json!(v.website);
    }
    p
}

/// Plain text from Markdown, shortened for descriptions and previews.
pub fn plain_text(markdown: &str, max: usize) -> String {
    let text: String = markdown
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '#' | '`' | '>' | '[' | ']'))
        .collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > max {
        let cut: String = text.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    } else {
        text
    }
}

/// One `Event` per coming date (at most `dates.len()`), as a JSON-LD array.
pub fn events(d: &EventDetail, dates: &[OccurrenceRow], images: &[ImageView], base: &str) -> Value {
    let e = &d.event;
    let url = format!("{base}/veranstaltungen/{}", e.slug);
    let sparten: Vec<String> = d.categories.iter().map(|c| c.slug.clone()).collect();
    let kind = event_type(&sparten);
    let location = match &d.venue {
        Some(v) => {
            let mut p = place(v, base);
            if let Some(o) = p.as_object_mut() {
                o.remove("@context");
            }
            p
        }
        None => json!({ "@type": "Place", "name": e.location_text, "address": e.location_text }),
    };
    let online = !e.online_url.is_empty();
    let mode = match (online, d.venue.is_some() || !e.location_text.is_empty()) {
        (true, true) => "https://schema.org/MixedEventAttendanceMode",
        (true, false) => "https://schema.org/OnlineEventAttendanceMode",
        _ => "https://schema.org/OfflineEventAttendanceMode",
    };
    let price = Price::from_columns(
        &e.price_kind,
        e.price_min_cents,
        e.price_max_cents,
        &e.price_text,
    );
    let description = plain_text(&format!("{} {}", e.subtitle, e.description), 500);
    let organizers: Vec<Value> = d
        .organizers
        .iter()
        .map(|o| {
            json!({
                "@type": "Organization",
                "name": o.name,
                "url": format!("{base}/veranstaltungen?veranstalter={}", o.slug),
            })
        })
        .collect();
    let image: Vec<String> = images
        .iter()
        .map(|i| {
            let largest = i.srcset.split(", ").last().unwrap_or(&i.src);
            format!("{base}{}", largest.split(' ').next().unwrap_or(&i.src))
        })
        .collect();
    let list: Vec<Value> = dates
        .iter()
        .map(|o| {
            let status = o.status;
            let mut ev = json!({
                "@context": "https://schema.org",
                "@type": kind,
                "name": e.title,
                "url": url,
                "description": description,
                "startDate": if o.all_day {
                    calendar::local_date(instant(o.starts_at)).format("%Y-%m-%d").to_string()
                } else {
                    calendar::rfc3339_local(instant(o.starts_at))
                },
                "endDate": if o.all_day {
                    calendar::local_date(instant(o.ends_at)).format("%Y-%m-%d").to_string()
                } else {
                    calendar::rfc3339_local(instant(o.ends_at.max(o.starts_at)))
                },
                "eventStatus": match status {
                    OccurrenceStatus::Cancelled => "https://schema.org/EventCancelled",
                    OccurrenceStatus::Postponed => "https://schema.org/EventPostponed",
                    _ => "https://schema.org/EventScheduled",
                },
                "eventAttendanceMode": mode,
                "location": location,
                "inLanguage": e.languages.split(',').filter(|l| !l.is_empty() && *l != "dgs").collect::<Vec<_>>(),
            });
            if !organizers.is_empty() {
                ev["organizer"] = json!(organizers);
            }
            if !image.is_empty() {
                ev["image"] = json!(image);
            }
            let offer_url = if e.ticket_url.is_empty() { url.clone() } else { e.ticket_url.clone() };
            let availability = if status == OccurrenceStatus::SoldOut {
                "https://schema.org/SoldOut"
            } else {
                "https://schema.org/InStock"
            };
            let offer = match &price {
                Price::Free => Some(json!({ "@type": "Offer", "price": "0", "priceCurrency": "EUR", "url": offer_url, "availability": availability })),
                Price::Range { min_cents, max_cents } if min_cents == max_cents => Some(json!({
                    "@type": "Offer", "price": format!("{:.2}", *min_cents as f64 / 100.0), "priceCurrency": "EUR",
                    "url": offer_url, "availability": availability,
                })),
                Price::Range { min_cents, max_cents } => Some(json!({
                    "@type": "AggregateOffer", "lowPrice": format!("{:.2}", *min_cents as f64 / 100.0),
                    "highPrice": format!("{:.2}", *max_cents as f64 / 100.0), "priceCurrency": "EUR",
                    "url": offer_url, "availability": availability,
                })),
                Price::Text { .. } | Price::Unknown => None,
            };
            if let Some(offer) = offer {
                ev["offers"] = offer;
            }
            ev
        })
        .collect();
    Value::Array(list)
}

/// A link to share a page on one service: a plain link, no third-party script.
#[derive(Clone)]
pub struct ShareLink {
    pub label: &'static str,
    pub href: String,
}

impl ShareLink {
    /// The service's name in the portal's redirect (`/weiter/teilen/{slug}/{key}`).
    pub fn key(&self) -> String {
        self.label.to_lowercase()
    }

    /// The link as the page shows it: web services through the portal's counting
    /// redirect when the event has a public address (`slug`), else directly; the redirect
    /// in the page's language like every link of the page.
    pub fn via(&self, slug: &str, lang: &crate::i18n::Lang) -> String {
        if slug.is_empty() || !self.href.starts_with("https://") {
            self.href.clone()
        } else {
            lang.href(format!("/weiter/teilen/{slug}/{}", self.key()))
        }
    }
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Share links for a page with `title` at `url`.
pub fn share_links(title: &str, url: &str) -> Vec<ShareLink> {
    let text = format!("{title} – {url}");
    vec![
        ShareLink {
            label: "E-Mail",
            href: format!("mailto:?subject={}&body={}", enc(title), enc(&text)),
        },
        ShareLink {
            label: "WhatsApp",
            href: format!("https://wa.me/?text={}", enc(&text)),
        },
        ShareLink {
            label: "Telegram",
            href: format!(
                "https://t.me/share/url?url={}&text={}",
                enc(url),
                enc(title)
            ),
        },
        ShareLink {
            label: "Signal",
            href: format!("sgnl://send?text={}", enc(&text)),
        },
        ShareLink {
            label: "Facebook",
            href: format!("https://www.facebook.com/sharer/sharer.php?u={}", enc(url)),
        },
    ]
}

/// A Mastodon instance as the visitor typed it: a host name, nothing else.
pub fn mastodon_host(input: &str) -> Option<String> {
    let host = input
        .trim()
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches('@')
        .trim_end_matches('/');
    // „name@instanz.social“ → the instance.
    let host = host.rsplit('@').next().unwrap_or(host).to_lowercase();
    let ok = host.len() <= 253
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    ok.then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mastodon_instances_are_host_names_only() {
        assert_eq!(
            mastodon_host("https://chaos.social/"),
            Some("chaos.social".into())
        );
        assert_eq!(
            mastodon_host("@ada@Ruhr.Social"),
            Some("ruhr.social".into())
        );
        assert_eq!(mastodon_host("evil.example/phish?x"), None);
        assert_eq!(mastodon_host("localhost"), None);
    }

    #[test]
    fn inline_json_cannot_close_its_script() {
        let v = json!({ "name": "</script><script>alert(1)</script>" });
        assert!(!script_safe(&v).contains("</script>"));
    }

    #[test]
    fn sparten_pick_the_event_type() {
        assert_eq!(event_type(&["musik".into()]), "MusicEvent");
        assert_eq!(
            event_type(&["unbekannt".into(), "tanz".into()]),
            "DanceEvent"
        );
        assert_eq!(event_type(&[]), "Event");
    }
}
