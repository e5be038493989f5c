//! The portal's newsletter: an issue's life (draft → scheduled → sending → done) and who
//! gets it — subscribers name their interests (Sparten, districts), an issue names whom it
//! is for, and an issue reaches a subscriber when every dimension both of them name
//! overlaps (an empty side means „all“).

use super::UnknownKey;
use super::district::District;
use std::collections::BTreeSet;

/// Where a newsletter issue stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueState {
    /// Being written; only drafts can be edited.
    Draft,
    /// Waiting for its time; the recipients are chosen when it comes.
    Scheduled,
    /// Going out to its recipients.
    Sending,
    /// Every recipient has had it (or was skipped).
    Done,
}

impl IssueState {
    pub fn key(self) -> &'static str {
        match self {
            IssueState::Draft => "draft",
            IssueState::Scheduled => "scheduled",
            IssueState::Sending => "sending",
            IssueState::Done => "done",
        }
    }

    pub fn parse(s: &str) -> Result<IssueState, UnknownKey> {
        [
            IssueState::Draft,
            IssueState::Scheduled,
            IssueState::Sending,
            IssueState::Done,
        ]
        .into_iter()
        .find(|k| k.key() == s)
        .ok_or_else(|| UnknownKey::new("newsletter state", s.to_owned()))
    }
}

/// The most Sparten (or districts) one interest list keeps.
const MAX_NAMED: usize = 50;

/// Interests: Sparten (by slug) and districts. Stored as a list query string
/// (`sparte=musik&sparte=theater&bezirk=mitte`), the same form the calendar's filters use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Interests {
    pub sparten: BTreeSet<String>,
    pub districts: BTreeSet<&'static str>,
}

impl Interests {
    /// From chosen Sparten slugs and district slugs; unknown districts and malformed
    /// slugs are left out.
    pub fn new<'a>(
        sparten: impl IntoIterator<Item = &'a str>,
        districts: impl IntoIterator<Item = &'a str>,
    ) -> Interests {
        Interests {
            sparten: sparten
                .into_iter()
                .filter(|s| is_slug(s))
                .take(MAX_NAMED)
                .map(str::to_owned)
                .collect(),
            districts: districts
                .into_iter()
                .filter_map(District::parse)
                .map(District::slug)
                .collect(),
        }
    }

    /// Reads the stored form; what it does not understand is ignored.
    pub fn parse(stored: &str) -> Interests {
        let mut sparten = Vec::new();
        let mut districts = Vec::new();
        for pair in stored.split('&') {
            match pair.split_once('=') {
                Some(("sparte", v)) => sparten.push(v),
                Some(("bezirk", v)) => districts.push(v),
                _ => {}
            }
        }
        Interests::new(sparten, districts)
    }

    /// The stored form (Sparten first, each sorted).
    pub fn to_query(&self) -> String {
        self.sparten
            .iter()
            .map(|s| format!("sparte={s}"))
            .chain(self.districts.iter().map(|d| format!("bezirk={d}")))
            .collect::<Vec<_>>()
            .join("&")
    }

    pub fn is_empty(&self) -> bool {
        self.sparten.is_empty() && self.districts.is_empty()
    }

    /// Whether an issue meant for `self` reaches a subscriber interested in `wanted`:
    /// in each dimension that both name, they must share at least one value.
    pub fn reaches(&self, wanted: &Interests) -> bool {
        fn meets<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> bool {
            a.is_empty() || b.is_empty() || a.intersection(b).next().is_some()
        }
        meets(&self.sparten, &wanted.sparten) && meets(&self.districts, &wanted.districts)
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interests_read_back_and_drop_what_they_do_not_know() {
        let i = Interests::parse("sparte=theater&bezirk=mitte&sparte=musik&bezirk=mond&x=1");
        assert_eq!(i.to_query(), "sparte=musik&sparte=theater&bezirk=mitte");
        assert_eq!(Interests::parse(&i.to_query()), i);
        assert!(Interests::parse("").is_empty());
        assert!(Interests::parse("sparte=<script>").is_empty());
    }

    #[test]
    fn an_issue_reaches_whoever_shares_each_named_dimension() {
        let music = Interests::parse("sparte=musik");
        let music_mitte = Interests::parse("sparte=musik&bezirk=mitte");
        let theatre = Interests::parse("sparte=theater");
        let everything = Interests::default();
        // An issue for everyone reaches everyone, and a subscriber of everything gets all.
        assert!(everything.reaches(&theatre));
        assert!(music.reaches(&everything));
        // Sparten must overlap.
        assert!(music.reaches(&music_mitte));
        assert!(!music.reaches(&theatre));
        assert!(!theatre.reaches(&music_mitte));
        // A district named by both must overlap; named by one side only, it does not limit.
        let music_ost = Interests::parse("sparte=musik&bezirk=ost");
        assert!(!music_ost.reaches(&music_mitte));
        assert!(music_ost.reaches(&music));
    }

    #[test]
    fn states_read_back() {
        for s in ["draft", "scheduled", "sending", "done"] {
            assert_eq!(IssueState::parse(s).map(IssueState::key).ok(), Some(s));
        }
        assert!(IssueState::parse("sent").is_err());
    }
}
