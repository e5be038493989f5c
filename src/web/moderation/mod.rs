//! `/moderation`: the association's moderators work the queue (events and proposed venues),
//! reports, applications for organisations, and verify organisations. Decisions are mailed
//! to whoever they concern (for events with the reason when rejected). Here: who may
//! moderate, and telling people about decisions.

pub mod audit;
pub mod duplicates;
pub mod events;
pub mod organisations;
pub mod queue;
pub mod reports;
pub mod venues;

use crate::db::users;
use crate::domain::permissions::Actor;
use crate::error::AppError;
use crate::web::AppState;
use crate::web::account::require_actor;
use crate::web::i18n::Lang;
use crate::web::notify::{lang_of, notify_in};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

async fn moderator(state: &AppState, session: &Session) -> Result<Actor, AppError> {
    let (_, actor) = require_actor(state, session).await?;
    if !actor.is_moderator() {
        return Err(AppError::Forbidden);
    }
    Ok(actor)
}

fn back() -> Response {
    Redirect::to("/moderation").into_response()
}

fn parse_id(id: &str) -> Result<i64, AppError> {
    id.parse().map_err(|_| AppError::NotFound)
}

/// Who hears about a decision: a member's account (their notification centre, mailed as
/// they chose), or the address of an anonymous submitter (mailed, since there is no
/// account to keep it for).
enum Contact {
    Member(i64, String),
    Address(String),
    Nobody,
}

/// Tells about a decision, with the subject and text written by `words` in the
/// recipient's language: a member's chosen language; for a bare address, the language of
/// the account with that address, German when there is none. A failed mail is logged,
/// the decision stands.
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
        Contact::Address(email) => {
            let lang = match crate::domain::account::Email::parse(email) {
                Some(address) => match users::by_email(&state.db, &address).await? {
                    Some(u) => lang_of(&u.lang),
                    None => Lang::De,
                },
                None => Lang::De,
            };
            let (subject, body) = words(lang);
            if let Err(e) = state.mailer.send(email, &subject, &body).await {
                tracing::warn!(error = %format!("{e:#}"), "decision mail not sent");
            }
            Ok(())
        }
        Contact::Nobody => Ok(()),
    }
}
