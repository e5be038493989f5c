//! What a browser sent in a form, as name/value pairs in order. Repeated names (checkbox
//! groups) are kept; a form re-rendered from these pairs shows exactly what was typed.

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FormData {
    pairs: Vec<(String, String)>,
}

/// The most characters kept per field; longer input is cut, never echoed back whole.
const MAX_FIELD: usize = 50_000;

impl FormData {
    pub fn new(pairs: Vec<(String, String)>) -> FormData {
        FormData {
            pairs: pairs
                .into_iter()
                .map(|(k, v)| {
                    let v = if v.len() > MAX_FIELD {
                        v.chars().take(MAX_FIELD).collect()
                    } else {
                        v
                    };
                    (k, v)
                })
                .collect(),
        }
    }

    /// Parses an `application/x-www-form-urlencoded` body.
    pub fn from_urlencoded(body: &[u8]) -> FormData {
        FormData::new(
            form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first value of `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// The first value of `name`, trimmed.
    pub fn trimmed(&self, name: &str) -> &str {
        self.get(name).trim()
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Whether `name` was sent with `value` (a ticked checkbox, a chosen option).
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.pairs.iter().any(|(k, v)| k == name && v == value)
    }

    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.pairs.retain(|(k, _)| k != name);
        self.pairs.push((name.to_owned(), value.into()));
    }

    pub fn push(&mut self, name: &str, value: impl Into<String>) {
        self.pairs.push((name.to_owned(), value.into()));
    }

    /// Only the pairs whose names are in `names` (to store or echo a known subset).
    pub fn only(&self, names: &[&str]) -> FormData {
        FormData {
            pairs: self
                .pairs
                .iter()
                .filter(|(k, _)| names.contains(&k.as_str()))
                .cloned()
                .collect(),
        }
    }

    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_names_are_kept_in_order() {
        let f = FormData::from_urlencoded(b"sparte=3&title=Faust+I&sparte=7&empty=");
        assert_eq!(f.all("sparte"), vec!["3", "7"]);
        assert_eq!(f.get("title"), "Faust I");
        assert!(f.has("sparte", "7"));
        assert_eq!(f.get("missing"), "");
    }
}
