//! A small drawing surface for pictures the portal makes itself (posters, the demo's
//! artwork): RGB or RGBA pixels, anti-aliased shapes filled span by span, and text set
//! with the Inter font compiled into the binary (SIL Open Font License, see
//! `static/fonts/OFL.txt`). Everything is deterministic: the same calls give the same
//! pixels, so generated pictures can be keyed by what they show.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use std::sync::LazyLock;

/// Inter Display Bold, for titles.
static BOLD: LazyLock<Option<FontRef<'static>>> = LazyLock::new(|| {
    FontRef::try_from_slice(include_bytes!("../../static/fonts/InterDisplay-Bold.otf")).ok()
});

/// Inter Medium, for dates, places and labels.
static MEDIUM: LazyLock<Option<FontRef<'static>>> = LazyLock::new(|| {
    FontRef::try_from_slice(include_bytes!("../../static/fonts/Inter-Medium.otf")).ok()
});

/// A colour as 8-bit RGB.
pub type Rgb = [u8; 3];

/// Which face text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Bold,
    Medium,
}

impl Face {
    fn font(self) -> Option<&'static FontRef<'static>> {
        match self {
            Face::Bold => BOLD.as_ref(),
            Face::Medium => MEDIUM.as_ref(),
        }
    }
}

/// Pixels with an alpha channel (transparent where nothing was drawn when `alpha`).
pub struct Canvas {
    pub width: u32,
    pub height: u32,
    /// RGBA, row by row.
    pixels: Vec<u8>,
}

impl Canvas {
    /// A canvas filled with `colour` (opaque).
    pub fn new(width: u32, height: u32, colour: Rgb) -> Canvas {
        let mut pixels = Vec::with_capacity(width as usize * height as usize * 4);
        for _ in 0..width as usize * height as usize {
            pixels.extend_from_slice(&[colour[0], colour[1], colour[2], 255]);
        }
        Canvas {
            width,
            height,
            pixels,
        }
    }

    /// A canvas over a photo: `rgb` is `width` × `height` RGB pixels (opaque).
    pub fn from_rgb(width: u32, height: u32, rgb: &[u8]) -> Canvas {
        let mut pixels = Vec::with_capacity(width as usize * height as usize * 4);
        for p in rgb.chunks_exact(3) {
            pixels.extend_from_slice(&[p[0], p[1], p[2], 255]);
        }
        pixels.resize(width as usize * height as usize * 4, 255);
        Canvas {
            width,
            height,
            pixels,
        }
    }

    /// A fully transparent canvas (for logos).
    pub fn transparent(width: u32, height: u32) -> Canvas {
        Canvas {
            width,
            height,
            pixels: vec![0; width as usize * height as usize * 4],
        }
    }

