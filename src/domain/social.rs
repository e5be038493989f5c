//! The social-media desk: the portal's channels with their length limits, how a text is
//! counted (as a reader sees it: characters, links as Mastodon counts them), a post's
//! states and the editorial gate (nobody approves their own post), and the desk's form.

use super::account::{FieldErrors, Message};
use super::form::FormData;
use super::permissions::Actor;

/// A channel the portal posts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    /// Mastodon and every other server of the fediverse: the portal's own actor posts.
    Fediverse,
    Instagram,
    Facebook,
    Bluesky,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Fediverse,
        Channel::Instagram,
        Channel::Facebook,
        Channel::Bluesky,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Channel::Fediverse => "fediverse",
            Channel::Instagram => "instagram",
            Channel::Facebook => "facebook",
            Channel::Bluesky => "bluesky",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.key() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::Fediverse => "Fediverse (Mastodon …)",
            Channel::Instagram => "Instagram",
            Channel::Facebook => "Facebook",
            Channel::Bluesky => "Bluesky",
        }
    }

    /// The most characters a post may have there (Mastodon's default, Instagram's
    /// caption, Facebook's post, Bluesky's post).
    pub fn limit(self) -> usize {
        match self {
            Channel::Fediverse => 500,
            Channel::Instagram => 2_200,
            Channel::Facebook => 63_206,
            Channel::Bluesky => 300,
        }
    }

    /// Whether the portal posts itself (the fediverse); the others have no open interface
    /// and become a download in „bereit zum Posten“.
    pub fn is_automatic(self) -> bool {
        self == Channel::Fediverse
    }

    /// The form field of the channel's text.
    pub fn field(self) -> &'static str {
        match self {
            Channel::Fediverse => "text_fediverse",
            Channel::Instagram => "text_instagram",
            Channel::Facebook => "text_facebook",
            Channel::Bluesky => "text_bluesky",
        }
    }
}

impl TryFrom<String> for Channel {
    type Error = super::UnknownKey;

    fn try_from(s: String) -> Result<Channel, super::UnknownKey> {
        Channel::parse(&s).ok_or_else(|| super::UnknownKey::new("channel", s))
    }
}

/// How many characters a link counts, whatever its length (Mastodon's rule).
pub const LINK_LENGTH: usize = 23;

/// The length of `text` as its readers see it: characters (not bytes), every
/// `http://` or `https://` link counted as [`LINK_LENGTH`].
pub fn length(text: &str) -> usize {
    let mut count = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let trimmed = word.trim_end_matches(char::is_whitespace);
        let space = word.chars().count() - trimmed.chars().count();
        if trimmed.starts_with("https://") || trimmed.starts_with("http://") {
            count += LINK_LENGTH + space;
        } else {
            count += word.chars().count();
        }
    }
    count
}

/// Hashtags as typed („#Jazz, Bochum kultur“) → `["Jazz", "Bochum", "kultur"]`: letters,
/// digits and underscores; anything else is refused.
pub fn hashtags(typed: &str) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::new();
    for word in typed.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        let tag = word.trim_start_matches('#');
        if tag.is_empty() {
            continue;
        }
        if !tag.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Err(tag.to_owned());
        }
        if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            tags.push(tag.to_owned());
        }
    }
    Ok(tags)
}

/// What a channel's post says in full: the text, the link to the event or article, the
/// hashtags — what is counted against the channel's limit.
pub fn full_text(text: &str, link: &str, tags: &[String]) -> String {
    let mut out = text.trim().to_owned();
    if !link.is_empty() {
        out.push_str("\n\n");
        out.push_str(link);
    }
    if !tags.is_empty() {
        out.push_str("\n\n");
        out.push_str(
            &tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    out
}

/// Characters a channel's text has left (negative: too long), with the link and the
/// hashtags that go with it.
pub fn remaining(channel: Channel, text: &str, tags: &[String]) -> i64 {
    // Any link counts the same, so a placeholder stands in for the real address.
    let full = full_text(text, "https://k.invalid/", tags);
    channel.limit() as i64 - length(&full) as i64
}

/// Where a post is on the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PostState {
    Draft,
    /// Waits for a second editor.
    InReview,
    /// Approved; goes out at its planned time.
    Scheduled,
    /// Its time came: posted on the fediverse, ready for the other channels.
    Published,
}

impl PostState {
    pub const ALL: [PostState; 4] = [
        PostState::Draft,
        PostState::InReview,
        PostState::Scheduled,
        PostState::Published,
    ];

    pub fn key(self) -> &'static str {
        match self {
            PostState::Draft => "draft",
            PostState::InReview => "review",
            PostState::Scheduled => "scheduled",
            PostState::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Option<PostState> {
        PostState::ALL.into_iter().find(|p| p.key() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            PostState::Draft => "Entwurf",
            PostState::InReview => "zur Freigabe",
            PostState::Scheduled => "freigegeben, geplant",
            PostState::Published => "veröffentlicht",
        }
    }
}

impl TryFrom<String> for PostState {
    type Error = super::UnknownKey;

    fn try_from(s: String) -> Result<PostState, super::UnknownKey> {
        PostState::parse(&s).ok_or_else(|| super::UnknownKey::new("post state", s))
    }
}

/// Why a step was refused (a Fluent id for the person).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Only the magazine's editors work the desk (403).
    NotAllowed,
    /// Nobody approves their own post.
    OwnPost,
    /// The post is not in a state this step starts from.
    WrongState,
}

impl Refusal {
    pub fn message_id(self) -> &'static str {
        match self {
            Refusal::NotAllowed => "social-not-allowed",
            Refusal::OwnPost => "social-own-approval",
            Refusal::WrongState => "social-wrong-state",
        }
    }
}

