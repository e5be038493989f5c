//! Sending e-mail: SMTP when `KP_SMTP_URL` is set, else `.eml` files in a folder (and a log
//! line), so that the demo and the tests work offline and can read what was sent.

use anyhow::Context;
use lettre::message::Mailbox;
use lettre::message::MultiPart;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::{Path, PathBuf};

#[derive(Clone)]
pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Files {
        folder: PathBuf,
        from: Mailbox,
    },
}

/// The sender when none is configured.
pub const DEFAULT_FROM: &str = "Kulturportal Bochum <noreply@kulturportal.invalid>";

impl Mailer {
    /// SMTP from a URL such as `smtps://user:pass@mail.example.org` or
    /// `smtp://localhost:2525`; otherwise files under `folder`.
    pub fn new(smtp_url: Option<&str>, from: &str, folder: &Path) -> anyhow::Result<Mailer> {
        let from: Mailbox = from
            .parse()
            .with_context(|| format!("invalid sender address {from}"))?;
        match smtp_url.filter(|u| !u.is_empty()) {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("invalid KP_SMTP_URL")?
                    .build();
                Ok(Mailer::Smtp { transport, from })
            }
            None => Ok(Mailer::Files {
                folder: folder.to_owned(),
                from,
            }),
        }
    }

    /// Whether mail can go out: the SMTP server answers (files: always).
    pub async fn check(&self) -> anyhow::Result<()> {
        match self {
            Mailer::Smtp { transport, .. } => {
                if transport.test_connection().await.context("connecting")? {
                    Ok(())
                } else {
                    anyhow::bail!("the server refused the connection")
                }
            }
            Mailer::Files { .. } => Ok(()),
        }
    }

    /// Sends a plain-text mail.
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> anyhow::Result<()> {
        self.send_mail(&Outgoing {
            to,
            subject,
            text: body,
            html: None,
            unsubscribe: None,
        })
        .await
    }

    /// Sends a mail: plain text alone, or multipart/alternative with an HTML part; with
    /// an unsubscribe URL, the headers of RFC 2369 and RFC 8058 (one-click) are set.
    /// Counted in the metrics (sent or failed).
    pub async fn send_mail(&self, mail: &Outgoing<'_>) -> anyhow::Result<()> {
        let sent = self.deliver(mail).await;
        crate::metrics::METRICS.mail(sent.is_ok());
        sent
    }

    async fn deliver(&self, mail: &Outgoing<'_>) -> anyhow::Result<()> {
        let from = match self {
            Mailer::Smtp { from, .. } | Mailer::Files { from, .. } => from.clone(),
        };
        let to = mail.to;
        let subject = mail.subject;
        let mut builder = Message::builder()
            .from(from)
            .to(to
                .parse()
                .with_context(|| format!("invalid recipient {to}"))?)
            .subject(subject);
        if let Some(url) = mail.unsubscribe {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        let message = match mail.html {
            Some(html) => builder.multipart(MultiPart::alternative_plain_html(
                mail.text.to_owned(),
                html.to_owned(),
            )),
            None => builder
                .header(ContentType::TEXT_PLAIN)
                .body(mail.text.to_owned()),
        }
        .context("building the mail")?;
        match self {
            Mailer::Smtp { transport, .. } => {
                transport.send(message).await.context("sending by SMTP")?;
            }
            Mailer::Files { folder, .. } => {
                tokio::fs::create_dir_all(folder)
                    .await
                    .context("creating the mail folder")?;
                let id = AsyncFileTransport::<Tokio1Executor>::new(folder)
                    .send(message)
                    .await
                    .context("writing the mail file")?;
                tracing::info!(to, subject, file = %folder.join(format!("{id}.eml")).display(), "mail written");
            }
        }
        Ok(())
    }
}

/// One mail to one recipient.
pub struct Outgoing<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    /// The same content as HTML (sent as multipart/alternative with the text).
    pub html: Option<&'a str>,
    /// The one-click unsubscribe URL (`List-Unsubscribe`, `List-Unsubscribe-Post`).
    pub unsubscribe: Option<&'a str>,
}

/// How mailings are sent.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Mails per minute at most (0: as fast as the server takes them).
    pub per_minute: u32,
    /// Recipients claimed at once.
    pub batch: i64,
    /// Stop a run after this many mails (tests: a sender that dies in the middle).
    pub stop_after: Option<usize>,
}

/// The default rate: 600 mails a minute (10 a second).
pub const DEFAULT_PER_MINUTE: u32 = 600;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            per_minute: DEFAULT_PER_MINUTE,
            batch: 50,
            stop_after: None,
        }
    }
}
