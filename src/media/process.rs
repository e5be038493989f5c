//! From uploaded bytes to upright, metadata-free, responsive JPEG or PNG variants.

use std::io::Cursor;

use fast_image_resize as fr;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::metadata::Orientation;
use image::{
    DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageFormat, ImageReader,
};

use super::error::ImageError;

/// Target widths of the responsive variants, smallest first (for `srcset`).
pub const VARIANT_WIDTHS: [u32; 3] = [480, 960, 1600];

/// JPEG quality of photo variants: visually clean at a third of quality 95's size.
pub const JPEG_QUALITY: u8 = 82;

/// What an upload may be, checked before the image is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Size of the uploaded file. Default: 10 MiB.
    pub max_bytes: usize,
    /// Width × height from the image header. Default: 40 megapixels.
    pub max_pixels: u64,
    /// Width and height each, from the image header. Default: 12 000.
    pub max_side: u32,
    /// Bytes of the decoded picture (pixels × bytes per pixel, so 16-bit and alpha
    /// channels count). Default: 120 MB — 40 megapixels of 8-bit RGB, 30 of RGBA, 15 of
    /// 16-bit RGBA. Together with the bound on decodes at once (`web::images`) this bounds
    /// the memory uploads can take.
    pub max_decoded_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 10 * 1024 * 1024,
            max_pixels: 40_000_000,
            max_side: 12_000,
            max_decoded_bytes: 120_000_000,
        }
    }
}

impl Limits {
    fn too_many_pixels(&self) -> ImageError {
        ImageError::TooManyPixels {
            max_pixels: self.max_pixels,
            max_side: self.max_side,
        }
    }

    /// The same limits for the decoder itself, as a second line of defence. Eight bytes
    /// per pixel covers the widest layout these formats decode to (16-bit RGBA PNG).
    fn for_decoder(&self) -> image::Limits {
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(self.max_side);
        limits.max_image_height = Some(self.max_side);
        limits.max_alloc = Some(self.max_pixels.saturating_mul(8));
        limits
    }
}

/// An accepted image: its upright size and its variants, sorted by width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    pub width: u32,
    pub height: u32,
    pub variants: Vec<Variant>,
}

/// One re-encoded size of an image, ready to store and serve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// `image/jpeg` or `image/png`.
    pub content_type: &'static str,
    /// `jpg` or `png`, without the dot.
    pub extension: &'static str,
    pub bytes: Vec<u8>,
}

/// Checks, decodes, turns upright and re-encodes an uploaded image.
///
/// CPU-heavy and synchronous: call it from `tokio::task::spawn_blocking`.
pub fn process(bytes: &[u8], limits: &Limits) -> Result<Processed, ImageError> {
    if bytes.len() > limits.max_bytes {
        return Err(ImageError::TooLarge {
            max_bytes: limits.max_bytes,
        });
    }
    let format = detect_format(bytes)?;
    check_header(bytes, format, limits)?;
    let image = decode_upright(bytes, format, limits)?;
    let (width, height) = (image.width(), image.height());
    let (output, pixels) = Output::choose(image);
    let variants = encode_variants(&pixels, width, height, output)?;
    Ok(Processed {
        width,
        height,
        variants,
    })
}

/// Variants of a picture the portal drew itself (a poster, the demo's artwork): RGB
/// pixels become JPEG, RGBA pixels (`alpha`) PNG; widths as for uploads.
pub fn from_pixels(
    pixels: Vec<u8>,
    width: u32,
    height: u32,
    alpha: bool,
) -> Result<Processed, ImageError> {
    let output = if alpha { Output::Png } else { Output::Jpeg };
    let variants = encode_variants(&pixels, width, height, output)?;
    Ok(Processed {
        width,
        height,
        variants,
    })
}

/// A stored variant cut to `width` × `height` (the middle of the picture, scaled to
/// fill; transparency laid on white), as JPEG: the 1200 × 630 picture of a link preview.
pub fn cover(bytes: &[u8], width: u32, height: u32) -> Result<Variant, ImageError> {
    let pixels = cover_rgb(bytes, width, height)?;
    Output::Jpeg.encode(&pixels, width, height)
}

