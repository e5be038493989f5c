//! The portal's newsletter: admins write an issue (Markdown), look at its preview, mail
//! a test to themselves, and send it now or at a set time to the confirmed subscribers
//! whose interests it meets. Sending is the mailing job (`jobs::mailings`), resumable and
//! rate limited like the weekly mails; the recipients are chosen when the issue's time
//! comes.

use super::notify::{lang_of, page_url};
use super::{ServiceError, Services};
use crate::db::mailings::MailingRow;
use crate::db::newsletters::{self, IssueText};
use crate::db::subscribers::{self, SubscriptionRow};
use crate::domain::mailing::Scope;
use crate::domain::newsletter::{Interests, IssueState};
use crate::i18n::Lang;
use askama::Template;
use chrono::{DateTime, Utc};
use std::collections::HashSet;

use super::mailings::Mail;

/// The longest subject and body an issue may have.
pub const MAX_SUBJECT: usize = 200;
pub const MAX_BODY: usize = 50_000;

/// What is wrong with an issue's text (the message key of the form's error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    SubjectMissing,
    SubjectTooLong,
    BodyMissing,
    BodyTooLong,
}

impl Problem {
    /// The form field and the Fluent message that says it in the page's language.
    pub fn field_and_message(self) -> (&'static str, &'static str) {
        match self {
            Problem::SubjectMissing => ("betreff", "newsletter-subject-missing"),
            Problem::SubjectTooLong => ("betreff", "newsletter-subject-too-long"),
            Problem::BodyMissing => ("text", "newsletter-body-missing"),
            Problem::BodyTooLong => ("text", "newsletter-body-too-long"),
        }
    }
}

/// Checks an issue's text before it is saved.
pub fn check(t: &IssueText<'_>) -> Result<(), Problem> {
    let subject = t.subject.trim();
    if subject.is_empty() {
        return Err(Problem::SubjectMissing);
    }
    if subject.chars().count() > MAX_SUBJECT {
        return Err(Problem::SubjectTooLong);
    }
    if t.body.trim().is_empty() {
        return Err(Problem::BodyMissing);
    }
    if t.body.chars().count() > MAX_BODY {
        return Err(Problem::BodyTooLong);
    }
    Ok(())
}

/// Why an issue could not be changed.
#[derive(Debug)]
pub enum Refused {
    Invalid(Problem),
    /// It is no longer a draft (scheduled, sending or sent).
    NotADraft,
    /// A time in the past was asked for.
    InThePast,
}

impl From<Problem> for Refused {
    fn from(p: Problem) -> Refused {
        Refused::Invalid(p)
    }
}

/// Writes a new draft; returns its id.
pub async fn create(
    svc: &Services,
    t: &IssueText<'_>,
    author: i64,
) -> Result<Result<i64, Refused>, ServiceError> {
    if let Err(p) = check(t) {
        return Ok(Err(p.into()));
    }
    Ok(Ok(newsletters::create(&svc.db, t, author, svc.now()).await?))
}

/// Saves a draft.
pub async fn save(
    svc: &Services,
    id: i64,
    t: &IssueText<'_>,
) -> Result<Result<(), Refused>, ServiceError> {
    if let Err(p) = check(t) {
        return Ok(Err(p.into()));
    }
    Ok(if newsletters::save(&svc.db, id, t).await? {
        Ok(())
    } else {
        Err(Refused::NotADraft)
    })
}

/// Schedules a draft: at once (`None`) or at `at`. The sending job starts it then.
pub async fn schedule(
    svc: &Services,
    id: i64,
    at: Option<DateTime<Utc>>,
) -> Result<Result<(), Refused>, ServiceError> {
    let now = svc.now();
    let at = match at {
        Some(t) if t.timestamp() < now => return Ok(Err(Refused::InThePast)),
        Some(t) => t.timestamp(),
        None => now,
    };
    let scheduled =
        newsletters::schedule(&svc.db, id, at, crate::jobs::mailings::CONSUMER, now).await?;
    if !scheduled {
        return Ok(Err(Refused::NotADraft));
    }
    svc.committed().await?;
    Ok(Ok(()))
}

/// Takes a scheduled issue back to a draft before its time.
pub async fn unschedule(svc: &Services, id: i64) -> Result<Result<(), Refused>, ServiceError> {
    Ok(if newsletters::unschedule(&svc.db, id).await? {
        Ok(())
    } else {
        Err(Refused::NotADraft)
    })
}

/// Who gets an issue meant for `interests`: every confirmed newsletter subscriber whose
/// interests it meets, each address once (its latest subscription).
pub fn recipients(subscriptions: &[SubscriptionRow], interests: &Interests) -> Vec<i64> {
    let mut seen = HashSet::new();
    let mut chosen: Vec<i64> = subscriptions
        .iter()
        .rev()
        .filter(|s| s.is_active() && s.scope == Scope::Newsletter)
        .filter(|s| interests.reaches(&Interests::parse(&s.interests)))
        .filter(|s| seen.insert(s.email.to_lowercase()))
        .map(|s| s.id)
        .collect();
    chosen.sort_unstable();
    chosen
}

