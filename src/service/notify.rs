//! Telling members: every notification is kept for their centre in „Mein Bereich“ and
//! mailed as they chose for its kind (at once, in a daily digest, or not at all), in the
//! language they chose for their mails, with a footer that unsubscribes from the kind.
//! A notification made by a job carries the job's key, so that a job that runs again
//! neither keeps it twice nor mails it twice.

use super::{ServiceError, Services};
use crate::db::{jobs, notifications};
use crate::i18n::Lang;

/// The kinds of notification: (key, German name). The names in other languages are
/// the messages `notify-kind-{key}`.
pub const KINDS: &[(&str, &str)] = &[
    ("nachrichten", "Neue Nachrichten"),
    ("erinnerungen", "Erinnerungen an ablaufende Aushänge"),
    (
        "arbeitskreise",
        "Ankündigungen und Anfragen in Arbeitskreisen",
    ),
    (
        "entscheidungen",
        "Entscheidungen der Moderation zu meinen Einreichungen und Anträgen",
    ),
    (
        "moderation",
        "Neues zur Moderation (nur für Moderatorinnen und Moderatoren)",
    ),
    (
        "magazin",
        "Magazin: Kommentare zu meinen Artikeln, Artikel zur Prüfung",
    ),
    (
        "verein",
        "Mitteilungen des Vereins (Versammlungen, Abstimmungen, Beiträge)",
    ),
];

/// What a member may choose per kind (key, German words; `notify-mode-{key}` in other
/// languages). Every notification is also listed in „Mein Bereich“; the mode decides
/// only about mail.
pub const MODES: &[(&str, &str)] = &[
    ("sofort", "sofort per E-Mail"),
    ("taeglich", "einmal täglich gesammelt"),
    ("aus", "keine E-Mail (nur in „Mein Bereich“)"),
];

/// The name of a kind of notification in `lang`.
pub fn kind_name(lang: Lang, kind: &str) -> String {
    match KINDS.iter().find(|(k, _)| *k == kind) {
        Some((k, name)) => lang.t_or(&format!("notify-kind-{k}"), name),
        None => lang.t("notify-kind-other"),
    }
}

/// The language of an account's mails, from its stored code (German when unknown).
pub fn lang_of(code: &str) -> Lang {
    Lang::ALL
        .into_iter()
        .find(|l| l.code() == code)
        .unwrap_or_default()
}

/// The address of a page of the portal in `lang` (`https://…/en/pinnwand/3`), for mails.
pub fn page_url(svc: &Services, lang: Lang, path: &str) -> String {
    format!("{}{}", svc.base_url, lang.href(path))
}

async fn footer(svc: &Services, user: i64, lang: Lang, kind: &str) -> Result<String, ServiceError> {
    let token = notifications::token(&svc.db, user, &crate::auth::new_token().0).await?;
    Ok(format!(
        "\n--\n{}\n{} {}\n{} {}\n",
        lang.t_args(
            "mail-footer-why",
            &[("kind", kind_name(lang, kind).as_str())]
        ),
        lang.t("mail-footer-unsubscribe"),
        page_url(svc, lang, &format!("/abbestellen/{token}/{kind}")),
        lang.t("mail-footer-settings"),
        page_url(svc, lang, "/mein-bereich/benachrichtigungen"),
    ))
}

/// Tells a member about something: it is listed in their centre (with `link`, a path on
/// the portal) and mailed as they chose for `kind`, with the subject and text written by
/// `words` in the language the member chose for their mails. `source` names the job
/// that tells (a second run with the same source adds nothing). A failed mail is logged.
pub async fn notify(
    svc: &Services,
    source: Option<&str>,
    user: i64,
    email: &str,
    kind: &str,
    words: impl Fn(Lang) -> (String, String),
    link: &str,
) -> Result<(), ServiceError> {
    let now = svc.now();
    let lang = lang_of(&crate::db::users::lang_of(&svc.db, user).await?);
    let (subject, text) = words(lang);
    let fresh = notifications::record(&svc.db, source, user, kind, &subject, link, now).await?;
    match notifications::mode(&svc.db, user, kind).await?.as_str() {
        "aus" => Ok(()),
        "taeglich" if fresh => {
            Ok(notifications::enqueue(&svc.db, user, kind, &subject, &text, now).await?)
        }
        "taeglich" => Ok(()),
        _ => {
            let body = format!("{text}{}", footer(svc, user, lang, kind).await?);
            mail_once(svc, source, email, &subject, &body).await
        }
    }
}

/// Mails `to`, once per `source` (none: always). A failed mail is logged; a job that
/// wants to try again asks [`crate::db::jobs::mailed`] itself.
pub async fn mail_once(
    svc: &Services,
    source: Option<&str>,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<(), ServiceError> {
    if let Some(key) = source
        && jobs::mailed(&svc.db, key).await?
    {
        return Ok(());
    }
    match svc.mailer.send(to, subject, body).await {
        Ok(()) => {
            if let Some(key) = source {
                jobs::note_mailed(&svc.db, key, svc.now()).await?;
            }
        }
        Err(e) => tracing::warn!(error = %format!("{e:#}"), "notification not sent"),
    }
    Ok(())
}

/// Tells every moderator about a new item in the queue (kind `moderation`), in each
/// moderator's language.
pub async fn moderators(
    svc: &Services,
    source: Option<&str>,
    words: impl Fn(Lang) -> (String, String),
    link: &str,
) -> Result<(), ServiceError> {
    for m in crate::db::users::moderators(&svc.db).await? {
        let lang = lang_of(&m.lang);
        let (subject, text) = words(lang);
        let body = format!(
            "{}\n\n{text}\n\n{}\n{}\n",
            lang.t("mail-hello"),
            lang.t("mail-to-moderation"),
            page_url(svc, lang, link)
        );
        let key = source.map(|s| format!("{s}:user:{}", m.id));
        notify(
            svc,
            key.as_deref(),
            m.id,
            &m.email,
            "moderation",
            |_| (subject.clone(), body.clone()),
            link,
        )
        .await?;
    }
    Ok(())
}

/// Sends each member one mail with everything queued for the digest. Returns how many.
pub async fn send_digests(svc: &Services) -> Result<usize, ServiceError> {
    let now = svc.now();
    let mut sent = 0;
    for (user, email, lang, items) in notifications::take_digests(&svc.db, now).await? {
        let lang = lang_of(&lang);
        let mut body = format!(
            "{}\n\n{}\n",
            lang.t("mail-hello"),
            lang.t_n("mail-digest-intro", "count", items.len() as i64)
        );
        let mut kinds: Vec<String> = Vec::new();
        for (kind, subject, text) in &items {
            body.push_str(&format!("\n== {subject}\n{text}\n"));
            if !kinds.contains(kind) {
                kinds.push(kind.clone());
            }
        }
        for kind in &kinds {
            body.push_str(&footer(svc, user, lang, kind).await?);
        }
        match svc
            .mailer
            .send(&email, &lang.t("mail-digest-subject"), &body)
            .await
        {
            Ok(()) => sent += 1,
            Err(e) => tracing::warn!(error = %format!("{e:#}"), "digest not sent"),
        }
    }
    Ok(sent)
}
