//! The demo's example pictures, drawn without any photo or download: abstract
//! compositions in a Sparte's colours for events, a drawn house front for venues, and
//! initials on a coloured ground for logos. Deterministic per seed.

use super::rng::Rng;
use crate::domain::category::Colours;
use crate::media::canvas::{Canvas, Face, Rgb, mix, text_width};

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

fn unit(rng: &mut Rng) -> f32 {
    rng.below(10_000) as f32 / 10_000.0
}

/// An abstract composition for events of a Sparte (960 × 540; pictures of events are
/// shown at most about 800 pixels wide).
pub fn composition(colours: Colours, seed: u64) -> Canvas {
    let (w, h) = (960.0f32, 540.0f32);
    // Sizes below were chosen for 1200 pixels wide.
    let k = w / 1200.0;
    let mut rng = Rng::new(seed);
    let mut c = Canvas::new(w as u32, h as u32, colours.ground);
    c.gradient(
        mix(colours.ground, WHITE, 0.08),
        mix(colours.ground, BLACK, 0.35),
    );
    let palette = [
        colours.accent,
        mix(colours.accent, WHITE, 0.45),
        mix(colours.ground, WHITE, 0.3),
        mix(colours.ground, colours.accent, 0.5),
    ];
    let shapes = 5 + rng.below(3);
    for _ in 0..shapes {
        let colour = *rng.pick(&palette);
        let opacity = 0.55 + unit(&mut rng) * 0.4;
        let (x, y) = (unit(&mut rng) * w, unit(&mut rng) * h);
        match rng.below(5) {
            0 => c.disc(x, y, k * (60.0 + unit(&mut rng) * 220.0), colour, opacity),
            1 => {
                let r = k * (90.0 + unit(&mut rng) * 200.0);
                c.ring(x, y, r, r * (0.7 + unit(&mut rng) * 0.2), colour, opacity);
            }
            2 => {
                let angle = unit(&mut rng) * std::f32::consts::PI;
                let len = k * (500.0 + unit(&mut rng) * 700.0);
                let (dx, dy) = (angle.cos() * len / 2.0, angle.sin() * len / 2.0);
                let width = k * (30.0 + unit(&mut rng) * 110.0);
                c.band((x - dx, y - dy), (x + dx, y + dy), width, colour, opacity);
            }
            3 => {
                // A grid of dots.
                let step = k * (26.0 + unit(&mut rng) * 16.0);
                for i in 0..7 {
                    for j in 0..5 {
                        let (cx, cy) = (x + i as f32 * step, y + j as f32 * step);
                        c.disc(cx, cy, step * 0.18, colour, opacity);
                    }
                }
            }
            _ => {
                // Parallel stripes.
                let width = k * (14.0 + unit(&mut rng) * 20.0);
                for i in 0..5 {
                    let off = i as f32 * width * 2.2;
                    c.band(
                        (x + off, y - 220.0 * k),
                        (x + off + 180.0 * k, y + 220.0 * k),
                        width,
                        colour,
                        opacity,
                    );
                }
            }
        }
    }
    c
}

/// Colours of house fronts: brick, sandstone, concrete, slate, ochre, green.
const FRONTS: [Rgb; 6] = [
    [0x9c, 0x4a, 0x3a],
    [0xc9, 0xb0, 0x8a],
    [0x8d, 0x93, 0x97],
    [0x4f, 0x5d, 0x6b],
    [0xc0, 0x8a, 0x3e],
    [0x5e, 0x7d, 0x5a],
];

