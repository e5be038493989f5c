//! General assemblies and votes: the notice period, proxies, and how a vote is counted
//! (one member, one vote; quorum and majority are settings of each vote).

use super::UnknownKey;

/// What a member answers to a motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Yes,
    No,
    Abstain,
}

impl Choice {
    pub const ALL: [Choice; 3] = [Choice::Yes, Choice::No, Choice::Abstain];

    pub fn key(self) -> &'static str {
        match self {
            Choice::Yes => "ja",
            Choice::No => "nein",
            Choice::Abstain => "enthaltung",
        }
    }

    pub fn parse(s: &str) -> Option<Choice> {
        Choice::ALL.into_iter().find(|c| c.key() == s)
    }
}

impl TryFrom<String> for Choice {
    type Error = UnknownKey;

    fn try_from(s: String) -> Result<Choice, UnknownKey> {
        Choice::parse(&s).ok_or_else(|| UnknownKey::new("vote choice", s))
    }
}

/// Which majority a motion needs (abstentions are not counted either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Majority {
    /// More yes than no.
    Simple,
    /// At least two thirds of yes and no are yes (statutes, dissolution).
    TwoThirds,
}

impl Majority {
    pub const ALL: [Majority; 2] = [Majority::Simple, Majority::TwoThirds];

    pub fn key(self) -> &'static str {
        match self {
            Majority::Simple => "einfach",
            Majority::TwoThirds => "zwei-drittel",
        }
    }

    pub fn parse(s: &str) -> Option<Majority> {
        Majority::ALL.into_iter().find(|m| m.key() == s)
    }

    pub fn reached(self, yes: i64, no: i64) -> bool {
        match self {
            Majority::Simple => yes > no,
            Majority::TwoThirds => yes > 0 && yes * 3 >= (yes + no) * 2,
        }
    }
}

impl TryFrom<String> for Majority {
    type Error = UnknownKey;

    fn try_from(s: String) -> Result<Majority, UnknownKey> {
        Majority::parse(&s).ok_or_else(|| UnknownKey::new("majority", s))
    }
}

/// The counted votes of a motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub yes: i64,
    pub no: i64,
    pub abstain: i64,
}

impl Tally {
    pub fn add(&mut self, choice: Choice, n: i64) {
        match choice {
            Choice::Yes => self.yes += n,
            Choice::No => self.no += n,
            Choice::Abstain => self.abstain += n,
        }
    }

    pub fn cast(&self) -> i64 {
        self.yes + self.no + self.abstain
    }
}

/// The result of a closed vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub tally: Tally,
    /// Whether enough members took part (abstentions count as taking part).
    pub quorate: bool,
    pub passed: bool,
}

/// Counts a vote: quorum is a share of the members entitled to vote, in percent.
pub fn outcome(tally: Tally, entitled: i64, quorum_percent: i64, majority: Majority) -> Outcome {
    let quorate = tally.cast() * 100 >= entitled * quorum_percent.clamp(0, 100);
    Outcome {
        tally,
        quorate,
        passed: quorate && majority.reached(tally.yes, tally.no),
    }
}

/// Why a member may not cast a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VoteRefusal {
    #[error("vote-not-open")]
    NotOpen,
    #[error("vote-not-entitled")]
    NotEntitled,
    #[error("vote-already-cast")]
    AlreadyCast,
    #[error("vote-handed-over")]
    HandedOver,
    #[error("vote-no-proxy")]
    NoProxy,
}

/// Why a proxy may not be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProxyRefusal {
    #[error("proxy-self")]
    ToSelf,
    #[error("proxy-holder-not-member")]
    HolderNotMember,
    #[error("proxy-too-many")]
    TooMany,
    #[error("proxy-holder-gave")]
    HolderGaveAway,
}

/// Whether `holder`, who holds `held` proxies already, may take one more under statutes
/// allowing `max`.
pub fn may_hold(held: i64, max: i64) -> bool {
    held < max
}

/// Whether an assembly at `starts_at` keeps the notice period when convened at `now`
/// (both UTC seconds): the invitation must go out at least `notice_days` whole days before.
pub fn keeps_notice(now: i64, starts_at: i64, notice_days: i64) -> bool {
    starts_at - now >= notice_days * 86_400
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn majorities_and_quorum() {
        let t = Tally {
            yes: 6,
            no: 3,
            abstain: 1,
        };
        assert!(outcome(t, 20, 50, Majority::Simple).passed);
        assert!(outcome(t, 20, 50, Majority::TwoThirds).passed);
        assert!(!outcome(t, 21, 50, Majority::Simple).quorate);
        let close = Tally {
            yes: 5,
            no: 3,
            abstain: 0,
        };
        assert!(!outcome(close, 8, 0, Majority::TwoThirds).passed);
        let tie = Tally {
            yes: 3,
            no: 3,
            abstain: 4,
        };
        assert!(!outcome(tie, 10, 10, Majority::Simple).passed);
    }

    #[test]
    fn notice_period_in_whole_days() {
        let now = 1_000_000;
        assert!(keeps_notice(now, now + 14 * 86_400, 14));
        assert!(!keeps_notice(now, now + 14 * 86_400 - 1, 14));
        assert!(may_hold(1, 2) && !may_hold(2, 2));
    }
}
