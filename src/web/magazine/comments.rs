//! Readers' comments under `/magazin/{slug}`: the thread and its form (members under
//! their name, visitors with a name and an address confirmed by a mailed link), replies
//! one level deep, „Melden“, the visitor's link page (confirm, delete). Without
//! JavaScript: a reply is `?antwort={id}#kommentieren`. Spam: honeypot, fill time,
//! per-client and per-address limits, at most two links (`domain::magazine::comments`).

use super::show;
use crate::db::articles::{self, ArticleRow};
use crate::db::comments::{self, CommentRow};
use crate::db::users::UserRow;
use crate::domain::account::FieldErrors;
use crate::domain::form::FormData;
use crate::domain::magazine::ArticleState;
use crate::domain::magazine::comments::{self as rules, CommentState};
use crate::domain::slug::Slug;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::service::comments::{self as service, CommentError, Commenter};
use crate::web::account::{PeerAddress, current_user};
use crate::web::editor::form::FormView;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, page, spam};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// Comments one client may send per hour, and one visitor's address.
const PER_HOUR: i64 = 10;
const PER_ADDRESS_HOUR: i64 = 5;
/// Reports one client may send per hour.
const REPORTS_PER_HOUR: i64 = 20;

/// One comment as shown, with its replies.
pub struct CommentView {
    pub id: i64,
    pub author: String,
    /// „Redaktion“ or „Antwort von …“ (empty: none).
    pub mark: String,
    pub paragraphs: Vec<String>,
    pub date: String,
    pub date_iso: String,
    pub replies: Vec<CommentView>,
}

/// The comments of an article and the form under them.
pub struct CommentsSection {
    pub slug: String,
    pub open: bool,
    pub threads: Vec<CommentView>,
    /// The member's name when logged in (no name and address asked).
    pub member: Option<String>,
    pub f: FormView,
    /// The comment answered: (id, its writer).
    pub reply_to: Option<(i64, String)>,
    pub form_token: String,
}

impl CommentsSection {
    /// Comments and replies shown.
    pub fn total(&self) -> usize {
        self.threads.iter().map(|t| 1 + t.replies.len()).sum()
    }
}

fn view(c: &CommentRow, lang: Lang) -> CommentView {
    let (date, date_iso) = super::date_in(c.published_at.unwrap_or(c.created_at), lang);
    let mark = if c.editorial {
        lang.t("comment-mark-editorial")
    } else if let Some(org) = &c.org_name {
        lang.t_args("comment-mark-organisation", &[("name", org.as_str())])
    } else {
        String::new()
    };
    CommentView {
        id: c.id,
        author: if c.author.is_empty() {
            lang.t("comment-deleted-account")
        } else {
            c.author.clone()
        },
        mark,
        paragraphs: c
            .body
            .split("\n\n")
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect(),
        date,
        date_iso,
        replies: Vec::new(),
    }
}

/// The comments section of `a` for the viewer (`user`), with the form as typed.
pub async fn section(
    state: &AppState,
    a: &ArticleRow,
    user: Option<&UserRow>,
    f: FormView,
    reply: Option<i64>,
) -> Result<CommentsSection, AppError> {
    let lang = Lang::current();
    let rows = comments::published_of(&state.db, a.id).await?;
    let mut threads: Vec<CommentView> = Vec::new();
    for c in rows.iter().filter(|c| c.parent_id.is_none()) {
        let mut v = view(c, lang);
        v.replies = rows
            .iter()
            .filter(|r| r.parent_id == Some(c.id))
            .map(|r| view(r, lang))
            .collect();
        threads.push(v);
    }
    let now = state.clock.now().timestamp();
    let reply_to = reply.and_then(|id| {
        threads
            .iter()
            .find(|t| t.id == id)
            .map(|t| (t.id, t.author.clone()))
    });
    Ok(CommentsSection {
        slug: a.slug.clone(),
        open: rules::is_open(a.publish_at, now, state.comment_days),
        threads,
        member: user.map(|u| u.display_name.clone()),
        f,
        reply_to,
        form_token: state.form_secret.token(now),
    })
}

