//! The association that runs the portal: its editable pages, the house rules that
//! moderation decisions cite, and the vocabulary of its register of members (kinds,
//! categories and fee classes from the statutes, the states of a membership).

use super::UnknownKey;

/// A page of the association that admins edit in the portal (Markdown, versioned).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Association,
    Rules,
    Imprint,
    Privacy,
}

impl Page {
    pub const ALL: [Page; 4] = [Page::Association, Page::Rules, Page::Imprint, Page::Privacy];

    /// The key in the table and the last segment of its public address.
    pub fn key(self) -> &'static str {
        match self {
            Page::Association => "verein",
            Page::Rules => "regeln",
            Page::Imprint => "impressum",
            Page::Privacy => "datenschutz",
        }
    }

    pub fn parse(s: &str) -> Option<Page> {
        Page::ALL.into_iter().find(|p| p.key() == s)
    }

    /// The public address of the page.
    pub fn path(self) -> &'static str {
        match self {
            Page::Association => "/verein",
            Page::Rules => "/regeln",
            Page::Imprint => "/impressum",
            Page::Privacy => "/datenschutz",
        }
    }
}

/// The house rules, numbered: decisions cite them by number („Regel 3“), so a number
/// never changes its meaning; the words of each rule are Fluent messages `rule-N-title` and
/// `rule-N-text`.
pub const RULES: [i64; 8] = [1, 2, 3, 4, 5, 6, 7, 8];

/// A rule's number from a form; anything else is no rule.
pub fn parse_rule(s: &str) -> Option<i64> {
    s.trim().parse().ok().filter(|n| RULES.contains(n))
}

/// Whether a member is an organisation or a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberKind {
    Organisation,
    Person,
}

impl MemberKind {
    pub const ALL: [MemberKind; 2] = [MemberKind::Organisation, MemberKind::Person];

    pub fn key(self) -> &'static str {
        match self {
            MemberKind::Organisation => "organisation",
            MemberKind::Person => "person",
        }
    }

    pub fn parse(s: &str) -> Option<MemberKind> {
        MemberKind::ALL.into_iter().find(|k| k.key() == s)
    }
}

impl TryFrom<String> for MemberKind {
    type Error = UnknownKey;

    fn try_from(s: String) -> Result<MemberKind, UnknownKey> {
        MemberKind::parse(&s).ok_or_else(|| UnknownKey::new("member kind", s))
    }
}

/// The categories of membership in the statutes: full members vote, supporting ones do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberCategory {
    Full,
    Supporting,
}

impl MemberCategory {
    pub const ALL: [MemberCategory; 2] = [MemberCategory::Full, MemberCategory::Supporting];

    pub fn key(self) -> &'static str {
        match self {
            MemberCategory::Full => "ordentlich",
            MemberCategory::Supporting => "foerdernd",
        }
    }

    pub fn parse(s: &str) -> Option<MemberCategory> {
        MemberCategory::ALL.into_iter().find(|k| k.key() == s)
    }

    pub fn votes(self) -> bool {
        self == MemberCategory::Full
    }
}

impl TryFrom<String> for MemberCategory {
    type Error = UnknownKey;

    fn try_from(s: String) -> Result<MemberCategory, UnknownKey> {
        MemberCategory::parse(&s).ok_or_else(|| UnknownKey::new("member category", s))
    }
}

/// The fee classes of the statutes, with the yearly fee in euro cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeeClass {
    /// Persons, one-person actors and collectives without income.
    Reduced,
    /// Associations and small businesses.
    Regular,
    /// Institutions with staff (the city's houses, foundations).
    Institution,
}

impl FeeClass {
    pub const ALL: [FeeClass; 3] = [FeeClass::Reduced, FeeClass::Regular, FeeClass::Institution];

    pub fn key(self) -> &'static str {
        match self {
            FeeClass::Reduced => "ermaessigt",
            FeeClass::Regular => "regulaer",
            FeeClass::Institution => "institution",
        }
    }

    pub fn parse(s: &str) -> Option<FeeClass> {
        FeeClass::ALL.into_iter().find(|k| k.key() == s)
    }

    /// The yearly fee in euro cents.
    pub fn cents(self) -> i64 {
        match self {
            FeeClass::Reduced => 1_200,
            FeeClass::Regular => 6_000,
            FeeClass::Institution => 24_000,
        }
    }
}

impl TryFrom<String> for FeeClass {
    type Error = UnknownKey;

    fn try_from(s: String) -> Result<FeeClass, UnknownKey> {
        FeeClass::parse(&s).ok_or_else(|| UnknownKey::new("fee class", s))
    }
}

