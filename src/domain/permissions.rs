//! Who may do what. One place decides, from the person's platform role and their roles in
//! organisations; the web layer asks and answers 403 (or the login page) when it says no.

use super::account::PlatformRole;

/// A person's role within one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgRole {
    /// Edits the organisation's data, manages its members, and everything an editor does.
    Owner,
    /// Creates, edits, duplicates, postpones, cancels and deletes the organisation's events.
    Editor,
}

impl OrgRole {
    pub const ALL: [OrgRole; 2] = [OrgRole::Owner, OrgRole::Editor];

    pub fn parse(s: &str) -> Option<OrgRole> {
        OrgRole::ALL.into_iter().find(|r| r.key() == s)
    }

    pub fn key(self) -> &'static str {
        match self {
            OrgRole::Owner => "owner",
            OrgRole::Editor => "editor",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            OrgRole::Owner => "Verantwortlich",
            OrgRole::Editor => "Redaktion",
        }
    }
}

impl TryFrom<String> for OrgRole {
    type Error = super::UnknownKey;

    fn try_from(s: String) -> Result<OrgRole, super::UnknownKey> {
        OrgRole::parse(&s).ok_or_else(|| super::UnknownKey::new("organisation role", s))
    }
}

/// A logged-in person as the rules see them.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: i64,
    pub role: PlatformRole,
    pub email_verified: bool,
    /// `(organisation id, role)` for every organisation the person belongs to.
    pub organizations: Vec<(i64, OrgRole)>,
    /// Edits the magazine (a role given by admins, beside the platform role).
    pub magazine_editor: bool,
}

impl Actor {
    pub fn is_moderator(&self) -> bool {
        matches!(self.role, PlatformRole::Moderator | PlatformRole::Admin)
    }

    pub fn is_admin(&self) -> bool {
        self.role == PlatformRole::Admin
    }

    /// The magazine's editors review, schedule, correct and withdraw articles; admins
    /// may do so too.
    pub fn can_edit_magazine(&self) -> bool {
        self.magazine_editor || self.is_admin()
    }

    pub fn role_in(&self, org: i64) -> Option<OrgRole> {
        self.organizations
            .iter()
            .find(|(id, _)| *id == org)
            .map(|(_, r)| *r)
    }

    /// Events are edited by their organisations' members and by moderation.
    pub fn can_edit_event(&self, organizer_ids: &[i64]) -> bool {
        self.is_moderator() || organizer_ids.iter().any(|o| self.role_in(*o).is_some())
    }

    /// An organisation's data and members are managed by its owners and by admins.
    /// Moderators edit every venue; the people of the organisation that keeps a venue's
    /// data edit it (their address and access changes wait for moderation).
    pub fn can_edit_venue(&self, keeper: Option<i64>) -> bool {
        self.is_moderator() || keeper.is_some_and(|k| self.role_in(k).is_some())
    }

    pub fn can_manage_org(&self, org: i64) -> bool {
        self.is_admin() || self.role_in(org) == Some(OrgRole::Owner)
    }

    /// Whether an event for `org` goes online without the queue: moderation always,
    /// members of verified organisations too.
    pub fn publishes_directly(&self, org_verified: bool) -> bool {
        self.is_moderator() || org_verified
    }

    /// Members apply for organisations once their address is confirmed.
    pub fn can_apply(&self) -> bool {
        self.email_verified
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: PlatformRole, orgs: Vec<(i64, OrgRole)>) -> Actor {
        Actor {
            user_id: 1,
            role,
            email_verified: true,
            organizations: orgs,
            magazine_editor: false,
        }
    }

    #[test]
    fn organisation_roles_round_trip() {
        for r in OrgRole::ALL {
            assert_eq!(OrgRole::parse(r.key()), Some(r));
        }
        assert_eq!(OrgRole::parse("entfernen"), None);
        assert!(OrgRole::try_from("admin".to_owned()).is_err());
    }

    #[test]
    fn roles_reach_as_far_as_they_should() {
        let editor = actor(PlatformRole::Member, vec![(5, OrgRole::Editor)]);
        assert!(editor.can_edit_event(&[5]));
        assert!(!editor.can_edit_event(&[6]));
        assert!(!editor.can_manage_org(5));
        let owner = actor(PlatformRole::Member, vec![(5, OrgRole::Owner)]);
        assert!(owner.can_manage_org(5) && !owner.can_manage_org(6));
        let moderator = actor(PlatformRole::Moderator, vec![]);
        assert!(moderator.can_edit_event(&[6]) && !moderator.can_manage_org(6));
        let admin = actor(PlatformRole::Admin, vec![]);
        assert!(admin.can_manage_org(6) && admin.publishes_directly(false));
        assert!(!editor.publishes_directly(false) && editor.publishes_directly(true));
    }
}
