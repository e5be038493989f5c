//! What is new for a member at a glance, for `/mein-bereich`: notifications, activity in
//! their working groups, and other events that clash with their organisations' coming
//! dates.

use crate::db::{groups, notifications, planning};
use crate::domain::calendar;
use crate::domain::district::District;
use crate::domain::permissions::Actor;
use crate::domain::planning::Dated;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::AppState;
use crate::web::listing::instant;
use std::collections::BTreeSet;

/// How far ahead the home looks for clashes.
const CLASH_DAYS: i64 = 60;
/// How many of the member's coming days are checked.
const CHECKED_DAYS: usize = 20;
/// How far back group activity counts as new.
const ACTIVITY_DAYS: i64 = 14;

pub struct NoticeView {
    pub subject: String,
    pub link: String,
    pub when: String,
    pub unread: bool,
}

pub struct GroupNews {
    pub link: String,
    pub group: String,
    pub title: String,
    pub when: String,
}

/// One of the member's dates and what competes with it that day.
pub struct ClashNews {
    pub day: String,
    pub own_title: String,
    pub own_slug: String,
    /// „2 weitere Veranstaltungen der Sparte Theater in Bochum-Mitte“
    pub summary: String,
    /// (slug, title) of the competing public events.
    pub events: Vec<(String, String)>,
    /// Other organisations' reservations, in words.
    pub tentative: Vec<String>,
}

pub struct News {
    pub notices: Vec<NoticeView>,
    pub unread_notices: usize,
    pub groups: Vec<GroupNews>,
    pub clashes: Vec<ClashNews>,
}

/// Collects the news; shown notifications count as read from then on.
pub async fn collect(state: &AppState, actor: &Actor) -> Result<News, AppError> {
    let now = state.clock.now();
    let dates = Lang::current().dates();
    let notices: Vec<NoticeView> = notifications::recent(&state.db, actor.user_id, 8)
        .await?
        .into_iter()
        .map(|n| NoticeView {
            subject: n.subject,
            link: n.link,
            when: calendar::date_time_in(instant(n.created_at), dates),
            unread: n.read_at.is_none(),
        })
        .collect();
    let unread_notices = notices.iter().filter(|n| n.unread).count();
    if unread_notices > 0 {
        notifications::mark_read(&state.db, actor.user_id, now.timestamp()).await?;
    }
    let mut group_news: Vec<GroupNews> = groups::activity_of(
        &state.db,
        actor.user_id,
        now.timestamp() - ACTIVITY_DAYS * 86_400,
        6,
    )
    .await?
    .into_iter()
    .map(|(slug, group, id, title, at)| GroupNews {
        link: format!("/arbeitskreise/{slug}/themen/{id}"),
        group,
        title,
        when: calendar::date_time_in(instant(at), dates),
    })
    .collect();
    for (slug, group, title, at, place) in groups::meetings_of(
        &state.db,
        actor.user_id,
        now.timestamp(),
        now.timestamp() + ACTIVITY_DAYS * 86_400,
    )
    .await?
    {
        let place = if place.is_empty() {
            String::new()
        } else {
            format!(", {place}")
        };
        group_news.push(GroupNews {
            link: format!("/arbeitskreise/{slug}#termine"),
            group,
            title: Lang::current().t_args(
                "account-meeting",
                &[("title", format!("{title}{place}").as_str())],
            ),
            when: calendar::date_time_in(instant(at), dates),
        });
    }
    Ok(News {
        notices,
        unread_notices,
        groups: group_news,
        clashes: clashes(state, actor).await?,
    })
}

