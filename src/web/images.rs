//! Images in the browser: the upload in the editor (checked, re-encoded, stored through
//! the media seam), the `srcset` on event pages, and `/medien/{key}` with a year-long
//! cache (keys are content hashes, so a key's bytes never change).

use crate::db::images::{self, NewImage};
use crate::domain::account::{FieldErrors, Message};
use crate::domain::editor::EventInput;
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::media::{self, ImageError, Limits, MediaKey, Processed};
use crate::web::AppState;
use crate::web::editor::form::Upload;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// One image as a page shows it.
#[derive(Clone)]
pub struct ImageView {
    pub id: i64,
    pub src: String,
    pub srcset: String,
    pub width: i64,
    pub height: i64,
    pub alt: String,
    pub credit: String,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct StoredJson {
    key: String,
    width: u32,
    height: u32,
}

/// An upload that passed every check, waiting for its event to be saved.
pub struct Accepted {
    original: Vec<u8>,
    processed: Processed,
    alt: String,
    credit: String,
}

fn add_error(outcome: &mut Result<EventInput, FieldErrors>, field: &'static str, message: Message) {
    match outcome {
        Ok(_) => {
            let mut errors = FieldErrors::default();
            errors.add(field, message);
            *outcome = Err(errors);
        }
        Err(errors) => errors.add(field, message),
    }
}

/// How long an upload waits for a free decoding slot before the answer is 503.
const DECODE_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

/// Checks an upload with its alt text (from the fields `{prefix}_alt` and
/// `{prefix}_credit`); a problem is the field and a message (a Fluent id). At most
/// `state.image_decodes` uploads are decoded at once; the others wait a little, then get
/// [`AppError::Busy`] (503 with Retry-After).
pub async fn accept(
    state: &AppState,
    form: &FormData,
    upload: Upload,
    alt_field: &'static str,
    credit_field: &str,
) -> Result<Result<Accepted, (&'static str, Message)>, AppError> {
    let alt = form.trimmed(alt_field).to_owned();
    let credit: String = form.trimmed(credit_field).chars().take(120).collect();
    if alt.chars().count() < 3 {
        return Ok(Err((alt_field, Message::new("image-alt-missing"))));
    }
    let slot = tokio::time::timeout(DECODE_WAIT, state.image_decodes.clone().acquire_owned())
        .await
        .map_err(|_| AppError::Busy)?
        .map_err(|e| AppError::Internal(e.into()))?;
    let bytes = upload.bytes;
    let joined = tokio::task::spawn_blocking(move || {
        let r = media::process(&bytes, &Limits::default());
        drop(slot);
        (r, bytes)
    })
    .await;
    let Ok((result, bytes)) = joined else {
        return Ok(Err(("image", Message::new("image-not-processed"))));
    };
    Ok(match result {
        Ok(processed) => Ok(Accepted {
            original: bytes,
            processed,
            alt: alt.chars().take(300).collect(),
            credit,
        }),
        Err(e) => Err(("image", image_message(&e))),
    })
}

/// Why an upload was refused, as a message of the interface. Sizes that are not whole
/// megabytes keep the German wording of [`ImageError::german`].
fn image_message(e: &ImageError) -> Message {
    const MIB: usize = 1024 * 1024;
    match e {
        ImageError::TooLarge { max_bytes } if max_bytes.is_multiple_of(MIB) => {
            Message::new("image-too-large").with("max", format!("{} MB", max_bytes / MIB))
        }
        ImageError::TooManyPixels {
            max_pixels,
            max_side,
        } if max_pixels.is_multiple_of(1_000_000) => Message::new("image-too-many-pixels")
            .with("megapixels", max_pixels / 1_000_000)
            .with("side_de", grouped(u64::from(*max_side), '.'))
            .with("side_en", grouped(u64::from(*max_side), ',')),
        ImageError::Unsupported => Message::new("image-unsupported"),
        ImageError::Corrupt(_) => Message::new("image-corrupt"),
        ImageError::Processing(_) => Message::new("image-processing-failed"),
        other => Message::new(other.german()),
    }
}

/// Groups thousands: 12000 → „12.000“ (German) or "12,000" (English).
fn grouped(value: u64, separator: char) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// Checks an upload with its alt text; problems become field messages in `outcome`.
pub async fn check_upload(
    state: &AppState,
    form: &FormData,
    upload: Option<Upload>,
    outcome: &mut Result<EventInput, FieldErrors>,
) -> Result<Option<Accepted>, AppError> {
    let Some(upload) = upload else {
        return Ok(None);
    };
    match accept(state, form, upload, "image_alt", "image_credit").await? {
        Ok(accepted) => Ok(Some(accepted)),
        Err((field, message)) => {
            add_error(outcome, field, message);
            Ok(None)
        }
    }
}

impl Accepted {
    pub fn alt(&self) -> &str {
        &self.alt
    }

