//! URL slugs: lowercase ASCII words joined by hyphens.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slug(String);

impl Slug {
    pub const MAX_LEN: usize = 100;

    /// Accepts `[a-z0-9]+(-[a-z0-9]+)*` up to [`Slug::MAX_LEN`] characters.
    pub fn parse(s: &str) -> Option<Slug> {
        let ok = !s.is_empty()
            && s.len() <= Self::MAX_LEN
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        ok.then(|| Slug(s.to_owned()))
    }

    /// Makes a slug from a German title: umlauts and ß transliterated, the rest dropped.
    pub fn from_title(title: &str) -> Slug {
        let mut out = String::new();
        let mut dash = false;
        for c in title.chars().flat_map(char::to_lowercase) {
            let piece: &str = match c {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                'é' | 'è' | 'ê' => "e",
                'á' | 'à' | 'â' => "a",
                'ó' | 'ò' | 'ô' => "o",
                'ç' => "c",
                'ş' => "s",
                'ğ' => "g",
                'ı' => "i",
                _ => "",
            };
            if !piece.is_empty() {
                out.push_str(piece);
                dash = false;
            } else if c.is_ascii_alphanumeric() {
                out.push(c);
                dash = false;
            } else if !dash && !out.is_empty() {
                out.push('-');
                dash = true;
            }
        }
        let trimmed: String = out.trim_end_matches('-').chars().take(80).collect();
        let trimmed = trimmed.trim_end_matches('-');
        Slug(if trimmed.is_empty() {
            "veranstaltung".to_owned()
        } else {
            trimmed.to_owned()
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_german_titles() {
        assert_eq!(
            Slug::from_title("Großes Sommerkonzert – Öffentliche Probe!").as_str(),
            "grosses-sommerkonzert-oeffentliche-probe"
        );
        assert!(Slug::parse("<script>").is_none());
        assert!(Slug::parse("schauspielhaus-bochum").is_some());
    }
}
