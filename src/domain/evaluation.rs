//! The rules of the evaluation report: its period (`von`/`bis`, by default the last twelve
//! months) and the one before it, the association's finance items, amounts as people type
//! them, and the comparison figures (per 1,000 inhabitants of Bochum).

use chrono::{Datelike, NaiveDate};

/// Bochum's inhabitants (about 365,000), for dates per 1,000 inhabitants.
pub const INHABITANTS: i64 = 365_000;

/// The period of a report, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Why the period in the address cannot be used.
#[derive(Debug, PartialEq, Eq)]
pub enum PeriodError {
    /// Not a date `YYYY-MM-DD` (the name of the parameter).
    NotADate(&'static str),
    /// `bis` before `von`, or longer than five years.
    Range,
}

impl Period {
    /// The period from the query's `von` and `bis`; missing ones default to the twelve
    /// months that end `today`.
    pub fn parse(
        von: Option<&str>,
        bis: Option<&str>,
        today: NaiveDate,
    ) -> Result<Period, PeriodError> {
        let date = |v: Option<&str>, name| match v.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| PeriodError::NotADate(name)),
        };
        let to = date(bis, "bis")?.unwrap_or(today);
        let from = date(von, "von")?.unwrap_or_else(|| {
            to.with_year(to.year() - 1)
                .unwrap_or(to - chrono::Duration::days(365))
                + chrono::Duration::days(1)
        });
        if to < from || (to - from).num_days() > 5 * 366 {
            return Err(PeriodError::Range);
        }
        Ok(Period { from, to })
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The period of the same length just before.
    pub fn previous(&self) -> Period {
        let to = self.from - chrono::Duration::days(1);
        Period {
            from: to - chrono::Duration::days(self.days() - 1),
            to,
        }
    }

    /// The days of `year` that lie in the period.
    pub fn days_in_year(&self, year: i32) -> i64 {
        let (Some(start), Some(end)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return 0;
        };
        let a = start.max(self.from);
        let b = end.min(self.to);
        if b < a { 0 } else { (b - a).num_days() + 1 }
    }
}

/// What the association enters per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinanceItem {
    Hosting,
    Staff,
    Licences,
    OtherCosts,
    Grants,
    MemberFees,
    OtherIncome,
}

impl FinanceItem {
    pub const ALL: [FinanceItem; 7] = [
        FinanceItem::Hosting,
        FinanceItem::Staff,
        FinanceItem::Licences,
        FinanceItem::OtherCosts,
        FinanceItem::Grants,
        FinanceItem::MemberFees,
        FinanceItem::OtherIncome,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FinanceItem::Hosting => "hosting",
            FinanceItem::Staff => "personal",
            FinanceItem::Licences => "lizenzen",
            FinanceItem::OtherCosts => "sonstige_kosten",
            FinanceItem::Grants => "zuschuesse",
            FinanceItem::MemberFees => "mitgliedsbeitraege",
            FinanceItem::OtherIncome => "sonstige_einnahmen",
        }
    }

    pub fn parse(key: &str) -> Option<FinanceItem> {
        FinanceItem::ALL.into_iter().find(|i| i.key() == key)
    }

    pub fn is_cost(self) -> bool {
        matches!(
            self,
            FinanceItem::Hosting
                | FinanceItem::Staff
                | FinanceItem::Licences
                | FinanceItem::OtherCosts
        )
    }

    /// The Fluent id of its name.
    pub fn message_id(self) -> String {
        format!("evaluation-item-{}", self.key())
    }
}

/// An amount in euros as people type it (`12.345,67 €`, `12345`, `1 200,5`) in cents;
/// at most 100 million euros, never negative.
pub fn parse_amount(s: &str) -> Option<i64> {
    let s: String = s
        .trim()
        .trim_end_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if s.is_empty() {
        return Some(0);
    }
    let (whole, frac) = match s.rsplit_once(',') {
        Some((w, f)) => (w.replace('.', ""), f.to_owned()),
        None => match s.rsplit_once('.') {
            // „12.345“ is twelve thousand, „12.5“ twelve and a half.
            Some((w, f)) if f.len() == 3 => (format!("{w}{f}").replace('.', ""), String::new()),
            Some((w, f)) => (w.replace('.', ""), f.to_owned()),
            None => (s.clone(), String::new()),
        },
    };
    if frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().ok()?
    };
    (whole <= 100_000_000).then_some(whole * 100 + frac)
}

/// `count` per 1,000 inhabitants of Bochum.
pub fn per_thousand_inhabitants(count: i64) -> f64 {
    count as f64 * 1000.0 / INHABITANTS as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn periods() {
        let p = Period::parse(None, None, d("2026-12-02")).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((p.from, p.to), (d("2025-12-03"), d("2026-12-02")));
        assert_eq!(p.days(), 365);
        assert_eq!(p.previous().to, d("2025-12-02"));
        assert_eq!(p.previous().days(), 365);
        assert_eq!(p.days_in_year(2026), 336);
        assert_eq!(p.days_in_year(2025), 29);
        assert_eq!(
            Period::parse(Some("2026-13-01"), None, d("2026-12-02")),
            Err(PeriodError::NotADate("von"))
        );
        assert_eq!(
            Period::parse(Some("2026-05-01"), Some("2026-04-01"), d("2026-12-02")),
            Err(PeriodError::Range)
        );
    }

    #[test]
    fn amounts_as_people_type_them() {
        assert_eq!(parse_amount("12.345,67 €"), Some(1_234_567));
        assert_eq!(parse_amount("12345"), Some(1_234_500));
        assert_eq!(parse_amount("12.345"), Some(1_234_500));
        assert_eq!(parse_amount("12.5"), Some(1250));
        assert_eq!(parse_amount("1 200,5"), Some(120_050));
        assert_eq!(parse_amount(""), Some(0));
        assert_eq!(parse_amount("-5"), None);
        assert_eq!(parse_amount("zwölf"), None);
        assert_eq!(parse_amount("1,234"), None);
        assert!((per_thousand_inhabitants(3650) - 10.0).abs() < 1e-9);
    }
}
