//! Creating accounts outside the browser: the `user create` command and the demo accounts.

use crate::auth;
use crate::db::users::{self, CreateUserError};
use crate::db::{Db, organizations};
use crate::domain::account::{Email, MIN_PASSWORD, PlatformRole};
use crate::domain::permissions::OrgRole;
use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use std::io::{BufRead, IsTerminal};

/// The password of every demo account. Demo only: never on a public instance.
pub const DEMO_PASSWORD: &str = "demo-kulturportal";

/// A demo account: e-mail, name, platform role, and an organisation (slug, role there).
pub type DemoAccount = (
    &'static str,
    &'static str,
    PlatformRole,
    Option<(&'static str, OrgRole)>,
);

pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    (
        "admin@demo.kulturportal.invalid",
        "Ada Admin (Demo)",
        PlatformRole::Admin,
        None,
    ),
    (
        "moderation@demo.kulturportal.invalid",
        "Mo Moderation (Demo)",
        PlatformRole::Moderator,
        None,
    ),
    (
        "redaktion@demo.kulturportal.invalid",
        "Rita Redaktion (Demo)",
        PlatformRole::Member,
        Some(("kollektiv-floezlicht", OrgRole::Owner)),
    ),
    (
        "mitglied@demo.kulturportal.invalid",
        "Max Mitglied (Demo)",
        PlatformRole::Member,
        None,
    ),
    // Edits the demo's magazine (the role is given in `demo::magazine`).
    (
        "magazin@demo.kulturportal.invalid",
        "Mara Magazin (Demo)",
        PlatformRole::Member,
        None,
    ),
];

/// Reads the password: hidden prompt on a terminal, else the first line of stdin.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password("Passwort: ").context("reading the password");
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from stdin")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

pub async fn create_from_cli(
    db: &Db,
    email: &str,
    role: &str,
    name: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    let Some(email) = Email::parse(email) else {
        bail!("ungültige E-Mail-Adresse: {email}")
    };
    let Some(role) = PlatformRole::parse(role) else {
        bail!("unbekannte Rolle {role} (admin, moderator, member)")
    };
    let password = read_password()?;
    if password.chars().count() < MIN_PASSWORD {
        bail!("das Passwort muss mindestens {MIN_PASSWORD} Zeichen lang sein");
    }
    let name = name.map_or_else(
        || email.as_str().split('@').next().unwrap_or("").to_owned(),
        str::to_owned,
    );
    let hash = auth::hash_password(&password)?;
    match users::create(db, &email, &name, &hash, role, now.timestamp()).await {
        Ok(id) => {
            // Whoever runs the command on the server vouches for the address.
            users::mark_verified(db, id, now.timestamp()).await?;
            Ok(id)
        }
        Err(CreateUserError::EmailTaken) => bail!("für {} gibt es schon ein Konto", email.as_str()),
        Err(CreateUserError::Db(e)) => Err(e.into()),
    }
}

/// Creates the demo accounts (see README) with their memberships.
pub async fn seed_demo_accounts(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    let hash = auth::hash_password(DEMO_PASSWORD)?;
    for (email, name, role, membership) in DEMO_ACCOUNTS {
        let Some(email) = Email::parse(email) else {
            continue;
        };
        let id = match users::create(db, &email, name, &hash, *role, now.timestamp()).await {
            Ok(id) => id,
            Err(CreateUserError::EmailTaken) => continue,
            Err(CreateUserError::Db(e)) => return Err(e.into()),
        };
        users::mark_verified(db, id, now.timestamp()).await?;
        if let Some((org, org_role)) = membership
            && let Some(o) = organizations::by_slug(db, org).await?
        {
            users::add_membership(db, o.id, id, *org_role, None, now.timestamp()).await?;
        }
    }
    Ok(())
}
