//! Accounts in the browser: register, log in and out, the members' home. Sessions live
//! in the database (see `db::sessions`); the session cookie is HttpOnly and SameSite=Lax.

pub mod home;
pub mod login;
pub mod news;
pub mod privacy;
pub mod recovery;
pub mod register;

use crate::db::users::{self, UserRow};
use crate::error::AppError;
use crate::web::AppState;
use tower_sessions::Session;

/// The session key that holds the logged-in account's id.
pub const USER_KEY: &str = "user_id";

/// The session key of the account's epoch at login (see `users.session_epoch`).
pub const EPOCH_KEY: &str = "session_epoch";

/// The logged-in account, if any. A session from before the account's sessions were ended
/// (a changed password, „Überall abmelden“) is logged in no more.
pub async fn current_user(
    state: &AppState,
    session: &Session,
) -> Result<Option<UserRow>, AppError> {
    let id: Option<i64> = session
        .get(USER_KEY)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let Some(id) = id else {
        return Ok(None);
    };
    let Some(user) = users::by_id(&state.db, id).await? else {
        return Ok(None);
    };
    let epoch: Option<i64> = session
        .get(EPOCH_KEY)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    if epoch.unwrap_or(0) != user.session_epoch {
        session
            .flush()
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
        return Ok(None);
    }
    Ok(Some(user))
}

/// Starts a fresh session for `user` (a new id: no fixation of an old one).
pub async fn log_in(session: &Session, user: &UserRow) -> Result<(), AppError> {
    session
        .cycle_id()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    session
        .insert(USER_KEY, user.id)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    session
        .insert(EPOCH_KEY, user.session_epoch)
        .await
        .map_err(|e| AppError::Internal(e.into()))
}

/// `POST /mein-bereich/ueberall-abmelden`: ends every session of the account, this one too.
pub async fn log_out_everywhere(
    axum::extract::State(state): axum::extract::State<AppState>,
    session: Session,
) -> Result<axum::response::Response, AppError> {
    use axum::response::IntoResponse;
    let Some(user) = current_user(&state, &session).await? else {
        return Err(AppError::LoginRequired);
    };
    users::end_sessions(&state.db, user.id, state.clock.now().timestamp()).await?;
    session
        .flush()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(crate::web::i18n::redirect("/anmelden").into_response())
}

/// The client's address when the server knows it (not in in-process tests).
pub struct PeerAddress(pub Option<std::net::IpAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PeerAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        let info = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>();
        Ok(PeerAddress(info.map(|c| c.0.ip())))
    }
}

/// The logged-in person with their permissions; anyone else is sent to the login form.
pub async fn require_actor(
    state: &AppState,
    session: &Session,
) -> Result<(UserRow, crate::domain::permissions::Actor), AppError> {
    let Some(user) = current_user(state, session).await? else {
        return Err(AppError::LoginRequired);
    };
    let actor = users::actor(&state.db, &user).await?;
    Ok((user, actor))
}

/// Marks a personal page as never to be stored by shared caches.
pub fn private(mut response: axum::response::Response) -> axum::response::Response {
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("private, no-store"),
    );
    response
}
