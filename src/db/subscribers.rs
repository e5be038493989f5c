//! Mail subscriptions of visitors (a personal calendar's weekly mail, the newsletter)
//! with their proof of consent, and what was mailed to them.

use super::{Db, DbResult};
use crate::domain::mailing::Scope;

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct SubscriptionRow {
    pub id: i64,
    pub email: String,
    #[sqlx(try_from = "String")]
    #[serde(serialize_with = "scope_key")]
    pub scope: Scope,
    pub calendar_id: Option<i64>,
    pub lang: String,
    pub consent_version: String,
    pub consent_text: String,
    pub requested_at: i64,
    pub confirmation_sent_at: Option<i64>,
    pub confirmed_at: Option<i64>,
    pub unsubscribed_at: Option<i64>,
    #[serde(skip)]
    pub token: String,
    pub weekday: i64,
    pub hour: i64,
    pub interests: String,
    pub last_mail_at: Option<i64>,
}

fn scope_key<S: serde::Serializer>(scope: &Scope, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(scope.key())
}

impl SubscriptionRow {
    /// Confirmed and not unsubscribed: mail may go out.
    pub fn is_active(&self) -> bool {
        self.confirmed_at.is_some() && self.unsubscribed_at.is_none()
    }
}

const COLUMNS: &str = "id, email, scope, calendar_id, lang, consent_version, consent_text, requested_at, \
     confirmation_sent_at, confirmed_at, unsubscribed_at, token, weekday, hour, interests, last_mail_at";

/// What a sign-up records.
pub struct NewSubscription<'a> {
    pub email: &'a str,
    pub scope: Scope,
    pub calendar_id: Option<i64>,
    pub lang: &'a str,
    pub consent_text: &'a str,
    pub confirm_hash: &'a str,
    pub token: &'a str,
    pub weekday: i64,
    pub hour: i64,
    pub interests: &'a str,
}

/// Records a sign-up (not yet confirmed); returns its id.
pub async fn create(db: &Db, s: &NewSubscription<'_>, now: i64) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = tx
        .fetch_one(
            "INSERT INTO mail_subscriptions (email, scope, calendar_id, lang, consent_version, consent_text, \
             requested_at, confirm_hash, token, weekday, hour, interests) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
            &[
                s.email.into(),
                s.scope.key().into(),
                s.calendar_id.into(),
                s.lang.into(),
                s.scope.consent_version().into(),
                s.consent_text.into(),
                now.into(),
                s.confirm_hash.into(),
                s.token.into(),
                s.weekday.into(),
                s.hour.into(),
                s.interests.into(),
            ],
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Notes when the confirmation mail went out.
pub async fn confirmation_sent(db: &Db, id: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE mail_subscriptions SET confirmation_sent_at = $2 WHERE id = $1",
        &[id.into(), now.into()],
    )
    .await?;
    tx.commit().await
}

/// The subscription a confirmation link belongs to.
pub async fn by_confirm_hash(db: &Db, hash: &str) -> DbResult<Option<SubscriptionRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM mail_subscriptions WHERE confirm_hash = $1"),
        &[hash.into()],
    )
    .await
}

/// Confirms (the time of the first click is the proof; later clicks change nothing). A
/// confirmed newsletter sign-up replaces the address's earlier one (with its interests),
/// so that nobody gets an issue twice.
pub async fn confirm(db: &Db, id: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE mail_subscriptions SET confirmed_at = $2 WHERE id = $1 AND confirmed_at IS NULL",
        &[id.into(), now.into()],
    )
    .await?;
    tx.execute(
        "UPDATE mail_subscriptions SET unsubscribed_at = $2 WHERE scope = 'newsletter' \
         AND id <> $1 AND unsubscribed_at IS NULL AND confirmed_at IS NOT NULL \
         AND email = (SELECT email FROM mail_subscriptions WHERE id = $1 AND scope = 'newsletter')",
        &[id.into(), now.into()],
    )
    .await?;
    tx.commit().await
}

/// The subscription of an unsubscribe link.
pub async fn by_token(db: &Db, token: &str) -> DbResult<Option<SubscriptionRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM mail_subscriptions WHERE token = $1"),
        &[token.into()],
    )
    .await
}

