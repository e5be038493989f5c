//! The magazine on the web: the public list and article pages (`list.rs`, `show.rs`),
//! the body's blocks as HTML (`render.rs`), feeds (`feeds.rs`), and the editorial desk
//! (`desk.rs` for writing, `workflow.rs` for review, approval, correction, withdrawal).

pub mod comments;
pub mod desk;
pub mod feeds;
pub mod list;
pub mod render;
pub mod show;
pub mod workflow;

use crate::db::articles::{self, ArticleRow, AuthorRow};
use crate::domain::calendar;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::AppState;
use crate::web::images::ImageView;
use crate::web::pictures::{Picture, pictures_for};
use std::collections::HashMap;

/// The picture an article shows: its own, else its first linked event's.
#[derive(Debug, Clone)]
pub struct ArticlePicture {
    pub src: String,
    pub srcset: String,
    pub width: i64,
    pub height: i64,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    /// An absolute-able path for link previews (1200 × 630 where there is one).
    pub og: String,
}

impl ArticlePicture {
    fn from_event(p: Picture) -> ArticlePicture {
        ArticlePicture {
            og: if p.og.is_empty() {
                p.src.clone()
            } else {
                p.og.clone()
            },
            src: p.src,
            srcset: p.srcset,
            width: p.width,
            height: p.height,
            alt: p.alt,
            caption: String::new(),
            credit: p.credit,
        }
    }
}

/// One article in a list (the magazine, „Im Magazin“, an author's page, search).
#[derive(Debug, Clone)]
pub struct Teaser {
    pub slug: String,
    pub title: String,
    pub lead: String,
    /// Whether title and lead are German on a page in another language.
    pub german: bool,
    pub rubric: String,
    pub rubric_key: &'static str,
    pub date: String,
    /// `YYYY-MM-DD` for `<time datetime>`.
    pub date_iso: String,
    pub authors: Vec<AuthorRow>,
    pub picture: Option<ArticlePicture>,
}

/// The title in the reader's language (German when there is no translation).
pub fn title_in(a: &ArticleRow, lang: Lang) -> (&str, bool) {
    if lang == Lang::En && !a.title_en.is_empty() {
        (&a.title_en, false)
    } else {
        (&a.title, lang != Lang::De)
    }
}

fn lead_in(a: &ArticleRow, lang: Lang) -> &str {
    if lang == Lang::En && !a.title_en.is_empty() && !a.lead_en.is_empty() {
        &a.lead_en
    } else {
        &a.lead
    }
}

pub fn rubric_name(r: crate::domain::magazine::Rubric, lang: Lang) -> String {
    lang.t_or(&format!("magazine-rubric-{}", r.key()), r.label())
}

/// „7. Dezember 2026“ in the reader's language.
pub fn date_in(t: i64, lang: Lang) -> (String, String) {
    let instant = chrono::DateTime::from_timestamp(t, 0).unwrap_or_default();
    let day = calendar::local_date(instant);
    (
        calendar::long_date_in(day, lang.dates()),
        day.format("%Y-%m-%d").to_string(),
    )
}

/// The pictures of articles: their own, else their first linked event's.
pub async fn pictures(
    state: &AppState,
    rows: &[ArticleRow],
) -> Result<HashMap<i64, ArticlePicture>, AppError> {
    let mut out = HashMap::new();
    let mut wanted: Vec<(i64, i64)> = Vec::new();
    for a in rows {
        if let Some(v) =
            ImageView::from_variants(0, &a.image, a.image_alt.clone(), a.image_credit.clone())
        {
            out.insert(
                a.id,
                ArticlePicture {
                    og: v.src.clone(),
                    src: v.src,
                    srcset: v.srcset,
                    width: v.width,
                    height: v.height,
                    alt: v.alt,
                    caption: a.image_caption.clone(),
                    credit: v.credit,
                },
            );
        } else if let Some(event) = articles::links_of(&state.db, a.id)
            .await?
            .into_iter()
            .find(|(k, _)| k == "event")
        {
            wanted.push((a.id, event.1));
        }
    }
    let events: Vec<i64> = wanted.iter().map(|(_, e)| *e).collect();
    let mut found = pictures_for(state, &events).await?;
    for (article, event) in wanted {
        if let Some(p) = found.remove(&event) {
            out.insert(article, ArticlePicture::from_event(p));
        }
    }
    Ok(out)
}

/// Teasers for `rows` in the reader's language.
pub async fn teasers(state: &AppState, rows: &[ArticleRow]) -> Result<Vec<Teaser>, AppError> {
    let lang = Lang::current();
    let ids: Vec<i64> = rows.iter().map(|a| a.id).collect();
    let mut authors: HashMap<i64, Vec<AuthorRow>> = HashMap::new();
    for (article, author) in articles::authors_of(&state.db, &ids).await? {
        authors.entry(article).or_default().push(author);
    }
    let mut pictures = pictures(state, rows).await?;
    Ok(rows
        .iter()
        .map(|a| {
            let (title, german) = title_in(a, lang);
            let (date, date_iso) = date_in(a.publish_at.unwrap_or(a.created_at), lang);
            Teaser {
                slug: a.slug.clone(),
                title: title.to_owned(),
                lead: lead_in(a, lang).to_owned(),
                german,
                rubric: rubric_name(a.rubric, lang),
                rubric_key: a.rubric.key(),
                date,
                date_iso,
                authors: authors.remove(&a.id).unwrap_or_default(),
                picture: pictures.remove(&a.id),
            }
        })
        .collect())
}

/// „Im Magazin“ on an event's, venue's or organisation's page: its public articles.
pub async fn linked(state: &AppState, kind: &str, target: i64) -> Result<Vec<Teaser>, AppError> {
    let rows =
        articles::public_linked(&state.db, kind, target, state.clock.now().timestamp()).await?;
    teasers(state, &rows).await
}

/// Articles matching a site search (every word somewhere in the texts), at most four,
/// and a link to the magazine when there are more.
pub async fn search(state: &AppState, q: &str) -> Result<(Vec<Teaser>, String), AppError> {
    let filter = articles::ListFilter {
        q: Some(q.to_owned()),
        ..articles::ListFilter::default()
    };
    let now = state.clock.now().timestamp();
    let rows = articles::public(&state.db, &filter, now, 0, 5).await?;
    let more = if rows.len() > 4 {
        "/magazin".to_owned()
    } else {
        String::new()
    };
    let rows: Vec<ArticleRow> = rows.into_iter().take(4).collect();
    Ok((teasers(state, &rows).await?, more))
}
