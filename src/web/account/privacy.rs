//! GDPR: `GET /mein-bereich/daten` (everything about me as JSON) and
//! `POST /mein-bereich/konto-loeschen` (delete my account after confirming the password).

use super::current_user;
use crate::auth;
use crate::db::users;
use crate::error::AppError;
use crate::web::AppState;
use crate::web::i18n::redirect;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tower_sessions::Session;

pub async fn export(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    let Some(user) = current_user(&state, &session).await? else {
        return Ok(redirect("/anmelden").into_response());
    };
    let memberships: Vec<serde_json::Value> = users::memberships(&state.db, user.id)
        .await?
        .into_iter()
        .map(
            |m| serde_json::json!({ "organization": m.slug, "name": m.name, "role": m.role.key() }),
        )
        .collect();
    let applications: Vec<serde_json::Value> =
        crate::db::moderation::applications_of(&state.db, user.id)
            .await?
            .into_iter()
            .map(|a| {
                serde_json::json!({
                    "organization": a.organization_name, "new_name": a.name, "kind": a.kind,
                    "message": a.message, "status": a.status.key(), "created_at": a.created_at,
                })
            })
            .collect();
    let posts: Vec<serde_json::Value> = crate::db::pinboard::list(
        &state.db,
        &crate::db::pinboard::PostFilter {
            author: Some(user.id),
            ..Default::default()
        },
        i64::MIN,
        10_000,
    )
    .await?
    .into_iter()
    .map(|p| {
        serde_json::json!({
            "id": p.id, "kind": p.kind.slug(), "topic": p.topic, "title": p.title, "text": p.body,
            "district": p.district, "period": p.period, "created_at": p.created_at,
        })
    })
    .collect();
    let messages: Vec<serde_json::Value> = crate::db::messages::written_by(&state.db, user.id)
        .await?
        .into_iter()
        .map(|(thread, subject, body, at)| {
            serde_json::json!({ "thread": thread, "subject": subject, "text": body, "created_at": at })
        })
        .collect();
    let body = serde_json::json!({
        "account": { "id": user.id, "email": user.email, "display_name": user.display_name, "role": user.role.key(), "language": user.lang },
        "memberships": memberships,
        "applications": applications,
        "pinboard_posts": posts,
        "directory_profile": crate::db::profiles::of(&state.db, user.id).await?.map(|p| serde_json::json!({
            "listed": p.listed, "show_organizations": p.show_organizations, "competences": p.competences,
            "other_competences": p.other_competences, "languages": p.languages, "available_for": p.available_for,
        })),
        "messages_written": messages,
        "magazine_comments": crate::db::comments::of_user(&state.db, user.id).await?.into_iter().map(|c| serde_json::json!({
            "article": c.article_slug, "article_title": c.article_title, "text": c.body,
            "reply_to": c.parent_id, "state": c.state.key(), "created_at": c.created_at,
            "published_at": c.published_at,
        })).collect::<Vec<_>>(),
        "notifications": crate::db::notifications::recent(&state.db, user.id, 10_000).await?.into_iter().map(|n| serde_json::json!({
            "kind": n.kind, "subject": n.subject, "link": n.link, "created_at": n.created_at, "read_at": n.read_at,
        })).collect::<Vec<_>>(),
        "activity": users::audit_by_actor(&state.db, user.id).await?,
        "personal_calendar": match crate::db::personal::of_user(&state.db, user.id).await? {
            Some(c) => serde_json::json!({
                "created_at": c.created_at,
                "entries": crate::db::personal::items(&state.db, c.id).await?.into_iter().map(|i| serde_json::json!({
                    "kind": i.kind.key(), "value": i.value, "reminder": i.remind, "created_at": i.created_at,
                })).collect::<Vec<_>>(),
            }),
            None => serde_json::Value::Null,
        },
        "mail_subscriptions": crate::web::consent::export_of(&state, &user.email).await?,
    });
    let bytes = serde_json::to_vec_pretty(&body).map_err(|e| AppError::Internal(e.into()))?;
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"kulturportal-meine-daten.json\""),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeleteForm {
    pub password: String,
}

pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<DeleteForm>,
) -> Result<Response, AppError> {
    let Some(user) = current_user(&state, &session).await? else {
        return Ok(redirect("/anmelden").into_response());
    };
    let (password, stored) = (form.password, user.password_hash.clone());
    let ok = tokio::task::spawn_blocking(move || auth::verify_password(&password, &stored))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    if !ok {
        return Ok(redirect("/mein-bereich?loeschen=passwort-falsch").into_response());
    }
    // Mail subscriptions with the account's address go with it (the calendar's by
    // cascade; the others here), with their proof and the record of mails sent.
    crate::db::subscribers::delete_email(&state.db, &user.email).await?;
    let comments = crate::db::comments::of_user(&state.db, user.id).await?;
    users::delete(&state.db, user.id, state.clock.now().timestamp()).await?;
    // Its comments now read „Gelöschtes Konto“: pages in caches follow.
    for c in comments {
        use crate::domain::change::{Change, ChangeKind};
        crate::service::announce(
            &state.services(),
            &Change::of(ChangeKind::CommentChanged, c.id),
        )
        .await?;
    }
    session
        .flush()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(redirect("/").into_response())
}
