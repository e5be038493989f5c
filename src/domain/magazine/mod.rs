//! The magazine: rubrics, the states of an article and who may move it between them.
//! The body's short codes are in `body.rs`, the editor's form in `form.rs`, the
//! reviewers' diff in `diff.rs`.

pub mod body;
pub mod comments;
pub mod diff;
pub mod form;

use super::permissions::Actor;

/// The magazine's rubrics. „Aus der Szene“ holds guest articles of member organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rubric {
    Portrait,
    Interview,
    Background,
    Review,
    Tips,
    Scene,
}

impl Rubric {
    pub const ALL: [Rubric; 6] = [
        Rubric::Portrait,
        Rubric::Interview,
        Rubric::Background,
        Rubric::Review,
        Rubric::Tips,
        Rubric::Scene,
    ];

    /// The key in URLs (`?rubrik=tipps`) and in the database.
    pub fn key(self) -> &'static str {
        match self {
            Rubric::Portrait => "portraet",
            Rubric::Interview => "interview",
            Rubric::Background => "hintergrund",
            Rubric::Review => "rueckblick",
            Rubric::Tips => "tipps",
            Rubric::Scene => "szene",
        }
    }

    pub fn parse(s: &str) -> Option<Rubric> {
        Rubric::ALL.into_iter().find(|r| r.key() == s)
    }

    /// The German name (the English one is the Fluent message `magazine-rubric-{key}`).
    pub fn label(self) -> &'static str {
        match self {
            Rubric::Portrait => "Porträt",
            Rubric::Interview => "Interview",
            Rubric::Background => "Hintergrund",
            Rubric::Review => "Rückblick",
            Rubric::Tips => "Tipps",
            Rubric::Scene => "Aus der Szene",
        }
    }
}

impl TryFrom<String> for Rubric {
    type Error = super::UnknownKey;

    fn try_from(s: String) -> Result<Rubric, super::UnknownKey> {
        Rubric::parse(&s).ok_or_else(|| super::UnknownKey::new("rubric", s))
    }
}

/// Where an article is in the editorial workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArticleState {
    Draft,
    /// Waits for someone other than its authors to approve it.
    InReview,
    /// Approved; public from its publication time on.
    Scheduled,
    Published,
    /// Published, then changed with a dated correction note.
    Corrected,
    /// Taken back: its address says so (410).
    Withdrawn,
}

impl ArticleState {
    pub const ALL: [ArticleState; 6] = [
        ArticleState::Draft,
        ArticleState::InReview,
        ArticleState::Scheduled,
        ArticleState::Published,
        ArticleState::Corrected,
        ArticleState::Withdrawn,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ArticleState::Draft => "draft",
            ArticleState::InReview => "review",
            ArticleState::Scheduled => "scheduled",
            ArticleState::Published => "published",
            ArticleState::Corrected => "corrected",
            ArticleState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<ArticleState> {
        ArticleState::ALL.into_iter().find(|r| r.key() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            ArticleState::Draft => "Entwurf",
            ArticleState::InReview => "In Prüfung",
            ArticleState::Scheduled => "Geplant",
            ArticleState::Published => "Veröffentlicht",
            ArticleState::Corrected => "Korrigiert",
            ArticleState::Withdrawn => "Zurückgezogen",
        }
    }

    /// Whether the article is approved for the public (from its publication time on).
    pub fn is_approved(self) -> bool {
        matches!(
            self,
            ArticleState::Scheduled | ArticleState::Published | ArticleState::Corrected
        )
    }

    /// Whether its text may still be changed without a correction note.
    pub fn is_unpublished(self) -> bool {
        matches!(self, ArticleState::Draft | ArticleState::InReview)
    }
}

impl TryFrom<String> for ArticleState {
    type Error = super::UnknownKey;

    fn try_from(s: String) -> Result<ArticleState, super::UnknownKey> {
        ArticleState::parse(&s).ok_or_else(|| super::UnknownKey::new("article state", s))
    }
}

/// The one rule of visibility: approved, and its time has come (by the injected clock).
pub fn is_public(state: ArticleState, publish_at: Option<i64>, now: i64) -> bool {
    state.is_approved() && publish_at.is_some_and(|t| t <= now)
}

/// Who wrote or proposed an article, as the workflow's rules see it.
#[derive(Debug, Clone, Default)]
pub struct Authorship {
    /// The account that created it.
    pub created_by: Option<i64>,
    /// The accounts behind its named authors.
    pub author_accounts: Vec<i64>,
    /// The member organisation that proposed it („Aus der Szene“).
    pub guest_org: Option<i64>,
}

impl Authorship {
    pub fn is_author(&self, user: i64) -> bool {
        self.created_by == Some(user) || self.author_accounts.contains(&user)
    }
}

/// Why a step of the workflow was refused (a Fluent id for the person).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The person may not do this at all (403).
    NotAllowed,
    /// Nobody approves their own article.
    OwnArticle,
    /// The article is not in a state this step starts from.
    WrongState,
}

impl Refusal {
    pub fn message_id(self) -> &'static str {
        match self {
            Refusal::NotAllowed => "magazine-not-allowed",
            Refusal::OwnArticle => "magazine-own-approval",
            Refusal::WrongState => "magazine-wrong-state",
        }
    }
}