/// The member's organisations' coming dates that share day, Sparte and district with
/// other public events or reservations.
async fn clashes(state: &AppState, actor: &Actor) -> Result<Vec<ClashNews>, AppError> {
    let orgs: Vec<i64> = actor.organizations.iter().map(|(id, _)| *id).collect();
    if orgs.is_empty() {
        return Ok(Vec::new());
    }
    let from = state.clock.now().timestamp();
    let to = from + CLASH_DAYS * 86_400;
    let own = planning::own_dates(&state.db, &orgs, from, to).await?;
    if own.is_empty() {
        return Ok(Vec::new());
    }
    let own_slugs: BTreeSet<&str> = own.iter().map(|d| d.event_slug.as_str()).collect();
    // Other events only on the days the member's organisations play (at most
    // CHECKED_DAYS of them), so that the page stays cheap in a busy city.
    let own_days: BTreeSet<chrono::NaiveDate> = own
        .iter()
        .map(|d| calendar::local_date(instant(d.starts_at)))
        .take_while({
            let mut seen = BTreeSet::new();
            move |day| {
                seen.insert(*day);
                seen.len() <= CHECKED_DAYS
            }
        })
        .collect();
    let mut public = Vec::new();
    for day in &own_days {
        let start = calendar::start_of_day(*day).timestamp();
        let end = calendar::start_of_day(day.succ_opt().unwrap_or(*day)).timestamp();
        public.extend(planning::public_dates(&state.db, start, end).await?);
    }
    let first_day = calendar::local_date(instant(from));
    let tentative = planning::between(
        &state.db,
        crate::domain::pinboard::day_number(first_day),
        crate::domain::pinboard::day_number(first_day) + CLASH_DAYS,
        None,
        None,
    )
    .await?;
    let lang = Lang::current();
    let mut out: Vec<ClashNews> = Vec::new();
    for date in &own {
        let day = calendar::local_date(instant(date.starts_at));
        if !own_days.contains(&day) {
            break;
        }
        let mine = Dated {
            key: &date.event_slug,
            day,
            sparte: &date.category_slug,
            district: date.district.as_deref(),
        };
        let mut events: Vec<(String, String)> = public
            .iter()
            .filter(|p| !own_slugs.contains(p.event_slug.as_str()))
            .filter(|p| {
                mine.clashes_with(&Dated {
                    key: &p.event_slug,
                    day: calendar::local_date(instant(p.starts_at)),
                    sparte: &p.category_slug,
                    district: p.district.as_deref(),
                })
            })
            .map(|p| (p.event_slug.clone(), p.title.clone()))
            .collect();
        events.dedup();
        let reserved: Vec<String> = tentative
            .iter()
            .filter(|t| !orgs.contains(&t.organization_id))
            .filter(|t| {
                mine.clashes_with(&Dated {
                    key: "",
                    day: crate::domain::pinboard::from_day_number(t.day),
                    sparte: &t.category_slug,
                    district: t.district.as_deref(),
                })
            })
            .map(|t| {
                lang.t_args(
                    "account-clash-reserved",
                    &[
                        ("organisation", t.organization_name.as_str()),
                        ("title", t.title.as_str()),
                    ],
                )
            })
            .collect();
        if events.is_empty() && reserved.is_empty() {
            continue;
        }
        let day_words = calendar::short_date_in(day, lang.dates());
        // One entry per own event and day, even when it clashes in several Sparten.
        if out
            .iter()
            .any(|c| c.own_slug == date.event_slug && c.day == day_words)
        {
            continue;
        }
        let place = date
            .district
            .as_deref()
            .and_then(District::parse)
            .map_or("Bochum", District::name);
        let n = events.len() + reserved.len();
        let count = if n == 1 {
            lang.t("account-clash-one")
        } else {
            lang.t_args("account-clash-many", &[("count", n.to_string().as_str())])
        };
        let categories = state.categories.list();
        let sparte = categories
            .iter()
            .find(|c| c.slug == date.category_slug)
            .map_or(date.category_name.as_str(), |c| c.name_in(lang == Lang::En));
        out.push(ClashNews {
            summary: lang.t_args(
                "account-clash-summary",
                &[
                    ("dates", count.as_str()),
                    ("sparte", sparte),
                    (
                        "place",
                        lang.t_args("account-clash-in", &[("place", place)])
                            .as_str(),
                    ),
                ],
            ),
            day: day_words,
            own_title: date.title.clone(),
            own_slug: date.event_slug.clone(),
            events,
            tentative: reserved,
        });
        if out.len() >= 8 {
            break;
        }
    }
    Ok(out)
}
