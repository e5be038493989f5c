//! The picture of an event, decided in one place for every view: its own picture, else
//! its organiser's logo, else its venue's photo, else a poster drawn from its title,
//! dates, place and Sparte. [`pictures_for`] answers for a whole list in five queries.
//!
//! Derived pictures are made on first request and then stored like upload variants:
//! - `/medien/plakat/{event}/{key}`: a poster variant; the key is the hash of what the
//!   poster shows, so a changed event links a new poster and the old one stays valid;
//! - `/medien/zuschnitt/{key}`: a stored picture cut to 1200 × 630 for link previews.
//!
//! Pages only build these addresses (no drawing, no storage call per request).

use crate::db::images::{self, EventPictureRow, PictureSources};
use crate::domain::calendar;
use crate::domain::category;
use crate::error::AppError;
use crate::media::poster::{self, Poster};
use crate::media::{self, MediaKey};
use crate::web::AppState;
use crate::web::i18n::Lang;
use crate::web::images::ImageView;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::DateTime;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Where an event's picture comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Own,
    OrganizerLogo,
    VenuePhoto,
    Poster,
}

/// The picture of an event as a view shows it: a `srcset` with its size and alt text.
#[derive(Debug, Clone)]
pub struct Picture {
    pub source: Source,
    pub src: String,
    pub srcset: String,
    pub width: i64,
    pub height: i64,
    pub alt: String,
    /// „Foto: …“ as entered (empty for logos and posters).
    pub credit: String,
    /// A 1200 × 630 picture for link previews, as a path on this site.
    pub og: String,
}

/// The pictures of many events at once (events that do not exist are left out).
pub async fn pictures_for(
    state: &AppState,
    ids: &[i64],
) -> Result<HashMap<i64, Picture>, AppError> {
    Ok(pictures_in(&state.db, ids, Lang::current()).await?)
}

/// [`pictures_for`] for a list that has read its events' Sparten already.
pub async fn pictures_with(
    state: &AppState,
    ids: &[i64],
    sparten: HashMap<i64, Vec<crate::db::events::Labelled>>,
) -> Result<HashMap<i64, Picture>, AppError> {
    let sources = images::picture_sources_with(&state.db, ids, sparten).await?;
    let lang = Lang::current();
    Ok(sources
        .events
        .iter()
        .map(|e| (e.id, choose(e, &sources, lang)))
        .collect())
}

/// The pictures of many events, for a language (pages, and the fediverse's objects).
pub async fn pictures_in(
    db: &crate::db::Db,
    ids: &[i64],
    lang: Lang,
) -> Result<HashMap<i64, Picture>, crate::db::DbError> {
    let sources = images::picture_sources(db, ids).await?;
    Ok(sources
        .events
        .iter()
        .map(|e| (e.id, choose(e, &sources, lang)))
        .collect())
}

/// The picture of one event.
pub async fn picture_for(state: &AppState, id: i64) -> Result<Option<Picture>, AppError> {
    Ok(pictures_for(state, &[id]).await?.remove(&id))
}

#[derive(serde::Deserialize)]
struct StoredJson {
    key: String,
}

/// The key of the widest stored variant.
pub(crate) fn widest(json: &str) -> Option<String> {
    let variants: Vec<StoredJson> = serde_json::from_str(json).ok()?;
    variants.last().map(|v| v.key.clone())
}

fn from_stored(source: Source, json: &str, alt: &str, credit: &str, og: String) -> Option<Picture> {
    let view = ImageView::from_variants(0, json, alt.to_owned(), credit.to_owned())?;
    Some(Picture {
        source,
        src: view.src,
        srcset: view.srcset,
        width: view.width,
        height: view.height,
        alt: view.alt,
        credit: view.credit,
        og,
    })
}

