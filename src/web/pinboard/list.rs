//! `GET /pinnwand`: the current posts with filters (kind, topic, Sparten, districts,
//! words) and the member's own posts.

use super::{PostView, kind_label, today, topic_label, view};
use crate::db::pinboard::{self, PostFilter};
use crate::domain::district::District;
use crate::domain::pinboard::{Kind, TOPICS};
use crate::error::AppError;
use crate::web::account::require_actor;
use crate::web::i18n::Lang;
use crate::web::layout::Layout;
use crate::web::options::{self, Choice};
use crate::web::{AppState, page, query};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use tower_sessions::Session;

#[derive(Template)]
#[template(path = "pinboard/index.html")]
pub struct IndexPage {
    pub layout: Layout,
    pub posts: Vec<PostView>,
    pub mine: Vec<PostView>,
    pub q: String,
    pub kinds: Vec<Choice>,
    pub topics: Vec<Choice>,
    pub sparten: Vec<Choice>,
    pub districts: Vec<Choice>,
    pub notice: String,
}

/// `GET /pinnwand?art=&thema=&sparte=&bezirk=&q=`
pub async fn get(
    State(state): State<AppState>,
    session: Session,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let pairs = query::pairs(raw.as_deref());
    let all = |k: &str| query::all(&pairs, k);
    let q: String = query::single(&pairs, "q")
        .unwrap_or("")
        .chars()
        .take(200)
        .collect();
    let kind = query::single(&pairs, "art").and_then(Kind::parse);
    let topic = query::single(&pairs, "thema")
        .filter(|t| TOPICS.iter().any(|(s, _)| s == t))
        .map(str::to_owned);
    let sparten = all("sparte");
    let districts: Vec<String> = all("bezirk")
        .into_iter()
        .filter(|d| District::parse(d).is_some())
        .collect();
    let filter = PostFilter {
        kind,
        topic: topic.clone(),
        category_slugs: sparten.clone(),
        districts: districts.clone(),
        words: q.split_whitespace().map(str::to_lowercase).collect(),
        author: None,
    };
    let today = today(&state);
    let posts = pinboard::list(&state.db, &filter, today, 200).await?;
    let mine = pinboard::list(
        &state.db,
        &PostFilter {
            author: Some(actor.user_id),
            ..PostFilter::default()
        },
        i64::MIN,
        50,
    )
    .await?;
    let lang = Lang::current();
    let notice = match query::single(&pairs, "ok") {
        Some("geloescht") => lang.t("pinboard-deleted"),
        Some("gemeldet") => lang.t("pinboard-reported"),
        _ => String::new(),
    };
    let page_view = IndexPage {
        layout: Layout::new(lang.t("pinboard-title"))
            .in_section("mein-bereich")
            .translated(),
        posts: posts
            .iter()
            .map(|p| view(p, actor.user_id, today))
            .collect(),
        mine: mine.iter().map(|p| view(p, actor.user_id, today)).collect(),
        kinds: Kind::ALL
            .iter()
            .map(|k| Choice::new(k.slug(), kind_label(lang, *k)).checked_if(kind == Some(*k)))
            .collect(),
        topics: TOPICS
            .iter()
            .map(|(s, _)| {
                Choice::new(s, topic_label(lang, s)).checked_if(topic.as_deref() == Some(*s))
            })
            .collect(),
        sparten: options::sparten_by_slug(&state.categories.list(), lang, |c| {
            sparten.contains(&c.slug)
        }),
        districts: options::districts(|d| districts.iter().any(|x| x == d.slug())),
        q,
        notice,
    };
    page::private(StatusCode::OK, &page_view)
}