/// Whether `actor` may write for the magazine at all: its editors write articles, members
/// of an organisation propose guest articles.
pub fn may_write(actor: &Actor) -> bool {
    actor.can_edit_magazine() || !actor.organizations.is_empty()
}

/// Whether `actor` may open and change an article (its text, while unpublished).
pub fn may_edit(actor: &Actor, who: &Authorship) -> bool {
    actor.can_edit_magazine()
        || who.is_author(actor.user_id)
        || who.guest_org.is_some_and(|o| actor.role_in(o).is_some())
}

/// Sending a draft to review: its writers and the magazine's editors.
pub fn submit(actor: &Actor, who: &Authorship, state: ArticleState) -> Result<(), Refusal> {
    if !may_edit(actor, who) {
        return Err(Refusal::NotAllowed);
    }
    if state != ArticleState::Draft {
        return Err(Refusal::WrongState);
    }
    Ok(())
}

/// Approving (and so scheduling) an article in review: an editor of the magazine who is
/// not one of its authors.
pub fn approve(actor: &Actor, who: &Authorship, state: ArticleState) -> Result<(), Refusal> {
    if !actor.can_edit_magazine() {
        return Err(Refusal::NotAllowed);
    }
    if who.is_author(actor.user_id) {
        return Err(Refusal::OwnArticle);
    }
    if state != ArticleState::InReview {
        return Err(Refusal::WrongState);
    }
    Ok(())
}

/// Sending an article in review back to its writers: the magazine's editors.
pub fn return_to_draft(actor: &Actor, state: ArticleState) -> Result<(), Refusal> {
    if !actor.can_edit_magazine() {
        return Err(Refusal::NotAllowed);
    }
    if state != ArticleState::InReview {
        return Err(Refusal::WrongState);
    }
    Ok(())
}

/// Correcting a published article (new text and a dated note) or withdrawing an approved
/// one: the magazine's editors.
pub fn correct(actor: &Actor, state: ArticleState) -> Result<(), Refusal> {
    if !actor.can_edit_magazine() {
        return Err(Refusal::NotAllowed);
    }
    if !matches!(
        state,
        ArticleState::Published | ArticleState::Corrected | ArticleState::Scheduled
    ) {
        return Err(Refusal::WrongState);
    }
    Ok(())
}

pub fn withdraw(actor: &Actor, state: ArticleState) -> Result<(), Refusal> {
    if !actor.can_edit_magazine() {
        return Err(Refusal::NotAllowed);
    }
    if !state.is_approved() {
        return Err(Refusal::WrongState);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::PlatformRole;
    use crate::domain::permissions::OrgRole;

    fn actor(id: i64, editor: bool, orgs: Vec<(i64, OrgRole)>) -> Actor {
        Actor {
            user_id: id,
            role: PlatformRole::Member,
            email_verified: true,
            organizations: orgs,
            magazine_editor: editor,
        }
    }

    #[test]
    fn keys_read_back() {
        for r in Rubric::ALL {
            assert_eq!(Rubric::parse(r.key()), Some(r));
        }
        for s in ArticleState::ALL {
            assert_eq!(ArticleState::parse(s.key()), Some(s));
        }
        assert_eq!(Rubric::parse("klatsch"), None);
    }

    #[test]
    fn nobody_approves_their_own_article() {
        let who = Authorship {
            created_by: Some(1),
            author_accounts: vec![2],
            guest_org: None,
        };
        let (writer, coauthor, other) = (
            actor(1, true, vec![]),
            actor(2, true, vec![]),
            actor(3, true, vec![]),
        );
        assert_eq!(
            approve(&writer, &who, ArticleState::InReview),
            Err(Refusal::OwnArticle)
        );
        assert_eq!(
            approve(&coauthor, &who, ArticleState::InReview),
            Err(Refusal::OwnArticle)
        );
        assert_eq!(approve(&other, &who, ArticleState::InReview), Ok(()));
        assert_eq!(
            approve(&other, &who, ArticleState::Draft),
            Err(Refusal::WrongState)
        );
        assert_eq!(
            approve(&actor(4, false, vec![]), &who, ArticleState::InReview),
            Err(Refusal::NotAllowed)
        );
    }

    #[test]
    fn a_scheduled_article_is_public_from_its_time_on() {
        assert!(!is_public(ArticleState::Scheduled, Some(100), 99));
        assert!(is_public(ArticleState::Scheduled, Some(100), 100));
        assert!(!is_public(ArticleState::InReview, Some(100), 200));
        assert!(!is_public(ArticleState::Withdrawn, Some(100), 200));
        assert!(is_public(ArticleState::Corrected, Some(100), 200));
    }

    #[test]
    fn guests_edit_their_organisations_proposals() {
        let who = Authorship {
            created_by: Some(1),
            author_accounts: vec![],
            guest_org: Some(7),
        };
        assert!(may_edit(&actor(5, false, vec![(7, OrgRole::Editor)]), &who));
        assert!(!may_edit(&actor(5, false, vec![(8, OrgRole::Owner)]), &who));
        assert!(may_write(&actor(5, false, vec![(8, OrgRole::Owner)])));
        assert!(!may_write(&actor(5, false, vec![])));
    }
}
