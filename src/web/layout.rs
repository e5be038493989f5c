//! What every page's frame needs: the title and the asset URLs.

use super::assets;

pub struct Layout {
    pub title: String,
    pub css: &'static str,
    pub htmx: &'static str,
    pub enhance: &'static str,
    /// The path of the page, for `aria-current` in the navigation.
    pub section: &'static str,
}

impl Layout {
    pub fn new(title: impl Into<String>) -> Layout {
        Layout {
            title: title.into(),
            css: assets::css_path(),
            htmx: assets::htmx_path(),
            enhance: assets::enhance_path(),
            section: "",
        }
    }

    pub fn in_section(mut self, section: &'static str) -> Layout {
        self.section = section;
        self
    }
}
