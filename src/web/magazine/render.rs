//! An article's body as parts a template shows: Markdown rendered and sanitised (the
//! portal's one Markdown path, `web::markdown`), and the short codes as figures, pull
//! quotes and cards of events, venues and organisations (looked up once each; at most
//! `body::MAX_SHORT_CODES` per body).

use crate::db::{event_details, organizations, venues};
use crate::domain::calendar;
use crate::domain::magazine::body::{self, Block, CardKind};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::media::MediaKey;
use crate::web::AppState;
use crate::web::images::ImageView;

/// A card of an event, venue or organisation inside an article.
#[derive(Debug, Clone)]
pub struct Card {
    /// „Veranstaltung“, „Ort“, „Organisation“ in the reader's language.
    pub kind: String,
    pub title: String,
    pub href: String,
    /// A date and place, an address, or a short description.
    pub text: String,
    /// A small picture: (src, alt).
    pub picture: Option<(String, String)>,
}

#[derive(Debug, Clone)]
pub enum Part {
    /// Sanitised HTML from Markdown.
    Html(String),
    Card(Card),
    Figure {
        src: String,
        alt: String,
        caption: String,
        credit: String,
    },
    Quote {
        text: String,
        by: String,
    },
}

fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

async fn card(state: &AppState, kind: CardKind, slug: &str) -> Result<Option<Card>, AppError> {
    let lang = Lang::current();
    Ok(match kind {
        CardKind::Event => {
            let Some(id) = event_details::published_id_by_slug(&state.db, slug).await? else {
                return Ok(None);
            };
            let Some(d) = event_details::load(&state.db, &[id]).await?.remove(&id) else {
                return Ok(None);
            };
            let now = state.clock.now().timestamp();
            let (coming, _) = event_details::occurrences(&state.db, id, now, 1).await?;
            let mut text = Vec::new();
            if let Some(o) = coming.first() {
                let start = chrono::DateTime::from_timestamp(o.starts_at, 0).unwrap_or_default();
                text.push(calendar::date_time_in(start, lang.dates()));
            }
            if let Some(v) = &d.venue {
                text.push(v.name.clone());
            }
            let picture = crate::web::pictures::picture_for(state, id)
                .await?
                .map(|p| (p.src, p.alt));
            Some(Card {
                kind: lang.t("magazine-card-event"),
                title: d.event.title.clone(),
                href: format!("/veranstaltungen/{slug}"),
                text: text.join(" · "),
                picture,
            })
        }
        CardKind::Venue => venues::by_slug(&state.db, slug).await?.map(|v| Card {
            kind: lang.t("magazine-card-venue"),
            href: format!("/orte/{}", v.slug),
            text: format!("{}, {} {}", v.street, v.postal_code, v.city),
            picture: ImageView::smallest(&v.image).map(|src| (src, v.image_alt.clone())),
            title: v.name,
        }),
        CardKind::Organization => organizations::by_slug(&state.db, slug)
            .await?
            .map(|o| Card {
                kind: lang.t("magazine-card-organisation"),
                href: format!("/kulturszene/{}", o.slug),
                text: shorten(&o.description, 160),
                picture: ImageView::smallest(&o.logo).map(|src| (src, o.logo_alt.clone())),
                title: o.name,
            }),
    })
}

/// The parts of `text` (a body); short codes that name nothing (any more) are left out.
pub async fn parts(state: &AppState, text: &str) -> Result<Vec<Part>, AppError> {
    let (blocks, _) = body::parse(text);
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::Markdown(md) => out.push(Part::Html(crate::web::markdown::render(&md))),
            Block::Card(kind, slug) => {
                if let Some(c) = card(state, kind, slug.as_str()).await? {
                    out.push(Part::Card(c));
                }
            }
            Block::Figure(f) => {
                if MediaKey::parse(&f.key).is_some() {
                    out.push(Part::Figure {
                        src: format!("/medien/{}", f.key),
                        alt: f.alt,
                        caption: f.caption,
                        credit: f.credit,
                    });
                }
            }
            Block::Quote { text, by } => out.push(Part::Quote { text, by }),
        }
    }
    Ok(out)
}
