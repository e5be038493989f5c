//! Mailings to visitors: queuing the weekly mails that are due (or all of them, forced)
//! and the day's reminders, and writing each recipient's mail — multipart text and
//! accessible HTML in the subscriber's language, with links to the pages in that
//! language and a one-click unsubscribe link. Sending is `jobs::mailings`.

use super::dates::{FeedItem, dates};
use super::notify::{lang_of, page_url};
use super::{ServiceError, Services};
use crate::db::mailings::{self, MailingRow, NewMailing};
use crate::db::personal;
use crate::db::subscribers::{self, SubscriptionRow};
use crate::domain::calendar;
use crate::domain::event::OccurrenceStatus;
use crate::domain::mailing::{Schedule, Scope, digest_window, overlap, tomorrow};
use crate::domain::personal::ItemKind;
use crate::i18n::Lang;
use crate::mail::Outgoing;
use askama::Template;
use chrono::{DateTime, Duration, Utc};

/// The most dates one weekly mail lists.
const DIGEST_DATES: i64 = 100;
/// From this hour (Berlin) on, the reminders for tomorrow go out.
pub const REMINDER_HOUR: u32 = 9;

/// One recipient's mail.
pub struct Mail {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub unsubscribe: String,
}

impl Mail {
    pub fn outgoing<'a>(&'a self, to: &'a str) -> Outgoing<'a> {
        Outgoing {
            to,
            subject: &self.subject,
            text: &self.text,
            html: Some(&self.html),
            unsubscribe: Some(&self.unsubscribe),
        }
    }
}

fn instant(t: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(t, 0).unwrap_or_default()
}

/// Queues the weekly mails due now (with `force`, every active one whatever its day).
/// Returns the mailing, if anyone was due.
pub async fn queue_digests(svc: &Services, force: bool) -> Result<Option<i64>, ServiceError> {
    let now = svc.clock.now();
    let waiting = mailings::waiting_in(&svc.db, "digest").await?;
    let due: Vec<i64> = subscribers::active(&svc.db, Scope::Calendar)
        .await?
        .into_iter()
        .filter(|s| !waiting.contains(&s.id))
        .filter(|s| {
            force
                || Schedule::from_numbers(s.weekday, s.hour)
                    .unwrap_or_default()
                    .is_due(now, s.last_mail_at)
        })
        .map(|s| s.id)
        .collect();
    if due.is_empty() {
        return Ok(None);
    }
    let key = if force {
        format!("digest:force:{}", now.timestamp())
    } else {
        format!("digest:{}", now.timestamp() / 60 * 60)
    };
    queue(svc, "digest", &key, &due).await
}

/// Queues today's reminders of events tomorrow (once a day, from [`REMINDER_HOUR`]).
pub async fn queue_reminders(svc: &Services) -> Result<Option<i64>, ServiceError> {
    let now = svc.clock.now();
    let today = calendar::local_date(now);
    if now < calendar::local_instant(today, REMINDER_HOUR, 0) {
        return Ok(None);
    }
    let mut due = Vec::new();
    for s in subscribers::active(&svc.db, Scope::Calendar).await? {
        let Some(calendar) = s.calendar_id else {
            continue;
        };
        let items = personal::items(&svc.db, calendar).await?;
        if items.iter().any(|i| i.kind == ItemKind::Watch && i.remind) {
            due.push(s.id);
        }
    }
    if due.is_empty() {
        return Ok(None);
    }
    queue(svc, "reminder", &format!("reminder:{today}"), &due).await
}

async fn queue(
    svc: &Services,
    kind: &str,
    key: &str,
    recipients: &[i64],
) -> Result<Option<i64>, ServiceError> {
    let now = svc.now();
    let id = mailings::queue(
        &svc.db,
        &NewMailing {
            kind,
            key,
            subject: "",
            body: "",
            interests: "",
            scheduled_at: now,
            created_by: None,
        },
        recipients,
        crate::jobs::mailings::CONSUMER,
        now,
    )
    .await?;
    if id.is_some() {
        svc.committed().await?;
    }
    Ok(id)
}

