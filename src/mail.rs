//! Sending e-mail: SMTP when `KP_SMTP_URL` is set, else `.eml` files in a folder (and a log
//! line), so that the demo and the tests work offline and can read what was sent.

use anyhow::Context;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
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

    /// Sends a plain-text mail in German.
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> anyhow::Result<()> {
        let sent = self.deliver(to, subject, body).await;
        crate::metrics::METRICS.mail(sent.is_ok());
        sent
    }

    async fn deliver(&self, to: &str, subject: &str, body: &str) -> anyhow::Result<()> {
        let from = match self {
            Mailer::Smtp { from, .. } | Mailer::Files { from, .. } => from.clone(),
        };
        let message = Message::builder()
            .from(from)
            .to(to
                .parse()
                .with_context(|| format!("invalid recipient {to}"))?)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_owned())
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