/// RGB pixels (`width` × `height`) as a JPEG of the portal's quality.
pub fn jpeg(pixels: &[u8], width: u32, height: u32) -> Result<Variant, ImageError> {
    Output::Jpeg.encode(pixels, width, height)
}

/// [`cover`] as RGB pixels, for drawing on (the social-media pictures).
pub fn cover_rgb(bytes: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ImageError> {
    let limits = Limits::default();
    let format = detect_format(bytes)?;
    check_header(bytes, format, &limits)?;
    let image = decode_upright(bytes, format, &limits)?;
    let rgba = image.into_rgba8();
    let (w, h) = (rgba.width(), rgba.height());
    let rgb: Vec<u8> = rgba
        .pixels()
        .flat_map(|p| {
            let a = u16::from(p.0[3]);
            [0, 1, 2].map(|c| ((u16::from(p.0[c]) * a + 255 * (255 - a)) / 255) as u8)
        })
        .collect();
    let source = fr::images::ImageRef::new(w, h, &rgb, fr::PixelType::U8x3)
        .map_err(|e| ImageError::Processing(format!("cropping: {e}")))?;
    // The largest middle part with the target's aspect ratio, scaled to the target.
    let options = fr::ResizeOptions::new()
        .resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3))
        .fit_into_destination(None);
    let mut target_image = fr::images::Image::new(width, height, fr::PixelType::U8x3);
    fr::Resizer::new()
        .resize(&source, &mut target_image, &options)
        .map_err(|e| ImageError::Processing(format!("cropping: {e}")))?;
    Ok(target_image.into_vec())
}

/// The format by content (magic bytes); the file name is never trusted.
fn detect_format(bytes: &[u8]) -> Result<ImageFormat, ImageError> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageError::Corrupt(e.into()))?;
    match reader.format() {
        Some(format @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => Ok(format),
        _ => Err(ImageError::Unsupported),
    }
}

/// Reads only the header and refuses images too big to decode safely.
fn check_header(bytes: &[u8], format: ImageFormat, limits: &Limits) -> Result<(), ImageError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits.for_decoder());
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| from_image_error(e, limits))?;
    let pixels = u64::from(width) * u64::from(height);
    if width > limits.max_side || height > limits.max_side || pixels > limits.max_pixels {
        return Err(limits.too_many_pixels());
    }
    Ok(())
}

/// Decodes with limits and applies the EXIF orientation, so phone photos stand upright
/// even though the re-encoded variants carry no EXIF.
fn decode_upright(
    bytes: &[u8],
    format: ImageFormat,
    limits: &Limits,
) -> Result<DynamicImage, ImageError> {
    let decoder_limits = limits.for_decoder();
    let max_alloc = decoder_limits.max_alloc;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(decoder_limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| from_image_error(e, limits))?;
    // `into_decoder` (unlike `decode`) does not check the output buffer against max_alloc.
    if max_alloc.is_some_and(|max| decoder.total_bytes() > max) {
        return Err(limits.too_many_pixels());
    }
    // The pixel budget counts bytes: a 16-bit RGBA picture needs eight per pixel.
    if decoder.total_bytes() > limits.max_decoded_bytes {
        let per_pixel = u64::from(decoder.color_type().bytes_per_pixel()).max(1);
        return Err(ImageError::TooManyPixels {
            max_pixels: limits.max_decoded_bytes / per_pixel,
            max_side: limits.max_side,
        });
    }
    // Broken EXIF is common and harmless: show the picture as stored rather than refuse it.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| from_image_error(e, limits))?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn from_image_error(error: image::ImageError, limits: &Limits) -> ImageError {
    match error {
        image::ImageError::Limits(_) => limits.too_many_pixels(),
        image::ImageError::Unsupported(_) => ImageError::Unsupported,
        other => ImageError::Corrupt(other),
    }
}

/// The output format: JPEG for photos, PNG where transparency must survive. (image's
/// WebP encoder is lossless only, so WebP output would be larger than the upload.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Jpeg,
    Png,
}

