//! Working groups: where a person stands in a group (leading it, a member, or asking to
//! join a closed one) and what that allows.

use super::UnknownKey;

/// A person's place in one working group. `Requested` is not membership yet: it waits for
/// the leads of a closed group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupRole {
    /// Leads the group: admits members, announces, adds meetings, deletes any file.
    Lead,
    Member,
    /// Asked to join a closed group.
    Requested,
}

impl GroupRole {
    pub const ALL: [GroupRole; 3] = [GroupRole::Lead, GroupRole::Member, GroupRole::Requested];

    /// The stored key.
    pub fn key(self) -> &'static str {
        match self {
            GroupRole::Lead => "leitung",
            GroupRole::Member => "mitglied",
            GroupRole::Requested => "angefragt",
        }
    }

    pub fn parse(s: &str) -> Option<GroupRole> {
        GroupRole::ALL.into_iter().find(|r| r.key() == s)
    }

    /// Where someone who joins starts: in an open group a member at once, in a closed one
    /// with a request.
    pub fn on_joining(closed: bool) -> GroupRole {
        if closed {
            GroupRole::Requested
        } else {
            GroupRole::Member
        }
    }

    /// Members (and leads) read threads, files and meetings; a request does not.
    pub fn is_member(self) -> bool {
        matches!(self, GroupRole::Lead | GroupRole::Member)
    }

    pub fn is_lead(self) -> bool {
        self == GroupRole::Lead
    }
}

impl TryFrom<String> for GroupRole {
    type Error = UnknownKey;

    fn try_from(s: String) -> Result<GroupRole, UnknownKey> {
        GroupRole::parse(&s).ok_or_else(|| UnknownKey::new("group role", s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_roles_round_trip_and_requests_are_not_members() {
        for r in GroupRole::ALL {
            assert_eq!(GroupRole::parse(r.key()), Some(r));
        }
        assert_eq!(GroupRole::parse("Leitung"), None);
        assert!(GroupRole::try_from("owner".to_owned()).is_err());
        assert!(GroupRole::Lead.is_member() && GroupRole::Lead.is_lead());
        assert!(GroupRole::Member.is_member() && !GroupRole::Member.is_lead());
        assert!(!GroupRole::Requested.is_member());
        assert_eq!(GroupRole::on_joining(true), GroupRole::Requested);
        assert_eq!(GroupRole::on_joining(false), GroupRole::Member);
    }
}
