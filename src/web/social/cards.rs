//! The social-media pictures of an event or article ([`crate::media::social`]): what a
//! card shows, decided here from the same sources as every other picture of an event
//! (its own picture, else its venue's photo, else the Sparte's colours); made on first
//! request within the image-decoding bound and stored; served publicly under their key
//! (`/medien/sozial/{veranstaltung|artikel}/{id}/{key}`, the address the fediverse
//! fetches) and as downloads with a file name.

use crate::db::images;
use crate::db::{self, Db};
use crate::domain::calendar;
use crate::domain::category;
use crate::error::AppError;
use crate::media::MediaKey;
use crate::media::social::{Card, Format};
use crate::web::AppState;
use crate::web::pictures::widest;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::DateTime;

/// How long a picture waits for a free decoding slot before the answer is 503.
const WAIT: std::time::Duration = std::time::Duration::from_secs(20);

/// A card with the alt text that goes with it and the file name's stem.
pub struct Made {
    pub card: Card,
    pub alt: String,
    pub slug: String,
}

/// „Sa., 12. Dezember, 19:30 Uhr“ for one date, „Sa., 12. Dezember“ for one day, else
/// „12. Dezember – 28. Februar“.
fn date_line(span: &images::SpanRow) -> String {
    let at = |ts: i64| DateTime::from_timestamp(ts, 0).unwrap_or_default();
    let first = calendar::local_date(at(span.first_start));
    if span.dates == 1 && span.all_day == 0 {
        return format!(
            "{}, {}",
            calendar::short_date(first),
            calendar::time_of_day(at(span.first_start))
        );
    }
    let last = if span.all_day == 0 {
        calendar::local_date(at(span.last_start))
    } else {
        calendar::local_date(at((span.last_end - 1).max(span.first_start)))
    };
    if first == last {
        return calendar::short_date(first);
    }
    let day = |d| {
        let s = calendar::short_date(d);
        s.split_once(", ").map(|(_, r)| r.to_owned()).unwrap_or(s)
    };
    format!("{} – {}", day(first), day(last))
}

/// The card of event `id` in `format` (None: no such event).
pub async fn event_card(db: &Db, id: i64, format: Format) -> Result<Option<Made>, db::DbError> {
    let sources = images::picture_sources(db, &[id]).await?;
    let Some(e) = sources.events.first() else {
        return Ok(None);
    };
    let (sparte_slug, sparte) = sources
        .sparten
        .get(&id)
        .and_then(|c| c.first())
        .map(|c| (c.slug.clone(), c.name.clone()))
        .unwrap_or_default();
    let own = sources.own.get(&id);
    let (photo, photo_alt) = match own.and_then(|i| widest(&i.variants).map(|k| (k, &i.alt))) {
        Some((key, alt)) => (Some(key), alt.clone()),
        None => (
            e.venue_image.as_deref().and_then(widest),
            e.venue_image_alt.clone().unwrap_or_default(),
        ),
    };
    let photo = photo.and_then(|k| MediaKey::parse(&k));
    let date = sources.spans.get(&id).map(date_line).unwrap_or_default();
    let place = e
        .venue_name
        .clone()
        .unwrap_or_else(|| e.location_text.clone());
    let slug: Option<(String,)> = db
        .fetch_optional("SELECT slug FROM events WHERE id = $1", &[id.into()])
        .await?;
    let alt = alt_text(
        &e.title,
        &[&date, &place],
        photo.as_ref().map(|_| photo_alt),
    );
    Ok(Some(Made {
        card: Card {
            format,
            title: e.title.clone(),
            label: sparte,
            date,
            place,
            colours: category::colours(&sparte_slug),
            photo,
        },
        alt,
        slug: slug.map(|s| s.0).unwrap_or_default(),
    }))
}

/// The alt text: what is written on the picture, and what the photo shows (its own alt
/// text, kept).
fn alt_text(title: &str, details: &[&str], photo_alt: Option<String>) -> String {
    let details: Vec<&str> = details.iter().copied().filter(|s| !s.is_empty()).collect();
    let mut alt = format!("„{title}“");
    if !details.is_empty() {
        alt.push_str(&format!(" – {}", details.join(", ")));
    }
    alt.push('.');
    if let Some(photo) = photo_alt.filter(|a| !a.trim().is_empty()) {
        alt.push_str(&format!(" Im Hintergrund: {}", photo.trim()));
        if !alt.ends_with(['.', '!', '?']) {
            alt.push('.');
        }
    }
    alt
}

