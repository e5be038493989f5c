//! Rules for text that comes in from outside, whatever the route: which control characters
//! are refused, and which „back to“ addresses are pages of this portal.

/// Whether `c` is refused in text: the C0 and C1 control characters (NUL among them) and
/// DEL. Tab and line breaks are text in long fields (`layout`), never in paths or queries.
pub fn is_refused(c: char, layout: bool) -> bool {
    c.is_control() && !(layout && matches!(c, '\t' | '\n' | '\r'))
}

/// The first refused character of `s`, if any.
pub fn refused_in(s: &str, layout: bool) -> Option<char> {
    s.chars().find(|c| is_refused(*c, layout))
}

/// The longest „back to“ address accepted.
const MAX_BACK: usize = 500;

/// `s` when it is a path of this portal that a link or redirect may point to: a single
/// leading `/` followed by neither `/` nor `\` (browsers read `//host` and `/\host` as
/// another site), no backslash or control character anywhere (browsers drop tabs and line
/// breaks from addresses, so `/\t/host` would become `//host`).
pub fn local_path(s: &str) -> Option<&str> {
    let rest = s.strip_prefix('/')?;
    let ok = s.len() <= MAX_BACK
        && !rest.starts_with('/')
        && !s.contains('\\')
        && refused_in(s, false).is_none()
        && !s.chars().any(char::is_whitespace);
    ok.then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_single_slash_paths_without_control_characters_are_local() {
        for good in ["/", "/veranstaltungen?sparte=musik", "/en/kulturszene/a-b"] {
            assert_eq!(local_path(good), Some(good), "{good}");
        }
        for bad in [
            "",
            "veranstaltungen",
            "//evil.example",
            "/\\evil.example",
            "/a\\b",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/\u{0}x",
            "/\u{85}x",
            "/ /evil.example",
            "https://evil.example/",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
        assert_eq!(local_path(&format!("/{}", "a".repeat(600))), None);
    }

    #[test]
    fn tab_and_line_breaks_are_text_only_in_long_fields() {
        assert_eq!(refused_in("Zeile 1\r\nZeile\t2", true), None);
        assert_eq!(refused_in("Zeile 1\nZeile 2", false), Some('\n'));
        assert_eq!(refused_in("a\u{0}b", true), Some('\u{0}'));
        assert_eq!(refused_in("a\u{7f}b", true), Some('\u{7f}'));
        assert_eq!(refused_in("Straße „Ü“ – 5 €", false), None);
    }
}