    /// The pixels as RGB (alpha dropped), for JPEG.
    pub fn into_rgb(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.pixels.len() / 4 * 3);
        for p in self.pixels.chunks_exact(4) {
            out.extend_from_slice(&p[..3]);
        }
        out
    }

    /// The pixels as RGBA, for PNG.
    pub fn into_rgba(self) -> Vec<u8> {
        self.pixels
    }

    /// Blends `colour` at `amount` (coverage times opacity, 0–1) over one pixel.
    fn blend(&mut self, x: i64, y: i64, colour: Rgb, amount: f32) {
        if x < 0 || y < 0 || x >= i64::from(self.width) || y >= i64::from(self.height) {
            return;
        }
        let a = amount.clamp(0.0, 1.0);
        if a <= 0.0 {
            return;
        }
        let i = (y as usize * self.width as usize + x as usize) * 4;
        let p = &mut self.pixels[i..i + 4];
        if p[3] == 255 {
            // Over an opaque pixel: integer mixing (most pixels of every picture).
            let a8 = (a * 255.0).round() as u32;
            for c in 0..3 {
                p[c] =
                    ((u32::from(colour[c]) * a8 + u32::from(p[c]) * (255 - a8) + 127) / 255) as u8;
            }
            return;
        }
        let dst_a = f32::from(p[3]) / 255.0;
        let out_a = a + dst_a * (1.0 - a);
        for c in 0..3 {
            let v = (f32::from(colour[c]) * a + f32::from(p[c]) * dst_a * (1.0 - a)) / out_a;
            p[c] = v.round().clamp(0.0, 255.0) as u8;
        }
        p[3] = (out_a * 255.0).round() as u8;
    }

    /// Adds the coverage of a span from `x0` to `x1` (ends fractional) at `weight` to a
    /// row kept as differences (`diff[x]` is added to every pixel from `x` on), widening
    /// `range` to what it touched.
    fn cover(&self, diff: &mut [f32], range: &mut (i64, i64), x0: f32, x1: f32, weight: f32) {
        let width = self.width as f32;
        let (x0, x1) = (x0.max(0.0), x1.min(width));
        if x1 <= x0 {
            return;
        }
        let (first, last) = (x0.floor() as usize, (x1.ceil() as usize).saturating_sub(1));
        if first == last {
            diff[first] += (x1 - x0) * weight;
            diff[first + 1] -= (x1 - x0) * weight;
        } else {
            // Partial first and last pixels, full ones between.
            let head = (first + 1) as f32 - x0;
            let tail = x1 - last as f32;
            diff[first] += head * weight;
            diff[first + 1] += (1.0 - head) * weight;
            diff[last] += (tail - 1.0) * weight;
            diff[last + 1] -= tail * weight;
        }
        *range = (range.0.min(first as i64), range.1.max(last as i64));
    }

    /// Fills rows `first..last` with what `spans` gives for each of four sub-rows per
    /// row (`(x0, x1)` pairs at a vertical position), each pixel blended once.
    fn fill(
        &mut self,
        first: i64,
        last: i64,
        colour: Rgb,
        opacity: f32,
        spans: impl Fn(f32) -> Vec<(f32, f32)>,
    ) {
        let mut diff = vec![0.0f32; self.width as usize + 2];
        for y in first.max(0)..last.min(i64::from(self.height)) {
            let mut range = (i64::MAX, i64::MIN);
            for sub in 0..4 {
                let sy = y as f32 + (sub as f32 + 0.5) / 4.0;
                for (x0, x1) in spans(sy) {
                    self.cover(&mut diff, &mut range, x0, x1, 0.25);
                }
            }
            if range.0 > range.1 {
                continue;
            }
            let mut coverage = 0.0f32;
            for x in range.0..=range.1 {
                coverage += std::mem::take(&mut diff[x as usize]);
                self.blend(x, y, colour, coverage.min(1.0) * opacity);
            }
            for d in &mut diff[range.1 as usize + 1..] {
                *d = 0.0;
            }
        }
    }

    /// A linear gradient from `top` to `bottom`, replacing everything.
    pub fn gradient(&mut self, top: Rgb, bottom: Rgb) {
        let h = self.height.max(2) - 1;
        for y in 0..self.height {
            let t = y as f32 / h as f32;
            let c = mix(top, bottom, t);
            let row = y as usize * self.width as usize * 4;
            for x in 0..self.width as usize {
                self.pixels[row + x * 4..row + x * 4 + 4].copy_from_slice(&[c[0], c[1], c[2], 255]);
            }
        }
    }

    /// A disc of radius `r` at (`cx`, `cy`).
    pub fn disc(&mut self, cx: f32, cy: f32, r: f32, colour: Rgb, opacity: f32) {
        self.ring(cx, cy, r, 0.0, colour, opacity);
    }

    /// A ring between radius `inner` and `outer` (a disc when `inner` is 0).
    pub fn ring(&mut self, cx: f32, cy: f32, outer: f32, inner: f32, colour: Rgb, opacity: f32) {
        let first = (cy - outer).floor() as i64;
        let last = (cy + outer).ceil() as i64;
        self.fill(first, last, colour, opacity, |sy| {
            let dy = sy - cy;
            if dy.abs() >= outer {
                return Vec::new();
            }
            let half = (outer * outer - dy * dy).sqrt();
            if inner > 0.0 && dy.abs() < inner {
                let gap = (inner * inner - dy * dy).sqrt();
                vec![(cx - half, cx - gap), (cx + gap, cx + half)]
            } else {
                vec![(cx - half, cx + half)]
            }
        });
    }

    /// A filled convex polygon (corners in order).
    pub fn polygon(&mut self, corners: &[(f32, f32)], colour: Rgb, opacity: f32) {
        if corners.len() < 3 {
            return;
        }
        let top = corners.iter().map(|c| c.1).fold(f32::MAX, f32::min);
        let bottom = corners.iter().map(|c| c.1).fold(f32::MIN, f32::max);
        self.fill(
            top.floor() as i64,
            bottom.ceil() as i64,
            colour,
            opacity,
            |sy| {
                let mut xs: Vec<f32> = Vec::with_capacity(2);
                for i in 0..corners.len() {
                    let (ax, ay) = corners[i];
                    let (bx, by) = corners[(i + 1) % corners.len()];
                    if (ay <= sy && by > sy) || (by <= sy && ay > sy) {
                        xs.push(ax + (sy - ay) / (by - ay) * (bx - ax));
                    }
                }
                match (
                    xs.iter().copied().reduce(f32::min),
                    xs.iter().copied().reduce(f32::max),
                ) {
                    (Some(a), Some(b)) => vec![(a, b)],
                    _ => Vec::new(),
                }
            },
        );
    }

    /// A rectangle from (`x`, `y`) of `w` × `h`.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Rgb, opacity: f32) {
        self.polygon(
            &[(x, y), (x + w, y), (x + w, y + h), (x, y + h)],
            colour,
            opacity,
        );
    }

    /// A straight band of `width` from `a` to `b` (a rotated rectangle).
    pub fn band(&mut self, a: (f32, f32), b: (f32, f32), width: f32, colour: Rgb, opacity: f32) {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt().max(0.001);
        let (nx, ny) = (-dy / len * width / 2.0, dx / len * width / 2.0);
        self.polygon(
            &[
                (a.0 + nx, a.1 + ny),
                (b.0 + nx, b.1 + ny),
                (b.0 - nx, b.1 - ny),
                (a.0 - nx, a.1 - ny),
            ],
            colour,
            opacity,
        );
    }

    /// Sets `text` on one line with its baseline at `y`; returns its width.
    pub fn text(&mut self, face: Face, size: f32, x: f32, y: f32, text: &str, colour: Rgb) -> f32 {
        let Some(font) = face.font() else {
            return 0.0;
        };
        let scaled = font.as_scaled(PxScale::from(size));
        let mut caret = x;
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                caret += scaled.kern(p, id);
            }
            let glyph = id.with_scale_and_position(size, point(caret, y));
            caret += scaled.h_advance(id);
            previous = Some(id);
            if let Some(outlined) = font.outline_glyph(glyph) {
                let bounds = outlined.px_bounds();
                outlined.draw(|gx, gy, coverage| {
                    self.blend(
                        bounds.min.x as i64 + i64::from(gx),
                        bounds.min.y as i64 + i64::from(gy),
                        colour,
                        coverage,
                    );
                });
            }
        }
        caret - x
    }
}

