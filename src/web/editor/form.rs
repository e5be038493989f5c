//! The editor form in the browser: reading what was sent (plain or with a file), showing
//! it again with messages, and filling it from a stored event.

use crate::db::event_writes::Editable;
use crate::domain::account::FieldErrors;
use crate::domain::calendar;
use crate::domain::category::Category;
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::web::i18n::Lang;
use crate::web::listing::instant;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use std::collections::BTreeMap;

/// An uploaded file.
pub struct Upload {
    pub bytes: Vec<u8>,
    /// The name the browser sent (may be empty; never trusted as a path).
    pub file_name: String,
    pub content_type: String,
}

/// A submitted form, urlencoded or multipart (with at most one image).
pub struct Submitted {
    pub form: FormData,
    pub upload: Option<Upload>,
}

impl<S: Send + Sync> FromRequest<S> for Submitted {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if !multipart {
            let bytes = axum::body::Bytes::from_request(req, state)
                .await
                .map_err(|_| AppError::TooLarge)?;
            return Ok(Submitted {
                form: FormData::from_urlencoded(&bytes),
                upload: None,
            });
        }
        let mut parts = Multipart::from_request(req, state)
            .await
            .map_err(|_| AppError::TooLarge)?;
        let mut pairs = Vec::new();
        let mut upload = None;
        loop {
            let field = match parts.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                    return Err(AppError::TooLarge);
                }
                Err(_) => break,
            };
            let name = field.name().unwrap_or("").to_owned();
            if let Some(file_name) = field.file_name().map(str::to_owned) {
                let content_type = field.content_type().unwrap_or("").to_owned();
                let bytes = field.bytes().await.map_err(|_| AppError::TooLarge)?;
                if !bytes.is_empty() && upload.is_none() {
                    upload = Some(Upload {
                        bytes: bytes.to_vec(),
                        file_name,
                        content_type,
                    });
                }
            } else {
                let text = field.text().await.unwrap_or_default();
                pairs.push((name, text));
            }
        }
        Ok(Submitted {
            form: FormData::new(pairs),
            upload,
        })
    }
}

/// The form as shown: the values and the messages, in the language of the request.
pub struct FormView {
    pub data: FormData,
    pub errors: FieldErrors,
    /// Each field's message in words, and `"de"` when the words are German on a page in
    /// another language (a message not yet translated).
    words: BTreeMap<&'static str, (String, &'static str)>,
}

impl FormView {
    pub fn new(data: FormData, errors: FieldErrors) -> FormView {
        let lang = Lang::current();
        let words = errors
            .0
            .iter()
            .map(|(field, m)| (*field, lang.message_marked(m)))
            .collect();
        FormView {
            data,
            errors,
            words,
        }
    }

    /// The value of a field.
    pub fn v(&self, name: &str) -> &str {
        self.data.get(name)
    }

    /// Whether a checkbox is ticked or an option chosen.
    pub fn on(&self, name: &str, value: impl AsRef<str>) -> bool {
        self.data.has(name, value.as_ref())
    }

    /// The message for a field ("" when it is fine).
    pub fn err(&self, name: &str) -> &str {
        self.words.get(name).map_or("", |(w, _)| w.as_str())
    }

    /// The `lang` of a field's message when it differs from the page's (`""` otherwise).
    pub fn err_lang(&self, name: &str) -> &'static str {
        self.words.get(name).map_or("", |(_, l)| l)
    }

    pub fn bad(&self, name: &str) -> bool {
        self.errors.get(name).is_some()
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// All messages, for the summary at the top of the form, with the `lang` of their
    /// words (`""`: the page's language).
    pub fn messages(&self) -> Vec<(&str, &str, &'static str)> {
        self.words
            .iter()
            .map(|(k, (v, l))| (*k, v.as_str(), *l))
            .collect()
    }
}

fn date_text(ts: i64) -> String {
    calendar::local_date(instant(ts))
        .format("%Y-%m-%d")
        .to_string()
}