/// A drawn house front (960 × 640): sky, a building with windows, a door.
pub fn facade(seed: u64) -> Canvas {
    let (w, h) = (960.0f32, 640.0f32);
    let mut rng = Rng::new(seed);
    let mut c = Canvas::new(w as u32, h as u32, WHITE);
    let dusk = rng.chance(40);
    let (top, bottom) = if dusk {
        ([0x1f, 0x2a, 0x4d], [0xe8, 0x8d, 0x67])
    } else {
        ([0x6f, 0xa8, 0xdc], [0xd9, 0xec, 0xf7])
    };
    c.gradient(top, bottom);
    let front = *rng.pick(&FRONTS);
    let ground = h - 70.0;
    // A neighbour on each side, then the house.
    c.rect(
        0.0,
        ground - 260.0,
        200.0,
        260.0,
        mix(front, BLACK, 0.35),
        1.0,
    );
    c.rect(
        w - 180.0,
        ground - 320.0,
        180.0,
        320.0,
        mix(front, WHITE, 0.25),
        1.0,
    );
    let (left, right) = (
        150.0 + unit(&mut rng) * 60.0,
        w - 160.0 - unit(&mut rng) * 60.0,
    );
    let height = 300.0 + unit(&mut rng) * 140.0;
    let roof = ground - height;
    c.rect(left, roof, right - left, height, front, 1.0);
    match rng.below(3) {
        0 => c.polygon(
            &[
                (left - 20.0, roof),
                ((left + right) / 2.0, roof - 120.0),
                (right + 20.0, roof),
            ],
            mix(front, BLACK, 0.4),
            1.0,
        ),
        1 => {
            let tower = (left + right) / 2.0;
            c.rect(
                tower - 40.0,
                roof - 170.0,
                80.0,
                170.0,
                mix(front, BLACK, 0.2),
                1.0,
            );
            c.polygon(
                &[
                    (tower - 50.0, roof - 170.0),
                    (tower, roof - 250.0),
                    (tower + 50.0, roof - 170.0),
                ],
                mix(front, BLACK, 0.45),
                1.0,
            );
        }
        _ => c.rect(
            left - 10.0,
            roof - 18.0,
            right - left + 20.0,
            18.0,
            mix(front, BLACK, 0.3),
            1.0,
        ),
    }
    let glass = if dusk {
        [0xff, 0xd7, 0x7a]
    } else {
        [0x2b, 0x3a, 0x4a]
    };
    let columns = 4 + rng.below(3) as usize;
    let rows = 2 + rng.below(2) as usize;
    let cell_w = (right - left) / columns as f32;
    let cell_h = (height - 120.0) / rows as f32;
    for i in 0..columns {
        for j in 0..rows {
            let x = left + i as f32 * cell_w + cell_w * 0.25;
            let y = roof + 30.0 + j as f32 * cell_h + cell_h * 0.15;
            c.rect(x, y, cell_w * 0.5, cell_h * 0.6, glass, 0.9);
        }
    }
    let door = (left + right) / 2.0;
    c.rect(
        door - 45.0,
        ground - 110.0,
        90.0,
        110.0,
        mix(front, BLACK, 0.55),
        1.0,
    );
    c.rect(0.0, ground, w, h - ground, [0x55, 0x55, 0x55], 1.0);
    c.rect(0.0, ground, w, 6.0, [0x88, 0x88, 0x88], 1.0);
    c
}

/// The initials of a name („Bochumer Symphoniker“ → „BS“), without „e.V.“ and the
/// demo's „(fiktiv)“.
pub fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !w.starts_with('(') && *w != "e.V." && *w != "der")
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

/// A logo (320 × 320, transparent around): initials on a disc of the organisation's
/// colour.
pub fn logo(name: &str, colours: Colours) -> Canvas {
    let size = 320.0f32;
    let mut c = Canvas::transparent(size as u32, size as u32);
    c.disc(
        size / 2.0,
        size / 2.0,
        size / 2.0 - 4.0,
        colours.ground,
        1.0,
    );
    c.ring(
        size / 2.0,
        size / 2.0,
        size / 2.0 - 18.0,
        size / 2.0 - 27.0,
        colours.accent,
        1.0,
    );
    let text = initials(name);
    let font = 120.0;
    let width = text_width(Face::Bold, font, &text);
    c.text(
        Face::Bold,
        font,
        (size - width) / 2.0,
        size / 2.0 + font * 0.36,
        &text,
        WHITE,
    );
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_skip_the_legal_form() {
        assert_eq!(initials("Bochumer Symphoniker"), "BS");
        assert_eq!(initials("Bahnhof Langendreer e.V."), "BL");
        assert_eq!(initials("Kollektiv Flözlicht (fiktiv)"), "KF");
        assert_eq!(initials("Zeche"), "Z");
    }
}
