//! `/einbetten?…`: the programme as a compact list for iframes on institutions' own
//! websites — the list's filters plus `anzahl` (1–50) and `titel`. Only this page may be
//! framed by other sites; `/einbetten.js` sizes the iframe on the host page.

use crate::domain::calendar;
use crate::domain::filter::{EventFilter, GERMAN};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::feeds::{self, location};
use crate::web::listing::{check_slugs, instant};
use crate::web::{AppState, assets, page, query};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// The CSP of the embeddable list: like every page, but any site may frame it.
const EMBED_CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
    object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors *";

pub struct EmbedItem {
    pub when: String,
    pub datetime: String,
    pub title: String,
    /// `lang` of the title when it is not the list's (a German title in English).
    pub title_lang: &'static str,
    pub url: String,
    pub place: String,
    pub cancelled: bool,
    /// The event's picture (absolute addresses: the list lives in other sites' frames).
    pub picture: Option<crate::web::pictures::Picture>,
    /// Below the first few items: load the picture lazily.
    pub lazy: bool,
}

#[derive(Template)]
#[template(path = "embed.html")]
pub struct EmbedPage {
    pub lang: Lang,
    pub title: String,
    pub css: &'static str,
    pub script: &'static str,
    pub items: Vec<EmbedItem>,
    pub more: String,
}

/// `GET /einbetten`
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let all = query::pairs(raw.as_deref());
    let count: i64 = query::single(&all, "anzahl")
        .and_then(|v| v.parse().ok())
        .unwrap_or(10)
        .clamp(1, 50);
    let lang = Lang::current();
    let default_title = lang.t("embed-default-title");
    let title: String = query::single(&all, "titel")
        .unwrap_or(&default_title)
        .chars()
        .take(100)
        .collect();
    let pairs: Vec<(String, String)> = all
        .into_iter()
        .filter(|(k, _)| k != "anzahl" && k != "titel")
        .collect();
    let filter = EventFilter::parse(&pairs, &GERMAN)?;
    check_slugs(&state, &filter, &GERMAN).await?;
    let items = feeds::items(&state, &filter, count).await?;
    let ids: Vec<i64> = items.iter().map(|i| i.occurrence.event_id).collect();
    let pictures = crate::web::pictures::pictures_for(&state, &ids).await?;
    let base = &state.base_url;
    // Absolute links (the list lives in other sites' frames) in the list's language.
    let site = format!("{base}{}", lang.prefix());
    let view = EmbedPage {
        lang,
        title,
        css: assets::css_path(),
        script: assets::embed_frame_path(),
        items: items
            .iter()
            .enumerate()
            .map(|(n, i)| {
                let start = instant(i.occurrence.starts_at);
                let e = &i.detail.event;
                let english = lang.shows_english(&e.title_en);
                EmbedItem {
                    when: if i.occurrence.all_day {
                        calendar::short_date_in(calendar::local_date(start), lang.dates())
                    } else {
                        calendar::date_time_in(start, lang.dates())
                    },
                    datetime: calendar::rfc3339_local(start),
                    title: if english {
                        e.title_en.clone()
                    } else {
                        e.title.clone()
                    },
                    title_lang: if english { "" } else { lang.german_mark() },
                    url: format!("{site}/veranstaltungen/{}", e.slug),
                    place: location(&i.detail),
                    cancelled: i.occurrence.status.is_cancelled(),
                    picture: pictures.get(&i.occurrence.event_id).cloned().map(|mut p| {
                        p.srcset = absolute_srcset(base, &p.srcset);
                        p.src = format!("{base}{}", p.src);
                        p
                    }),
                    lazy: n >= crate::web::listing::FIRST_SCREEN,
                }
            })
            .collect(),
        more: format!(
            "{site}{}",
            query::url(
                "/veranstaltungen",
                &pairs
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.clone()))
                    .collect::<Vec<_>>()
            )
        ),
    };
    let mut response = page::html(&headers, &view)?;
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(EMBED_CSP),
    );
    Ok(response)
}

/// Every address of a `srcset` on this site, made absolute.
fn absolute_srcset(base: &str, srcset: &str) -> String {
    srcset
        .split(", ")
        .map(|entry| format!("{base}{entry}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `GET /einbetten.js`: the host page's half (stable name, cached for a day).
pub async fn host_script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        assets::EMBED_HOST,
    )
        .into_response()
}
