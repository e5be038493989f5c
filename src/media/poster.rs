//! Posters: the picture of an event that has none of its own, set from its title, date,
//! place and Sparte on the Sparte's colours, 1200 × 630 (the size of a link preview).
//!
//! A poster is keyed by the SHA-256 of what it shows ([`Poster::spec`]), so it is drawn
//! once, stored through the [`super::MediaStore`] like any upload's variants, and drawn
//! again only when the event's title, dates, place or Sparte change (a new key).

use super::canvas::{Canvas, Face, mix, shorten, wrap};
use super::{ImageError, Processed, from_pixels};
use crate::domain::category::Colours;
use sha2::{Digest, Sha256};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// Changes with the design, so that every poster gets a new key and is drawn anew.
const DESIGN: &str = "poster-1";

const WHITE: [u8; 3] = [255, 255, 255];
const MARGIN: f32 = 72.0;
const TEXT_WIDTH: f32 = 820.0;

/// What a poster shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poster {
    pub title: String,
    /// The Sparte's name, set above the title.
    pub sparte: String,
    /// „Sa., 5. Dezember 2026, 19:30 Uhr“ or a span of days.
    pub date: String,
    /// The venue or the place as written.
    pub place: String,
    pub colours: Colours,
}

impl Poster {
    /// Everything the picture depends on, as the bytes its key is the hash of.
    pub fn spec(&self) -> Vec<u8> {
        format!(
            "{DESIGN}\n{}\n{}\n{}\n{}\n{:?}\n{:?}",
            self.title,
            self.sparte,
            self.date,
            self.place,
            self.colours.ground,
            self.colours.accent
        )
        .into_bytes()
    }

    /// The hex SHA-256 of [`Poster::spec`]: the first part of the variants' keys.
    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.spec()))
    }

    /// Draws the poster and encodes its variants (JPEG, 480 to 1200 wide). CPU-heavy:
    /// call it from `spawn_blocking`.
    pub fn render(&self) -> Result<Processed, ImageError> {
        let c = self.colours;
        let mut canvas = Canvas::new(WIDTH, HEIGHT, c.ground);
        canvas.gradient(c.ground, mix(c.ground, [0, 0, 0], 0.35));
        self.decorate(&mut canvas);
        let mut y = 118.0;
        let label = self.sparte.to_uppercase();
        canvas.text(Face::Medium, 26.0, MARGIN, y, &label, c.accent);
        y += 28.0;
        let (size, lines) = title_lines(&self.title);
        for line in &lines {
            y += size * 1.1;
            canvas.text(Face::Bold, size, MARGIN, y, line, WHITE);
        }
        let date = shorten(Face::Medium, 34.0, &self.date, TEXT_WIDTH);
        canvas.text(
            Face::Medium,
            34.0,
            MARGIN,
            HEIGHT as f32 - 118.0,
            &date,
            WHITE,
        );
        let place = shorten(Face::Medium, 28.0, &self.place, TEXT_WIDTH);
        let soft = mix(WHITE, c.ground, 0.25);
        canvas.text(
            Face::Medium,
            28.0,
            MARGIN,
            HEIGHT as f32 - 72.0,
            &place,
            soft,
        );
        let site = "Kulturportal Bochum";
        canvas.text(Face::Medium, 20.0, MARGIN, HEIGHT as f32 - 32.0, site, soft);
        from_pixels(canvas.into_rgb(), WIDTH, HEIGHT, false)
    }

    /// Shapes in the accent colour on the right, one of three arrangements by the hash.
    fn decorate(&self, canvas: &mut Canvas) {
        let c = self.colours;
        let light = mix(c.accent, WHITE, 0.35);
        let w = WIDTH as f32;
        let h = HEIGHT as f32;
        match self.hash().as_bytes().first().map_or(0, |b| b % 3) {
            0 => {
                canvas.disc(w - 150.0, 150.0, 250.0, c.accent, 0.9);
                canvas.ring(w - 150.0, 150.0, 330.0, 305.0, light, 0.6);
                canvas.band(
                    (w - 420.0, h + 40.0),
                    (w + 40.0, h - 260.0),
                    70.0,
                    light,
                    0.35,
                );
            }
            1 => {
                for i in 0..5 {
                    let x = w - 360.0 + i as f32 * 70.0;
                    canvas.band((x, h + 20.0), (x + 260.0, -20.0), 34.0, c.accent, 0.85);
                }
                canvas.disc(w - 120.0, h - 140.0, 90.0, light, 0.7);
            }
            _ => {
                canvas.polygon(&[(w - 430.0, 0.0), (w, 0.0), (w, 420.0)], c.accent, 0.9);
                canvas.ring(w - 200.0, h - 170.0, 150.0, 120.0, light, 0.7);
                canvas.disc(w - 200.0, h - 170.0, 50.0, c.accent, 0.9);
            }
        }
    }
}

/// The largest title size at which the title fits three lines (cut with „…“ at the
/// smallest size).
fn title_lines(title: &str) -> (f32, Vec<String>) {
    for size in [76.0, 66.0, 56.0, 48.0] {
        let lines = wrap(Face::Bold, size, title, TEXT_WIDTH);
        if lines.len() <= 3 {
            return (size, lines);
        }
    }
    let size = 48.0;
    let mut lines = wrap(Face::Bold, size, title, TEXT_WIDTH);
    lines.truncate(3);
    if let Some(last) = lines.last_mut() {
        *last = shorten(Face::Bold, size, &format!("{last} …"), TEXT_WIDTH);
    }
    (size, lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::category::colours;

    fn poster(title: &str) -> Poster {
        Poster {
            title: title.into(),
            sparte: "Theater".into(),
            date: "Sa., 5. Dezember 2026, 19:30 Uhr".into(),
            place: "Schauspielhaus Bochum".into(),
            colours: colours("theater"),
        }
    }

    #[test]
    fn a_poster_is_the_same_for_the_same_event() {
        let a = poster("Die Weiße Rose");
        let first = a.render().unwrap_or_else(|e| panic!("{e}"));
        let second = a.render().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first, second);
        assert_eq!((first.width, first.height), (1200, 630));
        assert_eq!(
            first.variants.iter().map(|v| v.width).collect::<Vec<_>>(),
            vec![480, 960, 1200]
        );
        assert_eq!(a.hash(), poster("Die Weiße Rose").hash());
        assert_ne!(a.hash(), poster("Woyzeck").hash());
    }

    #[test]
    fn long_titles_fit_three_lines() {
        let (_, lines) = title_lines(
            "Ein sehr langer Titel einer Veranstaltung, der auf einem Plakat unmöglich in \
             drei Zeilen passt, selbst in der kleinsten Schrift nicht, wirklich nicht",
        );
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'), "{lines:?}");
    }
}
