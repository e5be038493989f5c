//! `/mitglieder`: the competence directory — members who opted in, with the fields they
//! chose to show; contact goes through messages, never by e-mail address. Members edit
//! their own entry at `/mein-bereich/profil`.

use crate::db::profiles::{self, ProfileRow};
use crate::db::users;
use crate::domain::competences::{self, COMPETENCES, ProfileInput};
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::account::require_actor;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, page, query};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

pub struct Entry {
    pub user_id: i64,
    pub name: String,
    pub organizations: Vec<String>,
    pub competences: Vec<String>,
    pub other: String,
    pub languages: String,
    pub available_for: String,
    pub me: bool,
}

pub struct Check {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

/// A competence's name in `lang` (the German one is the fallback).
fn competence(lang: Lang, key: &str, german: &str) -> String {
    lang.t_or(&format!("competence-{key}"), german)
}

#[derive(Template)]
#[template(path = "members/index.html")]
pub struct IndexPage {
    pub layout: Layout,
    pub entries: Vec<Entry>,
    pub competences: Vec<Check>,
    pub q: String,
    pub listed: bool,
}

/// `GET /mitglieder?kompetenz=&q=`
pub async fn index(
    State(state): State<AppState>,
    session: Session,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let lang = Lang::current();
    let pairs = query::pairs(raw.as_deref());
    let wanted: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == "kompetenz")
        .filter_map(|(_, v)| COMPETENCES.iter().find(|(k, _)| k == v).map(|(k, _)| *k))
        .collect();
    let q: String = query::single(&pairs, "q")
        .unwrap_or("")
        .chars()
        .take(200)
        .collect();
    let words: Vec<String> = q.split_whitespace().map(str::to_lowercase).collect();
    let mut entries = Vec::new();
    for p in profiles::listed(&state.db).await? {
        let keys: Vec<&str> = p.competences.split(',').filter(|k| !k.is_empty()).collect();
        if !wanted.iter().all(|w| keys.contains(w)) {
            continue;
        }
        let organizations = if p.show_organizations {
            users::memberships(&state.db, p.user_id)
                .await?
                .into_iter()
                .map(|m| m.name)
                .collect()
        } else {
            Vec::new()
        };
        let labels: Vec<String> = keys
            .iter()
            .filter_map(|k| competences::label(k).map(|l| competence(lang, k, l)))
            .collect();
        // Both languages' names of the competences are found.
        let german: Vec<&'static str> = keys.iter().filter_map(|k| competences::label(k)).collect();
        let haystack = format!(
            "{} {} {} {} {} {} {}",
            p.display_name,
            labels.join(" "),
            german.join(" "),
            p.other_competences,
            p.languages,
            p.available_for,
            organizations.join(" ")
        )
        .to_lowercase();
        if !words.iter().all(|w| haystack.contains(w.as_str())) {
            continue;
        }
        entries.push(Entry {
            me: p.user_id == actor.user_id,
            user_id: p.user_id,
            name: p.display_name,
            organizations,
            competences: labels,
            other: p.other_competences,
            languages: p.languages,
            available_for: p.available_for,
        });
    }
    let view = IndexPage {
        layout: Layout::new(lang.t("member-title"))
            .in_section("mein-bereich")
            .translated(),
        listed: profiles::of(&state.db, actor.user_id)
            .await?
            .is_some_and(|p| p.listed),
        entries,
        competences: COMPETENCES
            .iter()
            .map(|(k, l)| Check {
                value: k,
                label: competence(lang, k, l),
                checked: wanted.contains(k),
            })
            .collect(),
        q,
    };
    page::private(StatusCode::OK, &view)
}

#[derive(Template)]
#[template(path = "members/profile.html")]
pub struct ProfilePage {
    pub layout: Layout,
    pub p: ProfileRow,
    pub competences: Vec<Check>,
    pub saved: bool,
}

/// `GET /mein-bereich/profil`
pub async fn edit(
    State(state): State<AppState>,
    session: Session,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let (user, _) = require_actor(&state, &session).await?;
    let p = profiles::of(&state.db, user.id)
        .await?
        .unwrap_or(ProfileRow {
            user_id: user.id,
            display_name: user.display_name.clone(),
            ..ProfileRow::default()
        });
    let keys: Vec<&str> = p.competences.split(',').collect();
    let lang = Lang::current();
    let view = ProfilePage {
        layout: Layout::new(lang.t("member-profile-title"))
            .in_section("mein-bereich")
            .translated(),
        competences: COMPETENCES
            .iter()
            .map(|(k, l)| Check {
                value: k,
                label: competence(lang, k, l),
                checked: keys.contains(k),
            })
            .collect(),
        saved: raw.as_deref() == Some("ok=gespeichert"),
        p,
    };
    page::private(StatusCode::OK, &view)
}

/// `POST /mein-bereich/profil`
pub async fn save(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (user, _) = require_actor(&state, &session).await?;
    let input = ProfileInput::parse(&FormData::from_urlencoded(&body));
    profiles::save(&state.db, user.id, &input, state.clock.now().timestamp()).await?;
    Ok(redirect("/mein-bereich/profil?ok=gespeichert").into_response())
}