/// The mail of `mailing` for subscription `s` (`None`: nothing to say, nothing is sent).
pub async fn compose(
    svc: &Services,
    mailing: &MailingRow,
    s: &SubscriptionRow,
) -> Result<Option<Mail>, ServiceError> {
    if mailing.kind == "newsletter" {
        return super::newsletters::compose(svc, mailing, s).map(Some);
    }
    let lang = lang_of(&s.lang);
    let at = instant(mailing.scheduled_at);
    let Some(calendar) = s.calendar_id else {
        return Ok(None);
    };
    let items = personal::items(&svc.db, calendar).await?;
    let (found, heading, intro) = match mailing.kind.as_str() {
        "digest" => {
            let week = digest_window(at);
            let found = dates(
                &svc.db,
                &svc.search,
                &items,
                |f| overlap(f.window(at), week),
                DIGEST_DATES,
            )
            .await?;
            let first = calendar::local_date(week.from);
            let last = calendar::local_date(week.to.unwrap_or(week.from) - Duration::seconds(1));
            let span = [
                ("from", calendar::short_date_in(first, lang.dates())),
                ("to", calendar::short_date_in(last, lang.dates())),
            ];
            let args: Vec<(&str, &str)> = span.iter().map(|(k, v)| (*k, v.as_str())).collect();
            (
                found,
                lang.t_args("digest-heading", &args),
                lang.t("digest-intro"),
            )
        }
        "reminder" => {
            let (day, window) = tomorrow(at);
            let watched: Vec<_> = items
                .into_iter()
                .filter(|i| i.kind == ItemKind::Watch && i.remind)
                .collect();
            let found = dates(&svc.db, &svc.search, &watched, |_| Some(window), 50).await?;
            let date = calendar::long_date_in(day, lang.dates());
            (
                found,
                lang.t_args("reminder-heading", &[("date", date.as_str())]),
                lang.t("reminder-intro"),
            )
        }
        _ => return Ok(None),
    };
    if found.is_empty() {
        return Ok(None);
    }
    let since = s.last_mail_at;
    let days = by_day(svc, lang, &found, since);
    let unsubscribe = page_url(svc, lang, &format!("/newsletter/abbestellen/{}", s.token));
    let count = found.len() as i64;
    let subject = if mailing.kind == "reminder" {
        heading.clone()
    } else {
        format!(
            "{}: {}",
            lang.t("personal-title"),
            lang.t_n("digest-count", "count", count)
        )
    };
    let view = DigestMail {
        lang: lang.code(),
        heading: heading.clone(),
        intro: intro.clone(),
        days: &days,
        why: lang.t("digest-why"),
        unsubscribe_words: lang.t("digest-unsubscribe"),
        unsubscribe: unsubscribe.clone(),
    };
    let html = view
        .render()
        .map_err(|e| ServiceError::Mail(format!("rendering the mail: {e}")))?;
    let mut text = format!("{heading}\n\n{intro}\n");
    for day in &days {
        text.push_str(&format!("\n== {}\n", day.heading));
        for l in &day.lines {
            let mark = if l.mark.is_empty() {
                String::new()
            } else {
                format!("[{}] ", l.mark)
            };
            text.push_str(&format!("\n{mark}{} – {}\n{}\n", l.time, l.title, l.link));
            if !l.place.is_empty() {
                text.push_str(&format!("{}\n", l.place));
            }
        }
    }
    text.push_str(&format!(
        "\n--\n{}\n{}\n{unsubscribe}\n",
        view.why, view.unsubscribe_words
    ));
    Ok(Some(Mail {
        subject,
        text,
        html,
        unsubscribe,
    }))
}

/// A day of a mail with its dates.
pub struct MailDay {
    pub heading: String,
    pub lines: Vec<MailLine>,
}

/// One date in a mail: marked „Abgesagt“, „Verschoben“, „Neu“ or „Geändert“ since the
/// last mail.
pub struct MailLine {
    pub time: String,
    pub title: String,
    pub link: String,
    pub place: String,
    pub mark: String,
}

fn by_day(svc: &Services, lang: Lang, found: &[FeedItem], since: Option<i64>) -> Vec<MailDay> {
    let mut days: Vec<MailDay> = Vec::new();
    let mut current = None;
    for i in found {
        let start = instant(i.occurrence.starts_at);
        let day = calendar::local_date(start);
        if current != Some(day) {
            current = Some(day);
            days.push(MailDay {
                heading: calendar::long_date_in(day, lang.dates()),
                lines: Vec::new(),
            });
        }
        let e = &i.detail.event;
        let mark = match i.occurrence.status {
            OccurrenceStatus::Cancelled | OccurrenceStatus::Postponed => {
                lang.occurrence_status(i.occurrence.status)
            }
            _ => match since {
                Some(t) if e.created_at > t => lang.t("digest-new"),
                Some(t) if e.updated_at > t => lang.t("digest-changed"),
                _ => String::new(),
            },
        };
        let line = MailLine {
            time: if i.occurrence.all_day {
                lang.t("digest-all-day")
            } else {
                calendar::time_of_day_in(start, lang.dates())
            },
            title: e.title.clone(),
            link: page_url(svc, lang, &format!("/veranstaltungen/{}", e.slug)),
            place: crate::web::feeds::location(&i.detail),
            mark,
        };
        if let Some(d) = days.last_mut() {
            d.lines.push(line);
        }
    }
    days
}

#[derive(Template)]
#[template(path = "mails/digest.html")]
struct DigestMail<'a> {
    lang: &'a str,
    heading: String,
    intro: String,
    days: &'a [MailDay],
    why: String,
    unsubscribe_words: String,
    unsubscribe: String,
}

/// Queues the weekly mails and reminders that have come due (the serving instances'
/// background loop, once a minute). Returns the mailings queued.
pub async fn queue_due(svc: &Services) -> Result<Vec<i64>, ServiceError> {
    let mut queued = Vec::new();
    queued.extend(queue_digests(svc, false).await?);
    queued.extend(queue_reminders(svc).await?);
    Ok(queued)
}

/// `kulturportal digests send`: queues what is due (with `force`, every weekly mail)
/// and today's reminders, then sends. Returns the mailings queued.
pub async fn send_due(svc: &Services, force: bool) -> Result<Vec<i64>, ServiceError> {
    let mut queued = Vec::new();
    queued.extend(queue_digests(svc, force).await?);
    queued.extend(queue_reminders(svc).await?);
    // What is queued (now or by an earlier run that stopped) is sent here.
    svc.jobs.run_due(svc).await?;
    Ok(queued)
}
