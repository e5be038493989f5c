//! Markdown from organisers, rendered to HTML and sanitised (ammonia) before it is shown.

use pulldown_cmark::{Options, Parser, html};

pub fn render(markdown: &str) -> String {
    let mut out = String::new();
    html::push_html(
        &mut out,
        Parser::new_ext(
            markdown,
            Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
        ),
    );
    clean(&out)
}

/// HTML from elsewhere (a note from the fediverse), sanitised: no scripts, no styles,
/// links marked `nofollow`.
pub fn clean(html: &str) -> String {
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn scripts_are_removed() {
        let html = super::render("**fett** <script>alert(1)</script> [x](javascript:alert(1))");
        assert!(html.contains("<strong>fett</strong>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
    }
}