/// The fallback order: own picture > organiser's logo > venue's photo > poster. Link
/// previews show photos cut to 1200 × 630; a logo would be cut badly, so events whose
/// picture is a logo are previewed with their poster.
fn choose(e: &EventPictureRow, s: &PictureSources, lang: Lang) -> Picture {
    let poster = poster_of(e, s);
    let hash = poster.hash();
    let poster_og = poster_path(e.id, &hash, poster::WIDTH);
    let own = s.own.get(&e.id).and_then(|i| {
        let og = widest(&i.variants)
            .map(|k| cover_path(&k))
            .unwrap_or_default();
        from_stored(Source::Own, &i.variants, &i.alt, &i.credit, og)
    });
    let logo = || {
        s.logos.get(&e.id).and_then(|l| {
            let alt = if l.logo_alt.is_empty() {
                lang.t_args("logo-alt", &[("name", &l.name)])
            } else {
                l.logo_alt.clone()
            };
            from_stored(Source::OrganizerLogo, &l.logo, &alt, "", poster_og.clone())
        })
    };
    let venue = || {
        let json = e.venue_image.as_deref().unwrap_or_default();
        let og = widest(json).map(|k| cover_path(&k)).unwrap_or_default();
        let alt = e.venue_image_alt.as_deref().unwrap_or_default();
        from_stored(Source::VenuePhoto, json, alt, "", og)
    };
    own.or_else(logo).or_else(venue).unwrap_or_else(|| {
        let widths = [480, 960, poster::WIDTH];
        Picture {
            source: Source::Poster,
            src: poster_path(e.id, &hash, 960),
            srcset: widths
                .iter()
                .map(|w| format!("{} {w}w", poster_path(e.id, &hash, *w)))
                .collect::<Vec<_>>()
                .join(", "),
            width: i64::from(poster::WIDTH),
            height: i64::from(poster::HEIGHT),
            alt: {
                // The alt text in the page's language (the poster itself is German).
                let date = s
                    .spans
                    .get(&e.id)
                    .map(|span| date_line(span, lang.dates()))
                    .unwrap_or_default();
                let details = [date.as_str(), poster.place.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                lang.t_args(
                    "poster-alt",
                    &[("title", &poster.title), ("details", &details)],
                )
            },
            credit: String::new(),
            og: poster_og.clone(),
        }
    })
}

fn poster_path(event: i64, hash: &str, width: u32) -> String {
    format!("/medien/plakat/{event}/{hash}-{width}.jpg")
}

fn cover_path(key: &str) -> String {
    format!("/medien/zuschnitt/{key}")
}

/// What the poster of `e` shows (German: a poster is the event's own print).
fn poster_of(e: &EventPictureRow, s: &PictureSources) -> Poster {
    let (slug, sparte) = s
        .sparten
        .get(&e.id)
        .and_then(|c| c.first())
        .map(|c| (c.slug.clone(), c.name.clone()))
        .unwrap_or_default();
    Poster {
        title: e.title.clone(),
        sparte,
        date: s
            .spans
            .get(&e.id)
            .map(|span| date_line(span, calendar::DateLocale::De))
            .unwrap_or_default(),
        place: e
            .venue_name
            .clone()
            .unwrap_or_else(|| e.location_text.clone()),
        colours: category::colours(&slug),
    }
}

/// „Sa., 5. Dezember 2026, 19:30 Uhr“ for one date, „Samstag, 5. Dezember 2026“ for one
/// day, else the span of days („5. Dezember 2026 – 28. Februar 2027“).
fn date_line(span: &images::SpanRow, locale: calendar::DateLocale) -> String {
    let at = |ts: i64| DateTime::from_timestamp(ts, 0).unwrap_or_default();
    if span.dates == 1 && span.all_day == 0 {
        return calendar::date_time_in(at(span.first_start), locale);
    }
    let first = calendar::local_date(at(span.first_start));
    let last = if span.all_day == 0 {
        calendar::local_date(at(span.last_start))
    } else {
        calendar::local_date(at((span.last_end - 1).max(span.first_start)))
    };
    let day = |d| {
        let long = calendar::long_date_in(d, locale);
        long.split_once(", ")
            .map(|(_, rest)| rest.to_owned())
            .unwrap_or(long)
    };
    if first == last {
        calendar::long_date_in(first, locale)
    } else {
        format!("{} – {}", day(first), day(last))
    }
}

fn image_response(key: &MediaKey, bytes: Vec<u8>) -> Response {
    let mut response = ([(header::CONTENT_TYPE, key.content_type())], bytes).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    response
}

fn internal(e: impl Into<anyhow::Error>) -> AppError {
    AppError::Internal(e.into())
}

/// `GET /medien/plakat/{event}/{key}`: a poster variant, drawn and stored on first
/// request when the key is the hash of what the event's poster shows now.
pub async fn poster(
    State(state): State<AppState>,
    Path((event, key)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let key = MediaKey::parse(&key).ok_or(AppError::NotFound)?;
    if let Some(bytes) = state.media.get(&key).await.map_err(internal)? {
        return Ok(image_response(&key, bytes));
    }
    let sources = images::picture_sources(&state.db, &[event]).await?;
    let e = sources.events.first().ok_or(AppError::NotFound)?;
    let poster = poster_of(e, &sources);
    if !key.as_str().starts_with(&format!("{}-", poster.hash())) {
        return Err(AppError::NotFound);
    }
    let spec = poster.spec();
    let processed = tokio::task::spawn_blocking(move || poster.render())
        .await
        .map_err(internal)?
        .map_err(internal)?;
    let stored = media::store_processed(state.media.as_ref(), &spec, &processed)
        .await
        .map_err(internal)?;
    let bytes = stored
        .iter()
        .zip(processed.variants)
        .find(|(s, _)| s.key == key)
        .map(|(_, v)| v.bytes)
        .ok_or(AppError::NotFound)?;
    Ok(image_response(&key, bytes))
}

/// The key under which the 1200 × 630 cut of `source` is stored.
fn cover_key(source: &MediaKey) -> Option<MediaKey> {
    let hash = hex::encode(Sha256::digest(format!("cover-1200x630\n{source}")));
    MediaKey::new(&hash, poster::WIDTH, "jpg")
}

/// `GET /medien/zuschnitt/{key}`: a stored picture cut to 1200 × 630 (made and stored on
/// first request).
pub async fn cover(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Response, AppError> {
    let source = MediaKey::parse(&key).ok_or(AppError::NotFound)?;
    let derived = cover_key(&source).ok_or(AppError::NotFound)?;
    if let Some(bytes) = state.media.get(&derived).await.map_err(internal)? {
        return Ok(image_response(&derived, bytes));
    }
    let original = state
        .media
        .get(&source)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    let variant =
        tokio::task::spawn_blocking(move || media::cover(&original, poster::WIDTH, poster::HEIGHT))
            .await
            .map_err(internal)?
            .map_err(internal)?;
    state
        .media
        .put(&derived, variant.bytes.clone())
        .await
        .map_err(internal)?;
    Ok(image_response(&derived, variant.bytes))
}
