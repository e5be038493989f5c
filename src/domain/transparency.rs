//! Moderation in the open: which audit-log actions are decisions that affect someone (and
//! appear, without personal data, in the public log), objections to them, quarters and the
//! median time to decide.

use super::UnknownKey;

/// A decision of moderation that takes something away from someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ruling {
    EventRefused,
    DuplicateHidden,
    VenueRefused,
    VenueChangeRefused,
    ApplicationRefused,
    PostHidden,
    MessageHidden,
}

impl Ruling {
    pub const ALL: [Ruling; 7] = [
        Ruling::EventRefused,
        Ruling::DuplicateHidden,
        Ruling::VenueRefused,
        Ruling::VenueChangeRefused,
        Ruling::ApplicationRefused,
        Ruling::PostHidden,
        Ruling::MessageHidden,
    ];

    /// The audit-log action that records it.
    pub fn action(self) -> &'static str {
        match self {
            Ruling::EventRefused => "event.rejected",
            Ruling::DuplicateHidden => "event.duplicate_confirmed",
            Ruling::VenueRefused => "venue.rejected",
            Ruling::VenueChangeRefused => "venue.change_rejected",
            Ruling::ApplicationRefused => "application.rejected",
            Ruling::PostHidden => "pinboard.hidden",
            Ruling::MessageHidden => "message.hidden",
        }
    }

    pub fn of_action(action: &str) -> Option<Ruling> {
        Ruling::ALL.into_iter().find(|r| r.action() == action)
    }

    /// The Fluent id of its public description (`ruling-event-rejected` …).
    pub fn message_id(self) -> String {
        format!("ruling-{}", self.action().replace(['.', '_'], "-"))
    }
}

/// How an objection ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectionOutcome {
    Open,
    /// The objection succeeds: the decision is taken back.
    Upheld,
    /// The decision stands.
    Dismissed,
}

impl ObjectionOutcome {
    pub const ALL: [ObjectionOutcome; 3] = [
        ObjectionOutcome::Open,
        ObjectionOutcome::Upheld,
        ObjectionOutcome::Dismissed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ObjectionOutcome::Open => "open",
            ObjectionOutcome::Upheld => "upheld",
            ObjectionOutcome::Dismissed => "dismissed",
        }
    }

    pub fn parse(s: &str) -> Option<ObjectionOutcome> {
        ObjectionOutcome::ALL.into_iter().find(|o| o.key() == s)
    }
}

impl TryFrom<String> for ObjectionOutcome {
    type Error = UnknownKey;

    fn try_from(s: String) -> Result<ObjectionOutcome, UnknownKey> {
        ObjectionOutcome::parse(&s).ok_or_else(|| UnknownKey::new("objection outcome", s))
    }
}

/// Whether `moderator` may decide an objection to a decision taken by `first`: never the
/// same person (a decision whose author is gone may be decided by anyone).
pub fn may_decide_objection(first: Option<i64>, moderator: i64) -> bool {
    first != Some(moderator)
}

/// A calendar quarter („2026 Q4“).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    pub q: u32,
}

impl Quarter {
    /// The quarter of a UTC instant, in Berlin.
    pub fn of(at: i64) -> Quarter {
        use chrono::Datelike;
        let date = chrono::DateTime::from_timestamp(at, 0)
            .unwrap_or_default()
            .with_timezone(&chrono_tz::Europe::Berlin)
            .date_naive();
        Quarter {
            year: date.year(),
            q: (date.month() - 1) / 3 + 1,
        }
    }
}

/// The median of some durations (seconds), `None` for none.
pub fn median(mut values: Vec<i64>) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rulings_and_quarters() {
        for r in Ruling::ALL {
            assert_eq!(Ruling::of_action(r.action()), Some(r));
        }
        assert_eq!(Ruling::of_action("event.published"), None);
        assert_eq!(
            Ruling::VenueChangeRefused.message_id(),
            "ruling-venue-change-rejected"
        );
        // 2026-12-31 23:30 UTC is New Year's night in Berlin: the next quarter.
        assert_eq!(Quarter::of(1_798_759_800), Quarter { year: 2027, q: 1 });
        assert_eq!(median(vec![5, 1, 3]), Some(3));
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2));
        assert_eq!(median(vec![]), None);
        assert!(!may_decide_objection(Some(4), 4));
        assert!(may_decide_objection(Some(4), 5));
    }
}