pub async fn by_id(db: &Db, id: i64) -> DbResult<Option<SubscriptionRow>> {
    db.fetch_optional(
        &format!("SELECT {COLUMNS} FROM mail_subscriptions WHERE id = $1"),
        &[id.into()],
    )
    .await
}

/// Unsubscribes at once (the first time counts).
pub async fn unsubscribe(db: &Db, id: i64, now: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE mail_subscriptions SET unsubscribed_at = $2 WHERE id = $1 AND unsubscribed_at IS NULL",
        &[id.into(), now.into()],
    )
    .await?;
    tx.commit().await
}

/// The subscriptions of a personal calendar, newest first.
pub async fn of_calendar(db: &Db, calendar: i64) -> DbResult<Vec<SubscriptionRow>> {
    db.fetch_all(
        &format!(
            "SELECT {COLUMNS} FROM mail_subscriptions WHERE calendar_id = $1 ORDER BY id DESC"
        ),
        &[calendar.into()],
    )
    .await
}

/// Everything subscribed with one address.
pub async fn of_email(db: &Db, email: &str) -> DbResult<Vec<SubscriptionRow>> {
    db.fetch_all(
        &format!("SELECT {COLUMNS} FROM mail_subscriptions WHERE email = $1 ORDER BY id"),
        &[email.into()],
    )
    .await
}

/// Changes when the weekly mail goes out.
pub async fn set_schedule(db: &Db, id: i64, weekday: i64, hour: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE mail_subscriptions SET weekday = $2, hour = $3 WHERE id = $1",
        &[id.into(), weekday.into(), hour.into()],
    )
    .await?;
    tx.commit().await
}

/// A mail that went to a subscription.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct SentMail {
    pub subscription_id: Option<i64>,
    pub subject: String,
    pub sent_at: i64,
}

/// The mails sent to these subscriptions, oldest first.
pub async fn mails_of(db: &Db, subscriptions: &[i64]) -> DbResult<Vec<SentMail>> {
    if subscriptions.is_empty() {
        return Ok(Vec::new());
    }
    let mut p = super::Params::default();
    let list = p.push_list(subscriptions.iter().copied());
    db.fetch_all(
        &format!(
            "SELECT subscription_id, subject, sent_at FROM mail_receipts WHERE subscription_id IN ({list}) ORDER BY sent_at, key"
        ),
        &p.values,
    )
    .await
}

/// Deletes everything about an address: its subscriptions, their proof and the record
/// of the mails sent to them. Returns how many subscriptions there were.
pub async fn delete_email(db: &Db, email: &str) -> DbResult<usize> {
    let ids: Vec<i64> = of_email(db, email).await?.iter().map(|s| s.id).collect();
    if ids.is_empty() {
        return Ok(0);
    }
    let mut tx = db.begin().await?;
    for id in &ids {
        tx.execute(
            "DELETE FROM mail_receipts WHERE subscription_id = $1",
            &[(*id).into()],
        )
        .await?;
        tx.execute(
            "DELETE FROM mail_subscriptions WHERE id = $1",
            &[(*id).into()],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(ids.len())
}

/// Notes a mail that went to a subscription (once per `key`, as [`super::jobs::note_mailed`]).
pub async fn note_mailed(
    db: &Db,
    key: &str,
    subscription: i64,
    subject: &str,
    now: i64,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO mail_receipts (key, sent_at, subscription_id, subject) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (key) DO NOTHING",
        &[key.into(), now.into(), subscription.into(), subject.into()],
    )
    .await?;
    tx.commit().await
}

/// Notes the instant the last mail of a subscription was about (its weekly run).
pub async fn mailed_at(db: &Db, id: i64, at: i64) -> DbResult<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "UPDATE mail_subscriptions SET last_mail_at = $2 WHERE id = $1",
        &[id.into(), at.into()],
    )
    .await?;
    tx.commit().await
}

/// Confirmed, not unsubscribed subscriptions of `scope`.
pub async fn active(db: &Db, scope: Scope) -> DbResult<Vec<SubscriptionRow>> {
    db.fetch_all(
        &format!(
            "SELECT {COLUMNS} FROM mail_subscriptions WHERE scope = $1 AND confirmed_at IS NOT NULL \
             AND unsubscribed_at IS NULL ORDER BY id"
        ),
        &[scope.key().into()],
    )
    .await
}
