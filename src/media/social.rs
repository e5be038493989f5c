//! Pictures for social media: an event's (or article's) picture cut to the common
//! formats — square 1080 × 1080 and story 1080 × 1920 — with its title, date and place
//! set white on a dark band (legible on any photo). Without a photo the Sparte's colours
//! are the ground, as on the poster.
//!
//! A card is keyed by the SHA-256 of what it shows ([`Card::spec`], including the key of
//! the photo it is cut from), so it is drawn once and stored like any variant; a changed
//! event gets a new key.

use super::canvas::{Canvas, Face, mix, shorten, wrap};
use super::{ImageError, MediaKey, cover_rgb, jpeg};
use crate::domain::category::Colours;
use sha2::{Digest, Sha256};

/// Changes with the design, so that every card gets a new key and is drawn anew.
const DESIGN: &str = "social-1";
const WHITE: [u8; 3] = [255, 255, 255];
const BLACK: [u8; 3] = [0, 0, 0];
const MARGIN: f32 = 72.0;
/// The dark band's opacity: white text on it keeps a contrast above 10:1 even over a
/// white photo.
const BAND: f32 = 0.82;

/// The two formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// 1080 × 1080, for feeds.
    Square,
    /// 1080 × 1920, for stories.
    Story,
}

impl Format {
    pub const ALL: [Format; 2] = [Format::Square, Format::Story];

    /// The key in addresses and file names.
    pub fn key(self) -> &'static str {
        match self {
            Format::Square => "quadrat",
            Format::Story => "story",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.key() == s)
    }

    /// From a download's file name, `quadrat.jpg` or `story.jpg` (data keeps one address
    /// in every language, told by its extension).
    pub fn from_file(name: &str) -> Option<Format> {
        Format::parse(name.strip_suffix(".jpg")?)
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Square => "Quadrat (1080 × 1080)",
            Format::Story => "Story (1080 × 1920)",
        }
    }

    pub fn size(self) -> (u32, u32) {
        match self {
            Format::Square => (1080, 1080),
            Format::Story => (1080, 1920),
        }
    }

    /// What apps lay over the bottom of a story (reply field): text stays above it.
    fn bottom_safe(self) -> f32 {
        match self {
            Format::Square => 0.0,
            Format::Story => 300.0,
        }
    }
}

/// What a card shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub format: Format,
    pub title: String,
    /// Set small above the title: the Sparte, or „Kulturmagazin“.
    pub label: String,
    /// „Sa., 12. Dezember, 19:30 Uhr“
    pub date: String,
    pub place: String,
    pub colours: Colours,
    /// The stored picture it is cut from (none: the Sparte's colours).
    pub photo: Option<MediaKey>,
}

impl Card {
    pub fn spec(&self) -> Vec<u8> {
        format!(
            "{DESIGN}\n{}\n{}\n{}\n{}\n{}\n{:?}\n{:?}\n{}",
            self.format.key(),
            self.title,
            self.label,
            self.date,
            self.place,
            self.colours.ground,
            self.colours.accent,
            self.photo
                .as_ref()
                .map(MediaKey::as_str)
                .unwrap_or_default()
        )
        .into_bytes()
    }

    /// The key the card is stored under (`<hash>-1080.jpg`).
    pub fn key(&self) -> Option<MediaKey> {
        let hash = hex::encode(Sha256::digest(self.spec()));
        MediaKey::new(&hash, self.format.size().0, "jpg")
    }

