//! Signing visitors up for mail with double opt-in: the sign-up records the exact
//! consent text and its version, the confirmation mail carries nothing but the
//! confirmation link, and only the click on it makes the subscription active.

use super::{ServiceError, Services};
use crate::db::subscribers::{self, NewSubscription};
use crate::domain::account::Email;
use crate::domain::mailing::{Schedule, Scope};
use crate::i18n::Lang;

/// The consent text of `scope` in `lang`, exactly as the form shows it.
pub fn consent_text(scope: Scope, lang: Lang) -> String {
    lang.t(&format!("consent-{}", scope.key()))
}

/// What a sign-up asks for.
pub struct SignUp<'a> {
    pub email: &'a Email,
    pub scope: Scope,
    pub calendar_id: Option<i64>,
    pub lang: Lang,
    pub schedule: Schedule,
    pub interests: &'a str,
}

/// Records the sign-up with its proof and mails the confirmation link. Returns the
/// subscription's id.
pub async fn sign_up(svc: &Services, s: &SignUp<'_>) -> Result<i64, ServiceError> {
    let (confirm, confirm_hash) = crate::auth::new_token();
    let (token, _) = crate::auth::new_token();
    let now = svc.now();
    let text = consent_text(s.scope, s.lang);
    let id = subscribers::create(
        &svc.db,
        &NewSubscription {
            email: s.email.as_str(),
            scope: s.scope,
            calendar_id: s.calendar_id,
            lang: s.lang.code(),
            consent_text: &text,
            confirm_hash: &confirm_hash,
            token: &token,
            weekday: s.schedule.weekday_number(),
            hour: i64::from(s.schedule.hour),
            interests: s.interests,
        },
        now,
    )
    .await?;
    let lang = s.lang;
    let link = super::notify::page_url(svc, lang, &format!("/newsletter/bestaetigen/{confirm}"));
    let what = lang.t(&format!("consent-what-{}", s.scope.key()));
    let body = format!(
        "{}\n\n{}\n\n{link}\n\n{}\n",
        lang.t("mail-hello"),
        lang.t_args("confirm-mail-text", &[("what", what.as_str())]),
        lang.t("confirm-mail-ignore"),
    );
    match svc
        .mailer
        .send(s.email.as_str(), &lang.t("confirm-mail-subject"), &body)
        .await
    {
        Ok(()) => subscribers::confirmation_sent(&svc.db, id, svc.now()).await?,
        Err(e) => tracing::warn!(error = %format!("{e:#}"), "confirmation mail not sent"),
    }
    Ok(id)
}