fn time_text(ts: i64) -> String {
    instant(ts)
        .with_timezone(&calendar::ZONE)
        .format("%H:%M")
        .to_string()
}

/// The form filled from a stored event (for editing or as a copy).
pub fn from_event(e: &Editable, categories: &[Category]) -> FormData {
    let d = &e.detail;
    let ev = &d.event;
    let mut f = FormData::default();
    f.set("title", ev.title.clone());
    f.set("subtitle", ev.subtitle.clone());
    f.set("title_en", ev.title_en.clone());
    f.set("subtitle_en", ev.subtitle_en.clone());
    f.set("description_en", ev.description_en.clone());
    f.set("description", ev.description.clone());
    for c in &d.categories {
        if let Some(k) = categories.iter().find(|k| k.slug == c.slug) {
            f.push("sparte", k.id.to_string());
        }
    }
    f.set("tags", d.tags.join(", "));
    if let Some(org) = e.organizer_ids.first() {
        f.set("organisation", org.to_string());
    }
    match ev.venue_id {
        Some(v) => f.set("venue", v.to_string()),
        None => {
            f.set("venue", "");
            f.set("location_text", ev.location_text.clone());
        }
    }
    f.set("price_kind", ev.price_kind.clone());
    if let Some(min) = ev.price_min_cents {
        f.set("price_min", crate::domain::event::euros(min));
    }
    if let Some(max) = ev.price_max_cents {
        f.set("price_max", crate::domain::event::euros(max));
    }
    f.set("price_text", ev.price_text.clone());
    f.set("ticket_url", ev.ticket_url.clone());
    if let Some(age) = ev.min_age {
        f.set("min_age", age.to_string());
    }
    for a in &d.audiences {
        f.push("audience", a.clone());
    }
    for l in ev.languages.split(',').filter(|l| !l.is_empty()) {
        f.push("language", l);
    }
    for s in ev.access_services.split(',').filter(|s| !s.is_empty()) {
        f.push("access", s);
    }
    // The date fields as they were typed, when the editor stored them.
    if let Ok(stored) = serde_json::from_str::<FormData>(&e.schedule) {
        for (k, v) in stored.pairs() {
            f.push(k, v.clone());
        }
        return f;
    }
    // Otherwise (imported or demo events) the stored dates, one per line.
    match e.occurrences.as_slice() {
        [one] => {
            f.set("date_mode", "single");
            f.set("date", date_text(one.starts_at));
            if one.all_day {
                f.set("all_day", "ja");
                if one.ends_at - one.starts_at > 86_400 {
                    f.set("end_date", date_text(one.ends_at));
                }
            } else {
                f.set("time", time_text(one.starts_at));
                if one.ends_at > one.starts_at {
                    if calendar::local_date(instant(one.ends_at))
                        != calendar::local_date(instant(one.starts_at))
                        && one.ends_at - one.starts_at > 86_400
                    {
                        f.set("end_date", date_text(one.ends_at));
                    }
                    f.set("end_time", time_text(one.ends_at));
                }
            }
        }
        many => {
            f.set("date_mode", "several");
            let lines: Vec<String> = many
                .iter()
                .map(|o| {
                    let d = calendar::local_date(instant(o.starts_at)).format("%d.%m.%Y");
                    if o.all_day {
                        d.to_string()
                    } else if o.ends_at > o.starts_at {
                        format!("{d} {} – {}", time_text(o.starts_at), time_text(o.ends_at))
                    } else {
                        format!("{d} {}", time_text(o.starts_at))
                    }
                })
                .collect();
            f.set("dates", lines.join("\n"));
        }
    }
    f
}

/// A fresh form's defaults.
pub fn blank(organization: Option<i64>) -> FormData {
    let mut f = FormData::default();
    f.set("date_mode", "single");
    f.set("price_kind", "unknown");
    f.set("series_end", "never");
    f.set("duration", "120");
    f.push("language", "de");
    if let Some(org) = organization {
        f.set("organisation", org.to_string());
    }
    f
}