/// The width `text` takes at `size`.
pub fn text_width(face: Face, size: f32, text: &str) -> f32 {
    let Some(font) = face.font() else {
        return 0.0;
    };
    let scaled = font.as_scaled(PxScale::from(size));
    let mut width = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = previous {
            width += scaled.kern(p, id);
        }
        width += scaled.h_advance(id);
        previous = Some(id);
    }
    width
}

/// Breaks `text` into lines no wider than `max`, at spaces (a word longer than a line
/// is cut with „…“ at its end).
pub fn wrap(face: Face, size: f32, text: &str, max: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if text_width(face, size, &candidate) <= max || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
        .into_iter()
        .map(|l| shorten(face, size, &l, max))
        .collect()
}

/// `text`, cut with „…“ so that it fits `max`.
pub fn shorten(face: Face, size: f32, text: &str, max: f32) -> String {
    if text_width(face, size, text) <= max {
        return text.to_owned();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate = format!("{}…", chars.iter().collect::<String>().trim_end());
        if text_width(face, size, &candidate) <= max {
            return candidate;
        }
    }
    String::new()
}

/// `a` mixed towards `b` by `t` (0–1).
pub fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    let t = t.clamp(0.0, 1.0);
    [0, 1, 2].map(|i| (f32::from(a[i]) * (1.0 - t) + f32::from(b[i]) * t).round() as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fonts_load_and_text_is_drawn() {
        assert!(BOLD.is_some() && MEDIUM.is_some());
        let mut c = Canvas::new(200, 60, [0, 0, 0]);
        let w = c.text(Face::Bold, 40.0, 5.0, 45.0, "Kühl", [255, 255, 255]);
        assert!(w > 40.0, "{w}");
        assert!(c.into_rgb().iter().any(|v| *v > 200));
        assert_eq!(wrap(Face::Bold, 40.0, "Die Weiße Rose", 200.0).len(), 2);
    }
}
