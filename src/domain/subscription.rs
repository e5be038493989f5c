//! Subscribed calendars: what the last fetch of one brought.

/// The outcome of a subscription's last fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchStatus {
    /// Not fetched yet.
    New,
    /// Fetched and imported.
    Ok,
    /// The server said nothing changed since the last fetch.
    Unchanged,
    /// The fetch or the import failed (the report says why).
    Failed,
}

impl FetchStatus {
    pub const ALL: [FetchStatus; 4] = [
        FetchStatus::New,
        FetchStatus::Ok,
        FetchStatus::Unchanged,
        FetchStatus::Failed,
    ];

    /// The stored key.
    pub fn key(self) -> &'static str {
        match self {
            FetchStatus::New => "neu",
            FetchStatus::Ok => "ok",
            FetchStatus::Unchanged => "unveraendert",
            FetchStatus::Failed => "fehler",
        }
    }

    pub fn parse(s: &str) -> Option<FetchStatus> {
        FetchStatus::ALL.into_iter().find(|f| f.key() == s)
    }
}

/// The column has no CHECK constraint: a key this version does not know reads as „not
/// fetched yet“, as the page always showed it.
impl From<String> for FetchStatus {
    fn from(s: String) -> FetchStatus {
        FetchStatus::parse(&s).unwrap_or(FetchStatus::New)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetch_statuses_round_trip() {
        for f in FetchStatus::ALL {
            assert_eq!(FetchStatus::parse(f.key()), Some(f));
        }
        assert_eq!(FetchStatus::from("OK".to_owned()), FetchStatus::New);
    }
}