fn editor(actor: &Actor) -> Result<(), Refusal> {
    if actor.can_edit_magazine() {
        Ok(())
    } else {
        Err(Refusal::NotAllowed)
    }
}

/// Changing a post's texts: the editors, before it is approved.
pub fn edit(actor: &Actor, state: PostState) -> Result<(), Refusal> {
    editor(actor)?;
    match state {
        PostState::Draft | PostState::InReview => Ok(()),
        _ => Err(Refusal::WrongState),
    }
}

/// Giving a draft to the second editor.
pub fn submit(actor: &Actor, state: PostState) -> Result<(), Refusal> {
    editor(actor)?;
    if state != PostState::Draft {
        return Err(Refusal::WrongState);
    }
    Ok(())
}

/// Approving a post in review: an editor who did not write it.
pub fn approve(actor: &Actor, author: Option<i64>, state: PostState) -> Result<(), Refusal> {
    editor(actor)?;
    if author == Some(actor.user_id) {
        return Err(Refusal::OwnPost);
    }
    if state != PostState::InReview {
        return Err(Refusal::WrongState);
    }
    Ok(())
}

/// Sending a post in review back with a reason, or taking an approved one back before
/// its time: the editors.
pub fn send_back(actor: &Actor, state: PostState) -> Result<(), Refusal> {
    editor(actor)?;
    match state {
        PostState::InReview | PostState::Scheduled => Ok(()),
        _ => Err(Refusal::WrongState),
    }
}

/// What a post is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// An event, by its slug.
    Event(String),
    /// A magazine article, by its slug.
    Article(String),
}

impl Subject {
    /// Reads `/veranstaltungen/{slug}`, `/magazin/{slug}` or a whole address of either
    /// (as editors copy it from the browser), with or without `/en`.
    pub fn parse(typed: &str) -> Option<Subject> {
        let path = typed.trim();
        let path = path
            .split_once("://")
            .map_or(path, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let path = path.strip_prefix("/en").unwrap_or(path);
        let mut parts = path.trim_matches('/').split('/');
        let (Some(kind), Some(slug), None) = (parts.next(), parts.next(), parts.next()) else {
            return None;
        };
        let slug = super::slug::Slug::parse(slug)?.as_str().to_owned();
        match kind {
            "veranstaltungen" => Some(Subject::Event(slug)),
            "magazin" => Some(Subject::Article(slug)),
            _ => None,
        }
    }

    pub fn path(&self) -> String {
        match self {
            Subject::Event(s) => format!("/veranstaltungen/{s}"),
            Subject::Article(s) => format!("/magazin/{s}"),
        }
    }
}

pub const MAX_HASHTAGS: usize = 10;

/// A valid post as its editor describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostDraft {
    pub subject: Subject,
    /// The texts of the channels it goes to (at least one).
    pub texts: Vec<(Channel, String)>,
    pub hashtags: Vec<String>,
    /// When it goes out (UTC seconds).
    pub planned_at: i64,
}

