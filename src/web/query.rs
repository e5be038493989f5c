//! Reading raw query strings: repeatable parameters need more than serde_urlencoded gives.

use crate::domain::filter::{ParamError, Problem};

/// Decoded `(name, value)` pairs in order.
pub fn pairs(raw: Option<&str>) -> Vec<(String, String)> {
    raw.map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default()
}

/// The last value of a single-valued parameter.
pub fn single<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
}

/// Every non-empty value of a repeatable parameter, in order.
pub fn all(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(n, v)| n == name && !v.is_empty())
        .map(|(_, v)| v.clone())
        .collect()
}

/// The highest page number we serve; deeper pages belong to a narrower filter.
pub const MAX_PAGE: u32 = 500;

/// A 1-based page number (`seite`); missing means 1.
pub fn page(pairs: &[(String, String)], name: &str) -> Result<u32, Vec<ParamError>> {
    match single(pairs, name) {
        None | Some("") => Ok(1),
        Some(v) => match v.parse::<u32>() {
            Ok(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
            _ => Err(vec![ParamError::new(
                name,
                Problem::InvalidNumber(v.to_owned()),
            )]),
        },
    }
}

/// A URL with query pairs, e.g. for pagination and filter links.
pub fn url(path: &str, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return path.to_owned();
    }
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    format!("{path}?{}", s.finish())
}