/// The card of a public magazine article (None: no such public article).
pub async fn article_card(db: &Db, id: i64, format: Format) -> Result<Option<Made>, db::DbError> {
    let Some(a) = db::articles::by_id(db, id)
        .await?
        .filter(|a| a.state.is_approved())
    else {
        return Ok(None);
    };
    let sparte = match a.category_id {
        Some(c) => db::categories::all(db)
            .await?
            .into_iter()
            .find(|x| x.id == c)
            .map(|x| x.slug),
        None => None,
    };
    let photo = widest(&a.image).and_then(|k| MediaKey::parse(&k));
    let label = format!("Kulturmagazin · {}", a.rubric.label());
    let alt = alt_text(
        &a.title,
        &[&label],
        photo.as_ref().map(|_| a.image_alt.clone()),
    );
    Ok(Some(Made {
        card: Card {
            format,
            title: a.title.clone(),
            label,
            date: String::new(),
            place: String::new(),
            colours: category::colours(sparte.as_deref().unwrap_or_default()),
            photo,
        },
        alt,
        slug: a.slug,
    }))
}

fn internal(e: impl Into<anyhow::Error>) -> AppError {
    AppError::Internal(e.into())
}

/// The card's JPEG: stored, or drawn now (at most `image_decodes` at once) and stored.
pub async fn ensure(state: &AppState, card: &Card) -> Result<Vec<u8>, AppError> {
    let key = card.key().ok_or(AppError::NotFound)?;
    if let Some(bytes) = state.media.get(&key).await.map_err(internal)? {
        return Ok(bytes);
    }
    let photo = match &card.photo {
        Some(k) => state.media.get(k).await.map_err(internal)?,
        None => None,
    };
    let slot = tokio::time::timeout(WAIT, state.image_decodes.clone().acquire_owned())
        .await
        .map_err(|_| AppError::Busy)?
        .map_err(internal)?;
    let drawn = card.clone();
    let bytes = tokio::task::spawn_blocking(move || {
        let r = drawn.render(photo.as_deref());
        drop(slot);
        r
    })
    .await
    .map_err(internal)?
    .map_err(internal)?;
    state
        .media
        .put(&key, bytes.clone())
        .await
        .map_err(internal)?;
    Ok(bytes)
}

/// The public address of a card (what the fediverse's servers fetch).
pub fn public_path(kind: &str, id: i64, card: &Card) -> String {
    let key = card.key().map(|k| k.to_string()).unwrap_or_default();
    format!("/medien/sozial/{kind}/{id}/{key}")
}

/// `GET /medien/sozial/{kind}/{id}/{key}`: a card, when the key is what it shows now.
pub async fn serve(
    State(state): State<AppState>,
    Path((kind, id, key)): Path<(String, i64, String)>,
) -> Result<Response, AppError> {
    let key = MediaKey::parse(&key).ok_or(AppError::NotFound)?;
    for format in Format::ALL {
        let made = match kind.as_str() {
            "veranstaltung" => event_card(&state.db, id, format).await?,
            "artikel" => article_card(&state.db, id, format).await?,
            _ => return Err(AppError::NotFound),
        };
        let Some(made) = made else {
            return Err(AppError::NotFound);
        };
        if made.card.key().as_ref() == Some(&key) {
            let bytes = ensure(&state, &made.card).await?;
            let mut response = ([(header::CONTENT_TYPE, "image/jpeg")], bytes).into_response();
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            );
            return Ok(response);
        }
    }
    Err(AppError::NotFound)
}

/// A card as a download: `{slug}-{format}.jpg`, not cached by shared caches.
pub async fn download(state: &AppState, made: &Made) -> Result<Response, AppError> {
    let bytes = ensure(state, &made.card).await?;
    let name = format!("{}-{}.jpg", made.slug, made.card.format.key());
    let disposition =
        HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")).map_err(internal)?;
    let mut response = ([(header::CONTENT_TYPE, "image/jpeg")], bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_DISPOSITION, disposition);
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    Ok(response)
}
