//! The moderation desk's vocabulary: why visitors report an event, what moderators decide
//! about what waits for them, and the states of applications for organisations. Each
//! decision has its own route (`web/mod.rs`); the handler names the decision, the database
//! records its key.

use super::UnknownKey;

/// Why a visitor reports an event („Melden“).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportReason {
    Wrong,
    Cancelled,
    Inappropriate,
    Spam,
    Rights,
    Other,
}

impl ReportReason {
    pub const ALL: [ReportReason; 6] = [
        ReportReason::Wrong,
        ReportReason::Cancelled,
        ReportReason::Inappropriate,
        ReportReason::Spam,
        ReportReason::Rights,
        ReportReason::Other,
    ];

    /// The key the form sends and the table stores.
    pub fn key(self) -> &'static str {
        match self {
            ReportReason::Wrong => "falsch",
            ReportReason::Cancelled => "abgesagt",
            ReportReason::Inappropriate => "unangemessen",
            ReportReason::Spam => "spam",
            ReportReason::Rights => "rechte",
            ReportReason::Other => "sonstiges",
        }
    }

    pub fn parse(s: &str) -> Option<ReportReason> {
        ReportReason::ALL.into_iter().find(|r| r.key() == s)
    }

    /// The German words (the fallback of the Fluent messages).
    pub fn label(self) -> &'static str {
        match self {
            ReportReason::Wrong => "Angaben falsch oder veraltet",
            ReportReason::Cancelled => "Findet nicht statt",
            ReportReason::Inappropriate => "Unangemessener Inhalt",
            ReportReason::Spam => "Werbung oder Spam",
            ReportReason::Rights => "Verletzt Rechte (Bild, Text)",
            ReportReason::Other => "Sonstiges",
        }
    }

    /// „Sonstiges“ says nothing by itself: the report needs a message.
    pub fn needs_message(self) -> bool {
        self == ReportReason::Other
    }
}

impl TryFrom<String> for ReportReason {
    type Error = UnknownKey;

    fn try_from(s: String) -> Result<ReportReason, UnknownKey> {
        ReportReason::parse(&s).ok_or_else(|| UnknownKey::new("report reason", s))
    }
}

/// A moderator's (or a group lead's) answer to something that waits: a proposed venue,
/// a proposed change of a venue, an application for an organisation, a request to join a
/// closed working group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Refuse,
}

impl Decision {
    /// How the answer is recorded (stored states and audit-log actions).
    pub fn key(self) -> &'static str {
        match self {
            Decision::Approve => "approved",
            Decision::Refuse => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Decision> {
        [Decision::Approve, Decision::Refuse]
            .into_iter()
            .find(|d| d.key() == s)
    }

    pub fn approves(self) -> bool {
        self == Decision::Approve
    }
}

/// What becomes of a reported pinboard post or private message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportOutcome {
    /// Hidden from everyone but its author and moderation.
    Hide,
    /// Stays as it is; the reports are closed.
    Keep,
}

impl ReportOutcome {
    /// The audit-log key (`pinboard.hidden`, `message.kept` …).
    pub fn key(self) -> &'static str {
        match self {
            ReportOutcome::Hide => "hidden",
            ReportOutcome::Keep => "kept",
        }
    }

    pub fn parse(s: &str) -> Option<ReportOutcome> {
        [ReportOutcome::Hide, ReportOutcome::Keep]
            .into_iter()
            .find(|o| o.key() == s)
    }

    pub fn hides(self) -> bool {
        self == ReportOutcome::Hide
    }
}

/// Whether two entries suspected to be one event are one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateDecision {
    /// One event: the later entry stays out of the lists.
    Confirm,
    /// Two events: both are shown, and the pair is never suspected again.
    Split,
}

impl DuplicateDecision {
    /// The audit-log key (`event.duplicate_confirmed`, `event.duplicate_split`).
    pub fn key(self) -> &'static str {
        match self {
            DuplicateDecision::Confirm => "confirmed",
            DuplicateDecision::Split => "split",
        }
    }

    pub fn parse(s: &str) -> Option<DuplicateDecision> {
        [DuplicateDecision::Confirm, DuplicateDecision::Split]
            .into_iter()
            .find(|d| d.key() == s)
    }
}

/// Where an application for an organisation (to found one or to join one) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicationStatus {
    Pending,
    Approved,
    Rejected,
}

impl ApplicationStatus {
    pub const ALL: [ApplicationStatus; 3] = [
        ApplicationStatus::Pending,
        ApplicationStatus::Approved,
        ApplicationStatus::Rejected,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ApplicationStatus::Pending => "pending",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<ApplicationStatus> {
        ApplicationStatus::ALL.into_iter().find(|a| a.key() == s)
    }

    /// The state a decision leaves an application in.
    pub fn after(decision: Decision) -> ApplicationStatus {
        match decision {
            Decision::Approve => ApplicationStatus::Approved,
            Decision::Refuse => ApplicationStatus::Rejected,
        }
    }
}

impl TryFrom<String> for ApplicationStatus {
    type Error = UnknownKey;

    fn try_from(s: String) -> Result<ApplicationStatus, UnknownKey> {
        ApplicationStatus::parse(&s).ok_or_else(|| UnknownKey::new("application status", s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for r in ReportReason::ALL {
            assert_eq!(ReportReason::parse(r.key()), Some(r));
        }
        for a in ApplicationStatus::ALL {
            assert_eq!(ApplicationStatus::parse(a.key()), Some(a));
        }
        for d in [Decision::Approve, Decision::Refuse] {
            assert_eq!(Decision::parse(d.key()), Some(d));
        }
        for o in [ReportOutcome::Hide, ReportOutcome::Keep] {
            assert_eq!(ReportOutcome::parse(o.key()), Some(o));
        }
        for d in [DuplicateDecision::Confirm, DuplicateDecision::Split] {
            assert_eq!(DuplicateDecision::parse(d.key()), Some(d));
        }
        assert_eq!(ReportReason::parse("Spam"), None);
        assert!(ApplicationStatus::try_from("maybe".to_owned()).is_err());
    }

    #[test]
    fn decisions_say_what_they_do() {
        assert!(Decision::Approve.approves() && !Decision::Refuse.approves());
        assert!(ReportOutcome::Hide.hides() && !ReportOutcome::Keep.hides());
        assert_eq!(
            ApplicationStatus::after(Decision::Refuse),
            ApplicationStatus::Rejected
        );
        assert_eq!(
            ApplicationStatus::after(Decision::Approve),
            ApplicationStatus::Approved
        );
        assert!(ReportReason::Other.needs_message() && !ReportReason::Spam.needs_message());
    }
}
