//! `/moderation`: the association's moderators work the queue (events and proposed venues),
//! reports, applications for organisations, and verify organisations. Decisions are mailed
//! to whoever they concern (for events with the reason when rejected, through the
//! outbox). Here: who may moderate, and telling members about decisions.

pub mod audit;
pub mod comments;
pub mod duplicates;
pub mod events;
pub mod fediverse;
pub mod organisations;
pub mod overview;
pub mod reports;
pub mod transparency;
pub mod venues;

use crate::domain::permissions::Actor;
use crate::error::AppError;
use crate::web::AppState;
use crate::web::account::require_actor;
use crate::web::i18n::Lang;
use crate::web::i18n::redirect;
use crate::web::notify::notify_in;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

async fn moderator(state: &AppState, session: &Session) -> Result<Actor, AppError> {
    let (_, actor) = require_actor(state, session).await?;
    if !actor.is_moderator() {
        return Err(AppError::Forbidden);
    }
    Ok(actor)
}

fn back() -> Response {
    redirect("/moderation").into_response()
}

fn parse_id(id: &str) -> Result<i64, AppError> {
    id.parse().map_err(|_| AppError::NotFound)
}

/// Who hears about a decision: a member's account (their notification centre, mailed as
/// they chose), or nobody. (Decisions on events reach their writers through the outbox,
/// see `jobs::notify`.)
enum Contact {
    Member(i64, String),
    Nobody,
}

/// Tells about a decision, with the subject and text written by `words` in the member's
/// language. A failed mail is logged, the decision stands.
async fn tell(
    state: &AppState,
    to: &Contact,
    words: impl Fn(Lang) -> (String, String),
    link: &str,
) -> Result<(), AppError> {
    match to {
        Contact::Member(user, email) => {
            notify_in(state, *user, email, "entscheidungen", words, link).await
        }
        Contact::Nobody => Ok(()),
    }
}