async fn article(state: &AppState, slug: &str) -> Result<ArticleRow, AppError> {
    let slug = Slug::parse(slug).ok_or(AppError::NotFound)?;
    let a = articles::by_slug(&state.db, slug.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    if a.state == ArticleState::Withdrawn || !a.is_public(state.clock.now().timestamp()) {
        return Err(AppError::NotFound);
    }
    Ok(a)
}

/// The article page again with the form as typed and what is wrong (422).
async fn again(
    state: &AppState,
    a: &ArticleRow,
    user: Option<&UserRow>,
    data: FormData,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let reply = data.trimmed("antwort").parse().ok();
    let section = section(state, a, user, FormView::new(data, errors), reply).await?;
    let view = show::article_page(state, a, section).await?;
    page::private(StatusCode::UNPROCESSABLE_ENTITY, &view)
}

#[derive(Template)]
#[template(path = "magazine/comment_notice.html")]
pub struct NoticePage {
    pub layout: Layout,
    pub heading: String,
    pub text: String,
    pub slug: String,
    pub title: String,
}

fn notice(heading: &str, text: &str, a_slug: &str, a_title: &str) -> Result<Response, AppError> {
    let lang = Lang::current();
    page::private(
        StatusCode::OK,
        &NoticePage {
            layout: Layout::new(lang.t(heading))
                .in_section("magazin")
                .translated(),
            heading: lang.t(heading),
            text: lang.t(text),
            slug: a_slug.to_owned(),
            title: a_title.to_owned(),
        },
    )
}

/// `POST /magazin/{slug}/kommentare`
pub async fn post(
    State(state): State<AppState>,
    session: Session,
    PeerAddress(peer): PeerAddress,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let a = article(&state, &slug).await?;
    let data = FormData::from_urlencoded(&body);
    let user = current_user(&state, &session).await?;
    let now = state.clock.now().timestamp();
    if !rules::is_open(a.publish_at, now, state.comment_days) {
        let mut errors = FieldErrors::default();
        errors.add("body", "comment-closed");
        return again(&state, &a, user.as_ref(), data, errors).await;
    }
    spam::limit(&state, "comment", peer, PER_HOUR).await?;
    let mut outcome = rules::parse(&data, user.is_some());
    let mut extra = FieldErrors::default();
    if !data.get("website").is_empty() {
        extra.add("body", "comment-refused");
    }
    if user.is_none() && !state.form_secret.filled_by_a_person(data.get("t"), now) {
        extra.add("body", "comment-too-fast");
    }
    if !extra.is_empty() {
        let mut errors = outcome.err().unwrap_or_default();
        for (k, v) in extra.0 {
            errors.add(k, v);
        }
        outcome = Err(errors);
    }
    let input = match outcome {
        Ok(input) => input,
        Err(errors) => return again(&state, &a, user.as_ref(), data, errors).await,
    };
    let lang = Lang::current();
    let actor = match &user {
        Some(u) => Some(crate::db::users::actor(&state.db, u).await?),
        None => None,
    };
    let who = match (&actor, &input.visitor) {
        (Some(actor), _) => Commenter::Member(actor),
        (None, Some((name, email))) => {
            let key = format!("comment-mail:{}", email.as_str());
            if crate::db::moderation::hit(&state.db, &key, now - 3600, now).await?
                > PER_ADDRESS_HOUR
            {
                return Err(AppError::TooManyRequests);
            }
            Commenter::Visitor { name, email }
        }
        (None, None) => return Err(AppError::NotFound),
    };
    let services = state.services();
    let written = match service::write(&services, &a, &who, &input.body, input.parent).await {
        Ok(w) => w,
        Err(CommentError::Parent) => {
            let mut errors = FieldErrors::default();
            errors.add("body", "comment-parent-invalid");
            return again(&state, &a, user.as_ref(), data, errors).await;
        }
        Err(CommentError::Service(e)) => return Err(e.into()),
    };
    if let (Some(link), Some((_, email))) = (&written.link, &input.visitor) {
        service::mail_link(&services, &a, email, link, lang).await;
    }
    match written.state {
        CommentState::Published => {
            Ok(redirect(&format!("/magazin/{}#kommentar-{}", a.slug, written.id)).into_response())
        }
        CommentState::Unconfirmed => notice(
            "comment-confirm-heading",
            "comment-confirm-text",
            &a.slug,
            &a.title,
        ),
        _ => notice(
            "comment-held-heading",
            "comment-held-text",
            &a.slug,
            &a.title,
        ),
    }
}

/// `POST /magazin/kommentare/{id}/melden`: the comment goes back to moderation.
pub async fn report(
    State(state): State<AppState>,
    PeerAddress(peer): PeerAddress,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    spam::limit(&state, "comment-report", peer, REPORTS_PER_HOUR).await?;
    let form = FormData::from_urlencoded(&body);
    let reason: String = form.trimmed("grund").chars().take(500).collect();
    let Some(c) = comments::by_id(&state.db, id).await? else {
        return Err(AppError::NotFound);
    };
    if c.state == CommentState::Unconfirmed || c.state == CommentState::Removed {
        return Err(AppError::NotFound);
    }
    service::report(&state.services(), id, &reason).await?;
    notice(
        "comment-reported-heading",
        "comment-reported-text",
        &c.article_slug,
        &c.article_title,
    )
}

#[derive(Template)]
#[template(path = "magazine/comment_link.html")]
pub struct LinkPage {
    pub layout: Layout,
    pub token: String,
    pub slug: String,
    pub title: String,
    pub confirmed: bool,
    pub paragraphs: Vec<String>,
}

/// `GET /magazin/kommentar/{token}`: the visitor's link — confirm (a button: mail
/// scanners open links) or delete the comment.
pub async fn link_page(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(c) = comments::by_token(&state.db, &crate::auth::token_hash(&token)).await? else {
        return Err(AppError::NotFound);
    };
    let lang = Lang::current();
    let v = view(&c, lang);
    page::private(
        StatusCode::OK,
        &LinkPage {
            layout: Layout::new(lang.t("comment-link-title"))
                .in_section("magazin")
                .translated(),
            token,
            slug: c.article_slug,
            title: c.article_title,
            confirmed: c.state != CommentState::Unconfirmed,
            paragraphs: v.paragraphs,
        },
    )
}

/// `POST /magazin/kommentar/{token}/bestaetigen`
pub async fn confirm(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(w) = service::confirm(&state.services(), &token).await? else {
        return Err(AppError::NotFound);
    };
    let c = comments::by_id(&state.db, w.id)
        .await?
        .ok_or(AppError::NotFound)?;
    match w.state {
        CommentState::Published => Ok(redirect(&format!(
            "/magazin/{}#kommentar-{}",
            c.article_slug, c.id
        ))
        .into_response()),
        _ => notice(
            "comment-held-heading",
            "comment-held-text",
            &c.article_slug,
            &c.article_title,
        ),
    }
}

/// `POST /magazin/kommentar/{token}/loeschen`
pub async fn delete(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(slug) = service::delete_by_link(&state.services(), &token).await? else {
        return Err(AppError::NotFound);
    };
    let title = articles::by_slug(&state.db, &slug)
        .await?
        .map(|a| a.title)
        .unwrap_or_default();
    notice(
        "comment-deleted-heading",
        "comment-deleted-text",
        &slug,
        &title,
    )
}
