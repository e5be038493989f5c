//! What happened: the domain events a write records in the outbox, in the same
//! transaction as the write itself. Consumers (search index, page cache, notifications,
//! webhooks, later the fediverse and newsletters) read them; each decides what it cares
//! about by the [`ChangeKind`].

use serde::{Deserialize, Serialize};

/// The kinds of change, stored as their key (`event.published`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// An event became public (new, approved, or published from a draft).
    EventPublished,
    /// A public event changed (texts, dates, place …).
    EventChanged,
    /// Every coming date of a public event was cancelled.
    EventCancelled,
    /// Every coming date of a public event was postponed.
    EventPostponed,
    /// A public event is public no more (back to draft or review, or refused).
    EventWithdrawn,
    /// An event waits for review by moderation.
    EventSubmitted,
    /// Moderation refused an event (its writer hears why).
    EventRejected,
    /// An event was deleted for good.
    EventDeleted,
    /// An organisation's name, description or Sparten changed.
    OrganizationChanged,
    /// A venue's data changed (name, district, access), so did its events' filters.
    VenueChanged,
    /// The Sparten changed (administration).
    CategoriesChanged,
    /// A magazine article was sent to review.
    ArticleSubmitted,
    /// A magazine article was approved; public from its time on.
    ArticleScheduled,
    /// A magazine article's time came: it is public (the fediverse sends it from here).
    ArticlePublished,
    /// A public article was corrected (with a dated note).
    ArticleCorrected,
    /// An article was withdrawn (its address answers 410).
    ArticleWithdrawn,
    /// A reader's comment became public for the first time (its article's authors and
    /// portrayed organisations hear of it); the subject is the comment.
    CommentPublished,
    /// A comment was held after a report, approved again, removed or deleted (pages show
    /// it differently); the subject is the comment.
    CommentChanged,
    /// A post of the social-media desk reached its planned time (the portal's actor
    /// posts it on the fediverse); the subject is the post.
    SocialPublished,
    /// A reply or mention from the fediverse reached „Nachrichten“ (the organisation's
    /// members or the moderators hear of it); the subject is the thread.
    RemoteMessage,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 20] = [
        ChangeKind::EventPublished,
        ChangeKind::EventChanged,
        ChangeKind::EventCancelled,
        ChangeKind::EventPostponed,
        ChangeKind::EventWithdrawn,
        ChangeKind::EventSubmitted,
        ChangeKind::EventRejected,
        ChangeKind::EventDeleted,
        ChangeKind::OrganizationChanged,
        ChangeKind::VenueChanged,
        ChangeKind::CategoriesChanged,
        ChangeKind::ArticleSubmitted,
        ChangeKind::ArticleScheduled,
        ChangeKind::ArticlePublished,
        ChangeKind::ArticleCorrected,
        ChangeKind::ArticleWithdrawn,
        ChangeKind::CommentPublished,
        ChangeKind::CommentChanged,
        ChangeKind::SocialPublished,
        ChangeKind::RemoteMessage,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ChangeKind::EventPublished => "event.published",
            ChangeKind::EventChanged => "event.changed",
            ChangeKind::EventCancelled => "event.cancelled",
            ChangeKind::EventPostponed => "event.postponed",
            ChangeKind::EventWithdrawn => "event.withdrawn",
            ChangeKind::EventSubmitted => "event.submitted",
            ChangeKind::EventRejected => "event.rejected",
            ChangeKind::EventDeleted => "event.deleted",
            ChangeKind::OrganizationChanged => "organization.changed",
            ChangeKind::VenueChanged => "venue.changed",
            ChangeKind::CategoriesChanged => "categories.changed",
            ChangeKind::ArticleSubmitted => "article.submitted",
            ChangeKind::ArticleScheduled => "article.scheduled",
            ChangeKind::ArticlePublished => "article.published",
            ChangeKind::ArticleCorrected => "article.corrected",
            ChangeKind::ArticleWithdrawn => "article.withdrawn",
            ChangeKind::CommentPublished => "comment.published",
            ChangeKind::CommentChanged => "comment.changed",
            ChangeKind::SocialPublished => "social.published",
            ChangeKind::RemoteMessage => "message.remote",
        }
    }

    pub fn parse(s: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|k| k.key() == s)
    }

    /// Whether the change is about one event (its id is the subject).
    pub fn is_about_an_event(self) -> bool {
        self.key().starts_with("event.")
    }

    /// Whether the public sees something new: what the portal's feeds, webhooks and
    /// (later) followers on the fediverse are told.
    pub fn is_public(self) -> bool {
        matches!(
            self,
            ChangeKind::EventPublished
                | ChangeKind::EventChanged
                | ChangeKind::EventCancelled
                | ChangeKind::EventPostponed
                | ChangeKind::EventWithdrawn
                | ChangeKind::EventDeleted
                | ChangeKind::ArticlePublished
                | ChangeKind::ArticleCorrected
                | ChangeKind::ArticleWithdrawn
                | ChangeKind::SocialPublished
        )
    }

    /// Whether the change is about one magazine article (its id is the subject).
    pub fn is_about_an_article(self) -> bool {
        self.key().starts_with("article.")
    }
}

/// What a consumer needs to know about an event change without reading the database
/// again (the event may be gone by the time it runs).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFacts {
    pub title: String,
    pub slug: String,
    /// The organisations that present it.
    pub organizations: Vec<i64>,
    /// The status after the change (`published`, `pending` …).
    pub status: String,
    /// Moderation approved it (the writer hears about it).
    pub approved: bool,
    /// Why moderation refused it.
    pub reason: String,
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    /// The event, organisation or venue the change is about (0 for the Sparten).
    pub subject: i64,
    pub facts: EventFacts,
}

impl Change {
    pub fn event(kind: ChangeKind, id: i64, facts: EventFacts) -> Change {
        Change {
            kind,
            subject: id,
            facts,
        }
    }

    pub fn of(kind: ChangeKind, subject: i64) -> Change {
        Change {
            kind,
            subject,
            facts: EventFacts::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_from_their_keys() {
        for k in ChangeKind::ALL {
            assert_eq!(ChangeKind::parse(k.key()), Some(k));
            assert_eq!(k.is_about_an_event(), k.key().starts_with("event."));
        }
        assert_eq!(ChangeKind::parse("event.eaten"), None);
        assert!(!ChangeKind::EventSubmitted.is_public());
        assert!(ChangeKind::EventDeleted.is_public());
    }
}