impl Output {
    /// Picks the format and converts the pixels to its 8-bit layout (RGB or RGBA).
    /// An alpha channel that is opaque everywhere counts as no alpha.
    fn choose(image: DynamicImage) -> (Output, Vec<u8>) {
        if image.color().has_alpha() {
            let rgba = image.into_rgba8();
            if rgba.pixels().any(|pixel| pixel.0[3] < u8::MAX) {
                return (Output::Png, rgba.into_raw());
            }
            return (
                Output::Jpeg,
                DynamicImage::ImageRgba8(rgba).into_rgb8().into_raw(),
            );
        }
        (Output::Jpeg, image.into_rgb8().into_raw())
    }

    fn pixel_type(self) -> fr::PixelType {
        match self {
            Output::Jpeg => fr::PixelType::U8x3,
            Output::Png => fr::PixelType::U8x4,
        }
    }

    fn encode(self, pixels: &[u8], width: u32, height: u32) -> Result<Variant, ImageError> {
        let mut bytes = Vec::new();
        let written =
            match self {
                Output::Jpeg => JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY)
                    .write_image(pixels, width, height, ExtendedColorType::Rgb8),
                Output::Png => PngEncoder::new(&mut bytes).write_image(
                    pixels,
                    width,
                    height,
                    ExtendedColorType::Rgba8,
                ),
            };
        written.map_err(|e| ImageError::Processing(format!("encoding {self:?}: {e}")))?;
        let (content_type, extension) = match self {
            Output::Jpeg => ("image/jpeg", "jpg"),
            Output::Png => ("image/png", "png"),
        };
        Ok(Variant {
            width,
            height,
            content_type,
            extension,
            bytes,
        })
    }
}

/// The widths to produce: each target width, but never wider than the original, so a
/// small image gets a single variant at its own width.
fn variant_widths(original_width: u32) -> Vec<u32> {
    let mut widths: Vec<u32> = VARIANT_WIDTHS
        .iter()
        .map(|&width| width.min(original_width))
        .collect();
    widths.dedup();
    widths
}

/// The height that keeps the aspect ratio at `width`, rounded, at least one pixel.
fn scaled_height(original_width: u32, original_height: u32, width: u32) -> u32 {
    let exact = (u64::from(original_height) * u64::from(width) + u64::from(original_width) / 2)
        / u64::from(original_width.max(1));
    u32::try_from(exact.max(1)).unwrap_or(original_height)
}

fn encode_variants(
    pixels: &[u8],
    width: u32,
    height: u32,
    output: Output,
) -> Result<Vec<Variant>, ImageError> {
    let resize_error = |e: &dyn std::error::Error| ImageError::Processing(format!("resizing: {e}"));
    let source = fr::images::ImageRef::new(width, height, pixels, output.pixel_type())
        .map_err(|e| resize_error(&e))?;
    // Lanczos3 keeps photos sharp when shrinking; for RGBA, fast_image_resize
    // premultiplies alpha so transparent edges get no dark fringes.
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    let mut resizer = fr::Resizer::new();
    let mut variants = Vec::new();
    for variant_width in variant_widths(width) {
        if variant_width == width {
            variants.push(output.encode(pixels, width, height)?);
            continue;
        }
        let variant_height = scaled_height(width, height, variant_width);
        let mut target = fr::images::Image::new(variant_width, variant_height, output.pixel_type());
        resizer
            .resize(&source, &mut target, &options)
            .map_err(|e| resize_error(&e))?;
        variants.push(output.encode(target.buffer(), variant_width, variant_height)?);
    }
    Ok(variants)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_exceed_the_original() {
        assert_eq!(variant_widths(4000), vec![480, 960, 1600]);
        assert_eq!(variant_widths(1600), vec![480, 960, 1600]);
        assert_eq!(variant_widths(1200), vec![480, 960, 1200]);
        assert_eq!(variant_widths(960), vec![480, 960]);
        assert_eq!(variant_widths(480), vec![480]);
        assert_eq!(variant_widths(300), vec![300]);
        assert_eq!(variant_widths(1), vec![1]);
    }

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(scaled_height(2000, 1000, 480), 240);
        assert_eq!(scaled_height(3000, 2000, 1600), 1067);
        assert_eq!(scaled_height(10_000, 10, 480), 1);
    }
}
