//! Accounts: e-mail addresses, passwords, names and platform roles, each valid once it
//! exists. Form input becomes a [`NewAccount`] or a list of field errors (message ids).

use std::collections::BTreeMap;

/// A message for a person: the id of a Fluent message (`account-name-missing`, see
/// `locales/`) with its arguments, put into words in the reader's language by the web
/// layer. Text that is no message id (a parser's own words) is shown as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    pub args: Vec<(&'static str, String)>,
}

impl Message {
    pub fn new(id: impl Into<String>) -> Message {
        Message {
            id: id.into(),
            args: Vec::new(),
        }
    }

    /// The message with one more argument (`{ $max }` in the Fluent text).
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Message {
        self.args.push((name, value.to_string()));
        self
    }
}

impl From<&str> for Message {
    fn from(id: &str) -> Message {
        Message::new(id)
    }
}

impl From<String> for Message {
    fn from(id: String) -> Message {
        Message::new(id)
    }
}

/// Messages per form field; empty means valid.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(pub BTreeMap<&'static str, Message>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, message: impl Into<Message>) {
        self.0.entry(field).or_insert_with(|| message.into());
    }

    /// The id (or text) of the field's message.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(|m| m.id.as_str())
    }

    /// The field's message with its arguments.
    pub fn message(&self, field: &str) -> Option<&Message> {
        self.0.get(field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A lowercased e-mail address with one `@` and a dotted domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(s: &str) -> Option<Email> {
        let s = s.trim().to_lowercase();
        let (local, domain) = s.split_once('@')?;
        let ok = !local.is_empty()
            && s.len() <= 254
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !s.contains(char::is_whitespace)
            && !domain.contains('@');
        ok.then_some(Email(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The shortest password we accept (BSI and NIST favour length over rules).
pub const MIN_PASSWORD: usize = 10;
pub const MAX_PASSWORD: usize = 200;
/// The longest display name.
pub const MAX_NAME: usize = 80;

/// The roles of the platform; roles within an organisation are separate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlatformRole {
    Member,
    Moderator,
    Admin,
}

impl PlatformRole {
    pub fn key(self) -> &'static str {
        match self {
            PlatformRole::Member => "member",
            PlatformRole::Moderator => "moderator",
            PlatformRole::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<PlatformRole> {
        match s {
            "member" => Some(PlatformRole::Member),
            "moderator" => Some(PlatformRole::Moderator),
            "admin" => Some(PlatformRole::Admin),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PlatformRole::Member => "Mitglied",
            PlatformRole::Moderator => "Moderation",
            PlatformRole::Admin => "Administration",
        }
    }
}

impl TryFrom<String> for PlatformRole {
    type Error = super::UnknownKey;

    fn try_from(s: String) -> Result<PlatformRole, super::UnknownKey> {
        PlatformRole::parse(&s).ok_or_else(|| super::UnknownKey::new("platform role", s))
    }
}

/// A valid registration.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub email: Email,
    pub display_name: String,
    pub password: String,
}

impl NewAccount {
    pub fn parse(
        email: &str,
        display_name: &str,
        password: &str,
        repeat: &str,
    ) -> Result<NewAccount, FieldErrors> {
        let mut errors = FieldErrors::default();
        let email = Email::parse(email);
        if email.is_none() {
            errors.add("email", "account-email-invalid");
        }
        let name = display_name.trim();
        if name.is_empty() {
            errors.add("display_name", "account-name-missing");
        } else if name.chars().count() > MAX_NAME {
            errors.add(
                "display_name",
                Message::new("account-name-too-long").with("max", MAX_NAME),
            );
        }
        let length = password.chars().count();
        if length < MIN_PASSWORD {
            errors.add(
                "password",
                Message::new("account-password-too-short").with("min", MIN_PASSWORD),
            );
        } else if length > MAX_PASSWORD {
            errors.add(
                "password",
                Message::new("account-password-too-long").with("max", MAX_PASSWORD),
            );
        } else if password != repeat {
            errors.add("password_repeat", "account-password-mismatch");
        }
        match email {
            Some(email) if errors.is_empty() => Ok(NewAccount {
                email,
                display_name: name.to_owned(),
                password: password.to_owned(),
            }),
            _ => Err(errors),
        }
    }
}

/// Failed logins from one client for one account that are free of any wait.
pub const FREE_FAILURES: i64 = 5;

/// How long one client must wait after its `failures`-th failed login for one account
/// before it may try that account again: nothing for the first few, then 30 s doubling
/// with every further failure, at most an hour. Other clients are not slowed by it, so a
/// stranger guessing cannot lock the owner out.
pub fn login_wait(failures: i64) -> i64 {
    if failures < FREE_FAILURES {
        return 0;
    }
    let doublings = (failures - FREE_FAILURES).min(7) as u32;
    (30_i64 << doublings).min(3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_roles_round_trip() {
        for r in [
            PlatformRole::Member,
            PlatformRole::Moderator,
            PlatformRole::Admin,
        ] {
            assert_eq!(PlatformRole::parse(r.key()), Some(r));
        }
        assert!(PlatformRole::try_from("owner".to_owned()).is_err());
    }

    #[test]
    fn failed_logins_wait_longer_and_longer() {
        assert_eq!(login_wait(0), 0);
        assert_eq!(login_wait(4), 0);
        assert_eq!(login_wait(5), 30);
        assert_eq!(login_wait(6), 60);
        assert_eq!(login_wait(7), 120);
        assert_eq!(login_wait(11), 1920);
        assert_eq!(login_wait(12), 3600);
        assert_eq!(login_wait(1000), 3600);
    }

    #[test]
    fn registrations_are_checked_field_by_field() {
        assert!(
            NewAccount::parse(
                "Ada@Example.org ",
                "Ada",
                "lange-passphrase",
                "lange-passphrase"
            )
            .is_ok()
        );
        let errors = NewAccount::parse("kein-at", "", "kurz", "kurz")
            .err()
            .unwrap_or_default();
        assert!(errors.get("email").is_some());
        assert!(errors.get("display_name").is_some());
        assert_eq!(errors.get("password"), Some("account-password-too-short"));
        assert_eq!(
            errors.message("password").map(|m| m.args.clone()),
            Some(vec![("min", "10".to_owned())])
        );
        assert_eq!(
            Email::parse(" Ada@Example.ORG").map(|e| e.as_str().to_owned()),
            Some("ada@example.org".into())
        );
    }
}