impl PostDraft {
    /// Reads the desk's form: `ziel`, a text per channel, `hashtags`, `datum` and
    /// `uhrzeit` (Bochum time). Every problem is a message at its field.
    pub fn parse(form: &FormData) -> Result<PostDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let subject = Subject::parse(form.trimmed("ziel"));
        if subject.is_none() {
            errors.add("ziel", "social-subject-missing");
        }
        let tags = match hashtags(form.trimmed("hashtags")) {
            Ok(tags) if tags.len() > MAX_HASHTAGS => {
                errors.add(
                    "hashtags",
                    Message::new("social-hashtags-many").with("max", MAX_HASHTAGS),
                );
                tags
            }
            Ok(tags) => tags,
            Err(bad) => {
                errors.add(
                    "hashtags",
                    Message::new("social-hashtag-invalid").with("tag", bad),
                );
                Vec::new()
            }
        };
        let mut texts = Vec::new();
        for channel in Channel::ALL {
            let text = form.trimmed(channel.field()).replace("\r\n", "\n");
            if text.is_empty() {
                continue;
            }
            let left = remaining(channel, &text, &tags);
            if left < 0 {
                errors.add(
                    channel.field(),
                    Message::new("social-too-long")
                        .with("channel", channel.label())
                        .with("limit", channel.limit())
                        .with("over", -left),
                );
            }
            texts.push((channel, text));
        }
        if texts.is_empty() {
            errors.add("text_fediverse", "social-text-missing");
        }
        let day = super::editor::parse_date(form.trimmed("datum"));
        let time = super::editor::parse_time(form.trimmed("uhrzeit"));
        if day.is_none() {
            errors.add("datum", "social-date-missing");
        }
        if time.is_none() {
            errors.add("uhrzeit", "social-time-missing");
        }
        let planned_at = day
            .zip(time)
            .map(|(day, (h, m))| super::calendar::local_instant(day, h, m).timestamp());
        match (subject, planned_at) {
            (Some(subject), Some(planned_at)) if errors.is_empty() => Ok(PostDraft {
                subject,
                texts,
                hashtags: tags,
                planned_at,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::PlatformRole;

    fn actor(id: i64, editor: bool) -> Actor {
        Actor {
            user_id: id,
            role: PlatformRole::Member,
            email_verified: true,
            organizations: vec![],
            magazine_editor: editor,
        }
    }

    #[test]
    fn text_is_counted_as_readers_see_it() {
        assert_eq!(length("Käsekuchen"), 10);
        assert_eq!(length("🎷 Jazz"), 6);
        assert_eq!(
            length("Mehr: https://kultur.bochum.de/veranstaltungen/ein-sehr-langer-name heute"),
            6 + 23 + 6
        );
        assert_eq!(length("http://a.b\nx"), 23 + 2);
    }

    #[test]
    fn the_limit_includes_link_and_hashtags() {
        let tags = vec!["Jazz".to_owned(), "Bochum".to_owned()];
        // 10 + 2 + 23 + 2 + "#Jazz #Bochum" (13)
        assert_eq!(remaining(Channel::Bluesky, "Käsekuchen", &tags), 300 - 50);
        assert_eq!(remaining(Channel::Fediverse, &"x".repeat(475), &[]), 0);
        assert_eq!(remaining(Channel::Fediverse, &"x".repeat(476), &[]), -1);
    }

    #[test]
    fn hashtags_are_read_as_typed() {
        assert_eq!(
            hashtags("#Jazz, Bochum  #jazz kultur_ruhr"),
            Ok(vec!["Jazz".into(), "Bochum".into(), "kultur_ruhr".into()])
        );
        assert_eq!(hashtags("#Jazz #Rock&Roll"), Err("Rock&Roll".into()));
    }

    #[test]
    fn subjects_are_read_from_addresses() {
        assert_eq!(
            Subject::parse("https://kultur.example/en/veranstaltungen/jazz-im-keller?x=1"),
            Some(Subject::Event("jazz-im-keller".into()))
        );
        assert_eq!(
            Subject::parse("/magazin/die-rotunde"),
            Some(Subject::Article("die-rotunde".into()))
        );
        assert_eq!(Subject::parse("/orte/rotunde"), None);
        assert_eq!(Subject::parse(""), None);
    }

    #[test]
    fn nobody_approves_their_own_post() {
        assert_eq!(
            approve(&actor(1, true), Some(1), PostState::InReview),
            Err(Refusal::OwnPost)
        );
        assert_eq!(
            approve(&actor(2, true), Some(1), PostState::InReview),
            Ok(())
        );
        assert_eq!(
            approve(&actor(2, true), Some(1), PostState::Draft),
            Err(Refusal::WrongState)
        );
        assert_eq!(
            approve(&actor(3, false), Some(1), PostState::InReview),
            Err(Refusal::NotAllowed)
        );
        for s in PostState::ALL {
            assert_eq!(PostState::parse(s.key()), Some(s));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.key()), Some(c));
        }
    }
}
