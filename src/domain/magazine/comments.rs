//! Readers' comments under articles: their states, the form's rules (name, address, text,
//! at most two links), when comments close, and who publishes at once.

use crate::domain::account::{Email, FieldErrors};
use crate::domain::form::FormData;

/// Longest comment, in characters.
pub const MAX_LENGTH: usize = 3000;
/// Longest visitor's name, in characters.
pub const MAX_NAME: usize = 80;
/// Links a comment may hold.
pub const MAX_LINKS: usize = 2;
/// Days after publication during which an article takes comments, unless configured.
pub const DEFAULT_OPEN_DAYS: i64 = 30;

/// Where a comment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommentState {
    /// A visitor's comment whose address is not confirmed yet.
    Unconfirmed,
    /// Waits for moderation (a first comment, or reported).
    Held,
    Published,
    /// Removed by moderation or deleted by its writer.
    Removed,
}

impl CommentState {
    pub const ALL: [CommentState; 4] = [
        CommentState::Unconfirmed,
        CommentState::Held,
        CommentState::Published,
        CommentState::Removed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CommentState::Unconfirmed => "unconfirmed",
            CommentState::Held => "held",
            CommentState::Published => "published",
            CommentState::Removed => "removed",
        }
    }

    pub fn parse(s: &str) -> Option<CommentState> {
        CommentState::ALL.into_iter().find(|c| c.key() == s)
    }
}

impl TryFrom<String> for CommentState {
    type Error = crate::domain::UnknownKey;

    fn try_from(s: String) -> Result<CommentState, crate::domain::UnknownKey> {
        CommentState::parse(&s).ok_or_else(|| crate::domain::UnknownKey::new("comment state", s))
    }
}

/// Why a comment waits for moderation.
pub const HELD_FIRST: &str = "first";
pub const HELD_REPORTED: &str = "reported";

/// The state of a comment whose writer is known (confirmed address or member): the first
/// comment of an address or account waits, later ones appear at once. The magazine's
/// editors and moderators publish at once.
pub fn state_on_arrival(trusted: bool, known: bool) -> CommentState {
    if trusted || known {
        CommentState::Published
    } else {
        CommentState::Held
    }
}

/// Whether the article still takes comments: `days` after its publication.
pub fn is_open(published_at: Option<i64>, now: i64, days: i64) -> bool {
    published_at.is_some_and(|p| now < p.saturating_add(days.saturating_mul(86_400)))
}

/// How many links a text holds (`http://`, `https://`, `www.`).
pub fn count_links(text: &str) -> usize {
    let lower = text.to_lowercase();
    lower.matches("http://").count()
        + lower.matches("https://").count()
        + lower
            .match_indices("www.")
            .filter(|(i, _)| !lower[..*i].ends_with("//"))
            .count()
}

/// A comment as the form gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentInput {
    pub body: String,
    /// The comment it answers (one level only).
    pub parent: Option<i64>,
    /// A visitor's name and address (`None` for members).
    pub visitor: Option<(String, Email)>,
}

/// Reads the comment form; `member` leaves out name and address. Messages are Fluent ids.
pub fn parse(form: &FormData, member: bool) -> Result<CommentInput, FieldErrors> {
    let mut errors = FieldErrors::default();
    let body = form.trimmed("body").replace("\r\n", "\n");
    let length = body.chars().count();
    if length < 2 {
        errors.add("body", "comment-body-missing");
    } else if length > MAX_LENGTH {
        errors.add("body", "comment-body-long");
    } else if count_links(&body) > MAX_LINKS {
        errors.add("body", "comment-too-many-links");
    }
    let parent = match form.trimmed("antwort") {
        "" => None,
        p => match p.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                errors.add("body", "comment-parent-invalid");
                None
            }
        },
    };
    let visitor = if member {
        None
    } else {
        let name = form.trimmed("name").to_owned();
        if name.is_empty() || name.chars().count() > MAX_NAME {
            errors.add("name", "comment-name-invalid");
        }
        let email = Email::parse(form.get("email"));
        if email.is_none() {
            errors.add("email", "comment-email-invalid");
        }
        email.map(|e| (name, e))
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(CommentInput {
        body,
        parent,
        visitor,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FormData {
        FormData::new(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn at_most_two_links() {
        assert_eq!(count_links("siehe https://a.de und www.b.de"), 2);
        assert_eq!(count_links("https://www.a.de"), 1);
        let three = form(&[
            ("body", "http://a.de http://b.de www.c.de"),
            ("name", "Ada"),
            ("email", "ada@example.org"),
        ]);
        assert_eq!(
            parse(&three, false)
                .err()
                .and_then(|e| e.get("body").map(str::to_owned)),
            Some("comment-too-many-links".to_owned())
        );
        let two = form(&[("body", "http://a.de und http://b.de")]);
        assert!(parse(&two, true).is_ok());
    }

    #[test]
    fn visitors_give_name_and_address() {
        let f = form(&[("body", "Schön!"), ("name", ""), ("email", "nix")]);
        let errors = parse(&f, false).err().unwrap_or_default();
        assert_eq!(errors.get("name"), Some("comment-name-invalid"));
        assert_eq!(errors.get("email"), Some("comment-email-invalid"));
        assert!(parse(&f, true).is_ok(), "members give neither");
    }

    #[test]
    fn comments_close_after_the_configured_days() {
        assert!(is_open(Some(0), 86_400 * 30 - 1, 30));
        assert!(!is_open(Some(0), 86_400 * 30, 30));
        assert!(!is_open(None, 0, 30));
    }

    #[test]
    fn first_comments_wait() {
        assert_eq!(state_on_arrival(false, false), CommentState::Held);
        assert_eq!(state_on_arrival(false, true), CommentState::Published);
        assert_eq!(state_on_arrival(true, false), CommentState::Published);
    }
}
