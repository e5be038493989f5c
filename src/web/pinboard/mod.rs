//! `/pinnwand`: offers and requests between members — only for members. Posts are written
//! by confirmed members, for themselves or one of their organisations; replies become a
//! private message to the poster (or the organisation's inbox); posts expire, are renewed
//! with one click, and can be reported and hidden by moderation. Here: a post as pages
//! show it, who may read it, and the reminders before posts expire.

pub mod actions;
pub mod form;
pub mod list;
pub mod show;

use crate::db::pinboard::{self, PostRow};
use crate::domain::calendar;
use crate::domain::district::District;
use crate::domain::permissions::Actor;
use crate::domain::pinboard::{self as rules, Kind, TOPICS, day_number, from_day_number};
use crate::error::AppError;
use crate::web::AppState;
use crate::web::i18n::Lang;

/// A post as lists and its page show it.
pub struct PostView {
    pub id: i64,
    pub kind: String,
    pub seeks: bool,
    pub topic: String,
    pub title: String,
    pub by: String,
    pub district: &'static str,
    pub period: String,
    pub until: String,
    pub expired: bool,
    pub hidden: bool,
    pub mine: bool,
}

/// A kind of post in `lang` („Gesucht“, "Wanted").
pub fn kind_label(lang: Lang, k: Kind) -> String {
    lang.t_or(&format!("pinboard-kind-{}", k.slug()), k.label())
}

/// A topic in `lang`.
fn topic_label(lang: Lang, slug: &str) -> String {
    let german = rules::topic_label(slug);
    let known = TOPICS.iter().any(|(s, _)| *s == slug);
    lang.t_or(
        &format!("pinboard-topic-{}", if known { slug } else { "sonstiges" }),
        german,
    )
}

fn view(p: &PostRow, me: i64, today: i64) -> PostView {
    let lang = Lang::current();
    PostView {
        id: p.id,
        kind: kind_label(lang, p.kind),
        seeks: p.kind == Kind::Seeks,
        topic: topic_label(lang, &p.topic),
        title: p.title.clone(),
        by: match &p.organization_name {
            Some(org) => format!("{org} ({})", p.author_name),
            None => p.author_name.clone(),
        },
        district: p
            .district
            .as_deref()
            .and_then(District::parse)
            .map_or("", District::name),
        period: p.period.clone(),
        until: calendar::long_date_in(from_day_number(p.expires_day), lang.dates()),
        expired: p.expires_day < today,
        hidden: p.hidden_at.is_some(),
        mine: p.author_id == me,
    }
}

fn today(state: &AppState) -> i64 {
    day_number(calendar::local_date(state.clock.now()))
}

/// A post the member may see: visible and current, or their own, or for moderators.
async fn readable(state: &AppState, actor: &Actor, id: &str) -> Result<PostRow, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let post = pinboard::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let current = post.hidden_at.is_none() && post.expires_day >= today(state);
    if current || post.author_id == actor.user_id || actor.is_moderator() {
        Ok(post)
    } else {
        Err(AppError::NotFound)
    }
}

fn own(actor: &Actor, post: &PostRow) -> Result<(), AppError> {
    if post.author_id == actor.user_id {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Mails the authors of posts that expire within [`rules::REMIND_DAYS`] days, once per
/// post, with the link that renews it. Returns how many were reminded.
pub async fn remind_expiring(state: &AppState) -> Result<usize, AppError> {
    let today = today(state);
    let now = state.clock.now().timestamp();
    let mut n = 0;
    for (id, title, user, email, until) in
        pinboard::expiring(&state.db, today, today + rules::REMIND_DAYS).await?
    {
        if !pinboard::claim_reminder(&state.db, id, Some(now)).await? {
            continue;
        }
        let link = format!("/pinnwand/{id}");
        crate::web::notify::notify_in(
            state,
            user,
            &email,
            "erinnerungen",
            |lang| {
                let date = calendar::long_date_in(from_day_number(until), lang.dates());
                let text = format!(
                    "{}\n\n{}\n\n{}\n{}\n",
                    lang.t("mail-hello"),
                    lang.t_args(
                        "mail-pinboard-expiring",
                        &[("title", title.as_str()), ("date", date.as_str())]
                    ),
                    lang.t_args(
                        "mail-pinboard-renew",
                        &[("days", rules::DEFAULT_DAYS.to_string().as_str())]
                    ),
                    crate::web::notify::page_url(state, lang, &link)
                );
                (
                    lang.t_args(
                        "mail-pinboard-expiring-subject",
                        &[("title", title.as_str())],
                    ),
                    text,
                )
            },
            &link,
        )
        .await?;
        n += 1;
    }
    Ok(n)
}