    pub fn credit(&self) -> &str {
        &self.credit
    }
}

/// Stores the variants; returns them as the JSON the database keeps.
pub async fn store(state: &AppState, image: &Accepted) -> Result<String, AppError> {
    let stored = media::store_processed(state.media.as_ref(), &image.original, &image.processed)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let variants: Vec<StoredJson> = stored
        .iter()
        .map(|v| StoredJson {
            key: v.key.as_str().to_owned(),
            width: v.width,
            height: v.height,
        })
        .collect();
    serde_json::to_string(&variants).map_err(|e| AppError::Internal(e.into()))
}

/// Stores the variants and links the image to the event.
pub async fn attach(
    state: &AppState,
    event_id: i64,
    image: Accepted,
    actor: Option<i64>,
) -> Result<(), AppError> {
    let variants = store(state, &image).await?;
    images::add(
        &state.db,
        event_id,
        NewImage {
            alt: &image.alt,
            credit: &image.credit,
            width: i64::from(image.processed.width),
            height: i64::from(image.processed.height),
            variants,
        },
        actor,
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(())
}

/// Removes the images ticked „Bild entfernen“ and says whether any were. Their files go
/// too unless another picture shows the same image (keys are content hashes).
pub async fn remove_marked(
    state: &AppState,
    event_id: i64,
    form: &FormData,
    actor: i64,
) -> Result<bool, AppError> {
    let ids: Vec<i64> = form
        .all("remove_image")
        .iter()
        .filter_map(|v| v.parse().ok())
        .collect();
    if ids.is_empty() {
        return Ok(false);
    }
    let gone: Vec<String> = images::of_event(&state.db, event_id)
        .await?
        .into_iter()
        .filter(|r| ids.contains(&r.id))
        .map(|r| r.variants)
        .collect();
    images::remove(
        &state.db,
        event_id,
        &ids,
        actor,
        state.clock.now().timestamp(),
    )
    .await?;
    for variants in gone {
        forget_files(state, &variants).await?;
    }
    Ok(true)
}

/// Deletes the stored files of a picture no longer shown (`variants`: the stored JSON),
/// unless another picture still uses the same image.
pub async fn forget_files(state: &AppState, variants: &str) -> Result<(), AppError> {
    let Ok(variants) = serde_json::from_str::<Vec<StoredJson>>(variants) else {
        return Ok(());
    };
    for v in variants {
        let Some(key) = media::MediaKey::parse(&v.key) else {
            continue;
        };
        let hash = &v.key[..media::MediaKey::HASH_LEN];
        if images::hash_in_use(&state.db, hash).await? {
            continue;
        }
        state
            .media
            .delete(&key)
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    Ok(())
}

/// The images of an event as pages show them.
pub async fn of_event(state: &AppState, event_id: i64) -> Result<Vec<ImageView>, AppError> {
    let rows = images::of_event(&state.db, event_id).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| ImageView::from_variants(r.id, &r.variants, r.alt, r.credit))
        .collect())
}

impl ImageView {
    /// An image from the stored JSON list of variants (narrowest first); `None` when the
    /// list is empty or unreadable.
    pub fn from_variants(id: i64, json: &str, alt: String, credit: String) -> Option<ImageView> {
        let variants: Vec<StoredJson> = serde_json::from_str(json).ok()?;
        let largest = variants.last()?;
        let middle = variants.get(variants.len().saturating_sub(2))?;
        Some(ImageView {
            id,
            src: format!("/medien/{}", middle.key),
            srcset: variants
                .iter()
                .map(|v| format!("/medien/{} {}w", v.key, v.width))
                .collect::<Vec<_>>()
                .join(", "),
            width: i64::from(largest.width),
            height: i64::from(largest.height),
            alt,
            credit,
        })
    }

    /// The smallest variant, for logos and thumbnails.
    pub fn smallest(json: &str) -> Option<String> {
        let variants: Vec<StoredJson> = serde_json::from_str(json).ok()?;
        variants.first().map(|v| format!("/medien/{}", v.key))
    }
}

/// `GET /medien/{key}`: a stored variant, cached for a year.
pub async fn serve(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Response, AppError> {
    let key = MediaKey::parse(&key).ok_or(AppError::NotFound)?;
    let bytes = state
        .media
        .get(&key)
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .ok_or(AppError::NotFound)?;
    let mut response = ([(header::CONTENT_TYPE, key.content_type())], bytes).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