/// The sending job's first step for an issue: when it is scheduled and its time has
/// come, chooses the recipients and starts sending. Returns whether there is anything to
/// send now (`false`: a draft again, not yet due, or already sent).
pub async fn start(svc: &Services, m: &MailingRow) -> Result<bool, ServiceError> {
    match IssueState::parse(&m.state) {
        Ok(IssueState::Sending) => return Ok(true),
        Ok(IssueState::Scheduled) => {}
        _ => return Ok(false),
    }
    let now = svc.now();
    if m.scheduled_at > now {
        // An earlier job of an issue that was taken back and scheduled later: that
        // later job sends it.
        return Ok(false);
    }
    let all = subscribers::active(&svc.db, Scope::Newsletter).await?;
    let chosen = recipients(&all, &Interests::parse(&m.interests));
    newsletters::start(&svc.db, m.id, &chosen, now).await?;
    // Started here or by another instance just now: either way there is sending to do.
    Ok(true)
}

#[derive(Template)]
#[template(path = "mails/newsletter.html")]
struct IssueMail<'a> {
    lang: &'a str,
    subject: &'a str,
    body: &'a str,
    why: String,
    unsubscribe_words: String,
    unsubscribe: &'a str,
}

/// The mail of an issue to one address: the Markdown as text, and rendered (sanitised)
/// as HTML, with the unsubscribe link in the subscriber's language.
pub fn issue_mail(
    subject: &str,
    body: &str,
    lang: Lang,
    unsubscribe: String,
) -> Result<Mail, ServiceError> {
    let html_body = crate::web::markdown::render(body);
    let view = IssueMail {
        lang: lang.code(),
        subject,
        body: &html_body,
        why: lang.t("newsletter-why"),
        unsubscribe_words: lang.t("digest-unsubscribe"),
        unsubscribe: &unsubscribe,
    };
    let html = view
        .render()
        .map_err(|e| ServiceError::Mail(format!("rendering the newsletter: {e}")))?;
    let text = format!(
        "{subject}\n\n{}\n\n--\n{}\n{}\n{unsubscribe}\n",
        body.trim(),
        view.why,
        view.unsubscribe_words
    );
    Ok(Mail {
        subject: subject.to_owned(),
        text,
        html,
        unsubscribe,
    })
}

/// The mail of issue `m` for subscription `s`.
pub fn compose(svc: &Services, m: &MailingRow, s: &SubscriptionRow) -> Result<Mail, ServiceError> {
    let lang = lang_of(&s.lang);
    let unsubscribe = page_url(svc, lang, &format!("/newsletter/abbestellen/{}", s.token));
    issue_mail(&m.subject, &m.body, lang, unsubscribe)
}

/// Mails issue `m` as a test to `to` (marked „[Test]“; its unsubscribe link leads to
/// the sign-up page, since the address may not be a subscriber).
pub async fn send_test(
    svc: &Services,
    m: &MailingRow,
    to: &str,
    lang: Lang,
) -> Result<(), ServiceError> {
    let subject = format!("[Test] {}", m.subject);
    let mail = issue_mail(&subject, &m.body, lang, page_url(svc, lang, "/newsletter"))?;
    svc.mailer
        .send_mail(&mail.outgoing(to))
        .await
        .map_err(|e| ServiceError::Mail(format!("{e:#}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(id: i64, email: &str, interests: &str, active: bool) -> SubscriptionRow {
        SubscriptionRow {
            id,
            email: email.into(),
            scope: Scope::Newsletter,
            calendar_id: None,
            lang: "de".into(),
            consent_version: String::new(),
            consent_text: String::new(),
            requested_at: 0,
            confirmation_sent_at: None,
            confirmed_at: active.then_some(1),
            unsubscribed_at: None,
            token: String::new(),
            weekday: 4,
            hour: 8,
            interests: interests.into(),
            last_mail_at: None,
        }
    }

    #[test]
    fn an_issue_goes_to_each_interested_confirmed_address_once() {
        let subs = [
            sub(1, "a@example.org", "", true),
            sub(2, "b@example.org", "sparte=theater", true),
            sub(3, "c@example.org", "sparte=musik", false),
            sub(4, "A@example.org", "sparte=musik", true),
            sub(5, "d@example.org", "sparte=musik&bezirk=ost", true),
        ];
        let music_mitte = Interests::parse("sparte=musik&bezirk=mitte");
        // 1 and 4 are the same address: its latest subscription (4) counts; 3 is not
        // confirmed; 2 wants theatre; 5 wants another district.
        assert_eq!(recipients(&subs, &music_mitte), vec![4]);
        assert_eq!(recipients(&subs, &Interests::default()), vec![2, 4, 5]);
    }

    #[test]
    fn an_issue_needs_a_subject_and_a_text() {
        let t = |subject, body| IssueText {
            subject,
            body,
            interests: "",
        };
        assert_eq!(check(&t(" ", "x")), Err(Problem::SubjectMissing));
        assert_eq!(check(&t("Hallo", "\n")), Err(Problem::BodyMissing));
        let long = "x".repeat(MAX_SUBJECT + 1);
        assert_eq!(check(&t(&long, "x")), Err(Problem::SubjectTooLong));
        assert_eq!(check(&t("Hallo", "Text")), Ok(()));
    }
}