/// Where a membership stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberStatus {
    Applied,
    Member,
    Suspended,
    Left,
}

impl MemberStatus {
    pub const ALL: [MemberStatus; 4] = [
        MemberStatus::Applied,
        MemberStatus::Member,
        MemberStatus::Suspended,
        MemberStatus::Left,
    ];

    pub fn key(self) -> &'static str {
        match self {
            MemberStatus::Applied => "beantragt",
            MemberStatus::Member => "mitglied",
            MemberStatus::Suspended => "ruhend",
            MemberStatus::Left => "ausgetreten",
        }
    }

    pub fn parse(s: &str) -> Option<MemberStatus> {
        MemberStatus::ALL.into_iter().find(|k| k.key() == s)
    }

    /// Whether the board may move a membership from this state to `to`.
    pub fn may_become(self, to: MemberStatus) -> bool {
        use MemberStatus::*;
        matches!(
            (self, to),
            (Applied, Member) | (Applied, Left) | (Member, Suspended) | (Suspended, Member)
        ) || (to == Left && matches!(self, Member | Suspended))
    }
}

impl TryFrom<String> for MemberStatus {
    type Error = UnknownKey;

    fn try_from(s: String) -> Result<MemberStatus, UnknownKey> {
        MemberStatus::parse(&s).ok_or_else(|| UnknownKey::new("member status", s))
    }
}

/// An application for membership as the form states it, valid once it exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub kind: MemberKind,
    pub name: String,
    pub category: MemberCategory,
    pub fee_class: FeeClass,
    pub listed: bool,
}

impl Application {
    /// Reads the form; the messages are Fluent ids per field.
    pub fn parse(form: &super::form::FormData) -> Result<Application, super::account::FieldErrors> {
        let mut errors = super::account::FieldErrors::default();
        let kind = MemberKind::parse(form.get("art"));
        if kind.is_none() {
            errors.add("art", "join-kind-missing");
        }
        let name: String = form.trimmed("name").chars().take(201).collect();
        if name.chars().count() < 2 {
            errors.add("name", "join-name-missing");
        } else if name.chars().count() > 200 {
            errors.add("name", "join-name-long");
        }
        let category = MemberCategory::parse(form.get("kategorie"));
        if category.is_none() {
            errors.add("kategorie", "join-category-missing");
        }
        let fee_class = FeeClass::parse(form.get("beitrag"));
        if fee_class.is_none() {
            errors.add("beitrag", "join-fee-missing");
        }
        if form.get("satzung") != "1" {
            errors.add("satzung", "join-statutes-missing");
        }
        match (kind, category, fee_class) {
            (Some(kind), Some(category), Some(fee_class)) if errors.is_empty() => Ok(Application {
                kind,
                name,
                category,
                fee_class,
                listed: form.get("oeffentlich") == "1",
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::form::FormData;

    #[test]
    fn keys_round_trip() {
        for p in Page::ALL {
            assert_eq!(Page::parse(p.key()), Some(p));
        }
        for s in MemberStatus::ALL {
            assert_eq!(MemberStatus::parse(s.key()), Some(s));
        }
        for f in FeeClass::ALL {
            assert_eq!(FeeClass::parse(f.key()), Some(f));
        }
        assert_eq!(parse_rule("3"), Some(3));
        assert_eq!(parse_rule("9"), None);
        assert_eq!(parse_rule("x"), None);
    }

    #[test]
    fn the_board_moves_memberships_only_forward() {
        use MemberStatus::*;
        assert!(Applied.may_become(Member));
        assert!(Member.may_become(Suspended) && Suspended.may_become(Member));
        assert!(Member.may_become(Left));
        assert!(!Left.may_become(Member));
        assert!(!Member.may_become(Applied));
    }

    #[test]
    fn an_application_needs_consent_to_the_statutes() {
        let form = |s: &str| FormData::from_urlencoded(s.as_bytes());
        let errors = Application::parse(&form(
            "art=organisation&name=Theater+Rottstr&kategorie=ordentlich&beitrag=regulaer",
        ))
        .err();
        assert_eq!(
            errors.as_ref().and_then(|e| e.get("satzung")),
            Some("join-statutes-missing")
        );
        let ok = Application::parse(&form(
            "art=person&name=Jana+Beispiel&kategorie=foerdernd&beitrag=ermaessigt&satzung=1",
        ));
        assert!(ok.is_ok_and(|a| a.kind == MemberKind::Person && !a.listed));
    }
}