    /// Draws the card over `photo` (the bytes of [`Card::photo`]; a picture that cannot
    /// be read gives way to the colours) and encodes it as JPEG. CPU-heavy: call it from
    /// `spawn_blocking`.
    pub fn render(&self, photo: Option<&[u8]>) -> Result<Vec<u8>, ImageError> {
        let (w, h) = self.format.size();
        let (wf, hf) = (w as f32, h as f32);
        let c = self.colours;
        let mut canvas = match photo.and_then(|bytes| cover_rgb(bytes, w, h).ok()) {
            Some(pixels) => Canvas::from_rgb(w, h, &pixels),
            None => {
                let mut canvas = Canvas::new(w, h, c.ground);
                canvas.gradient(c.ground, mix(c.ground, BLACK, 0.4));
                let light = mix(c.accent, WHITE, 0.35);
                canvas.disc(wf - 160.0, 220.0, 300.0, c.accent, 0.9);
                canvas.ring(wf - 160.0, 220.0, 400.0, 370.0, light, 0.6);
                canvas.band((-40.0, hf * 0.55), (wf * 0.7, -40.0), 60.0, light, 0.3);
                canvas
            }
        };
        let text_width = wf - 2.0 * MARGIN;
        let (size, lines) = title_lines(&self.title, text_width);
        let label = shorten(Face::Medium, 32.0, &self.label.to_uppercase(), text_width);
        let date = shorten(Face::Medium, 44.0, &self.date, text_width);
        let place = shorten(Face::Medium, 36.0, &self.place, text_width);
        // Heights from the bottom up: site, place, date, title lines, label.
        let mut height = 40.0 + 28.0 + 36.0;
        if !place.is_empty() {
            height += 56.0;
        }
        if !date.is_empty() {
            height += 64.0;
        }
        height += lines.len() as f32 * size * 1.12 + 24.0;
        if !label.is_empty() {
            height += 52.0;
        }
        let bottom = hf - self.format.bottom_safe();
        let top = (bottom - height - 48.0).max(0.0);
        canvas.rect(0.0, top, wf, hf - top, BLACK, BAND);
        let soft = mix(WHITE, BLACK, 0.12);
        let accent = mix(c.accent, WHITE, 0.55);
        let mut y = top + 48.0;
        if !label.is_empty() {
            y += 32.0;
            canvas.text(Face::Medium, 32.0, MARGIN, y, &label, accent);
            y += 20.0;
        }
        for line in &lines {
            y += size * 1.12;
            canvas.text(Face::Bold, size, MARGIN, y, line, WHITE);
        }
        y += 24.0;
        if !date.is_empty() {
            y += 54.0;
            canvas.text(Face::Medium, 44.0, MARGIN, y, &date, WHITE);
            y += 10.0;
        }
        if !place.is_empty() {
            y += 48.0;
            canvas.text(Face::Medium, 36.0, MARGIN, y, &place, soft);
            y += 8.0;
        }
        y += 58.0;
        canvas.text(Face::Medium, 28.0, MARGIN, y, "Kulturportal Bochum", soft);
        Ok(jpeg(&canvas.into_rgb(), w, h)?.bytes)
    }
}

/// The largest title size at which the title fits three lines (cut with „…“ at the
/// smallest size).
fn title_lines(title: &str, width: f32) -> (f32, Vec<String>) {
    for size in [84.0, 72.0, 62.0, 54.0] {
        let lines = wrap(Face::Bold, size, title, width);
        if lines.len() <= 3 {
            return (size, lines);
        }
    }
    let size = 54.0;
    let mut lines = wrap(Face::Bold, size, title, width);
    lines.truncate(3);
    if let Some(last) = lines.last_mut() {
        *last = shorten(Face::Bold, size, &format!("{last} …"), width);
    }
    (size, lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::category::colours;

    fn card(format: Format) -> Card {
        Card {
            format,
            title: "Die Weiße Rose – ein Abend über Mut".into(),
            label: "Theater".into(),
            date: "Sa., 12. Dezember, 19:30 Uhr".into(),
            place: "Schauspielhaus Bochum".into(),
            colours: colours("theater"),
            photo: None,
        }
    }

    #[test]
    fn cards_have_their_format_and_are_the_same_each_time() {
        for format in Format::ALL {
            let bytes = card(format).render(None).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(bytes, card(format).render(None).unwrap_or_default());
            let image = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!((image.width(), image.height()), format.size());
            // The band is dark: the bottom left corner of a square is nearly black.
            let rgb = image.to_rgb8();
            if format == Format::Square {
                let p = rgb.get_pixel(5, 1075);
                assert!(p.0.iter().all(|v| *v < 60), "{p:?}");
            }
        }
        assert_ne!(card(Format::Square).key(), card(Format::Story).key());
    }
}
