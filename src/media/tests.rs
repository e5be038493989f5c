//! Tests of `process` on images made in memory: formats, variants, limits, metadata.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};

use super::{ImageError, Limits, Processed, Variant, process};

fn photo(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        Rgb([
            u8::try_from(x % 256).unwrap_or(0),
            u8::try_from(y % 256).unwrap_or(0),
            128,
        ])
    })
}

fn encode(image: impl Into<DynamicImage>, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image
        .into()
        .write_to(&mut out, format)
        .unwrap_or_else(|e| panic!("encoding {format:?}: {e}"));
    out.into_inner()
}

fn processed(bytes: &[u8]) -> Processed {
    process(bytes, &Limits::default()).unwrap_or_else(|e| panic!("processing failed: {e}"))
}

/// Decodes a variant and checks that it is what it claims to be.
fn decoded(variant: &Variant) -> DynamicImage {
    let format = image::guess_format(&variant.bytes).unwrap_or_else(|e| panic!("{e}"));
    let expected = match variant.extension {
        "jpg" => ImageFormat::Jpeg,
        "png" => ImageFormat::Png,
        other => panic!("unexpected extension {other}"),
    };
    assert_eq!(format, expected);
    assert_eq!(format.to_mime_type(), variant.content_type);
    let image = image::load_from_memory(&variant.bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (image.width(), image.height()),
        (variant.width, variant.height)
    );
    image
}

fn sizes(processed: &Processed) -> Vec<(u32, u32, &'static str)> {
    let sizes = processed.variants.iter();
    sizes.map(|v| (v.width, v.height, v.extension)).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// Inserts an EXIF APP1 segment right after SOI: a big-endian TIFF header, one IFD
/// with the Orientation tag (0x0112, SHORT), then `marker` as a stand-in for GPS data.
fn with_exif(jpeg: &[u8], orientation: u16, marker: &[u8]) -> Vec<u8> {
    let mut payload = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec();
    payload.extend_from_slice(&1u16.to_be_bytes());
    payload.extend_from_slice(&0x0112u16.to_be_bytes());
    payload.extend_from_slice(&3u16.to_be_bytes());
    payload.extend_from_slice(&1u32.to_be_bytes());
    payload.extend_from_slice(&orientation.to_be_bytes());
    payload.extend_from_slice(&[0, 0]);
    payload.extend_from_slice(&0u32.to_be_bytes());
    payload.extend_from_slice(marker);
    let length = u16::try_from(payload.len() + 2).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(jpeg.get(..2), Some(&[0xFF, 0xD8][..]), "not a JPEG");
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    let length = u32::try_from(data.len()).unwrap_or_else(|e| panic!("{e}"));
    out.extend_from_slice(&length.to_be_bytes());
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(kind);
    hasher.update(data);
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&hasher.finalize().to_be_bytes());
}

/// A valid PNG header (correct CRCs) claiming `width` × `height` RGBA pixels, followed
/// by a token IDAT: a few dozen bytes, a 10-gigabyte promise.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 6, 0, 0, 0]);
    png_chunk(&mut png, b"IHDR", &header);
    png_chunk(&mut png, b"IDAT", &[0x78, 0x9c, 0x03, 0x00]);
    png_chunk(&mut png, b"IEND", &[]);
    png
}

#[test]
fn jpeg_photo_becomes_three_jpeg_variants_sorted_by_width() {
    let result = processed(&encode(photo(2000, 1000), ImageFormat::Jpeg));
    assert_eq!((result.width, result.height), (2000, 1000));
    assert_eq!(
        sizes(&result),
        vec![(480, 240, "jpg"), (960, 480, "jpg"), (1600, 800, "jpg")]
    );
    for variant in &result.variants {
        decoded(variant);
    }
}

#[test]
fn variants_are_never_wider_than_the_original() {
    let result = processed(&encode(photo(1200, 900), ImageFormat::Png));
    assert_eq!(
        sizes(&result),
        vec![(480, 360, "jpg"), (960, 720, "jpg"), (1200, 900, "jpg")]
    );
    let result = processed(&encode(photo(300, 200), ImageFormat::Png));
    assert_eq!(sizes(&result), vec![(300, 200, "jpg")]);
    decoded(&result.variants[0]);
}

#[test]
fn opaque_png_with_an_alpha_channel_becomes_jpeg() {
    let opaque = RgbaImage::from_pixel(600, 400, Rgba([200, 30, 30, 255]));
    let result = processed(&encode(opaque, ImageFormat::Png));
    assert_eq!(sizes(&result), vec![(480, 320, "jpg"), (600, 400, "jpg")]);
}

#[test]
fn transparent_png_stays_png_with_its_transparency() {
    let logo = RgbaImage::from_fn(600, 400, |x, _| {
        if x < 300 {
            Rgba([0, 0, 0, 0])
        } else {
            Rgba([0, 90, 160, 255])
        }
    });
    let result = processed(&encode(logo, ImageFormat::Png));
    assert_eq!(sizes(&result), vec![(480, 320, "png"), (600, 400, "png")]);
    for variant in &result.variants {
        let pixels = decoded(variant).into_rgba8();
        assert_eq!(pixels.get_pixel(10, 10).0[3], 0, "left half transparent");
        assert_eq!(
            pixels.get_pixel(variant.width - 10, 10).0,
            [0, 90, 160, 255]
        );
    }
}

#[test]
fn webp_uploads_are_accepted() {
    let opaque = DynamicImage::ImageRgb8(photo(1000, 500)).into_rgba8();
    let result = processed(&encode(opaque, ImageFormat::WebP));
    assert_eq!(
        sizes(&result),
        vec![(480, 240, "jpg"), (960, 480, "jpg"), (1000, 500, "jpg")]
    );
    let transparent = RgbaImage::from_pixel(500, 100, Rgba([255, 255, 255, 40]));
    let result = processed(&encode(transparent, ImageFormat::WebP));
    assert_eq!(sizes(&result), vec![(480, 96, "png"), (500, 100, "png")]);
}

#[test]
fn too_many_bytes_are_refused_before_decoding() {
    let limits = Limits {
        max_bytes: 10,
        ..Limits::default()
    };
    // Garbage: had it been decoded, the answer would be Unsupported.
    let result = process(b"not an image", &limits);
    assert!(
        matches!(result, Err(ImageError::TooLarge { max_bytes: 10 })),
        "{result:?}"
    );
}

#[test]
fn too_many_pixels_are_refused() {
    let png = encode(photo(200, 200), ImageFormat::Png);
    let limits = Limits {
        max_pixels: 39_999,
        ..Limits::default()
    };
    let result = process(&png, &limits);
    assert!(
        matches!(result, Err(ImageError::TooManyPixels { .. })),
        "{result:?}"
    );
    let limits = Limits {
        max_pixels: 40_000,
        ..Limits::default()
    };
    assert!(process(&png, &limits).is_ok());
}

#[test]
fn the_pixel_budget_counts_bit_depth() {
    // 200 × 200 pixels: 120,000 bytes as 8-bit RGB, 320,000 as 16-bit RGBA.
    let limits = Limits {
        max_decoded_bytes: 200_000,
        ..Limits::default()
    };
    assert!(process(&encode(photo(200, 200), ImageFormat::Png), &limits).is_ok());
    let deep = image::ImageBuffer::<Rgba<u16>, Vec<u16>>::from_fn(200, 200, |x, y| {
        Rgba([
            u16::try_from(x * 300).unwrap_or(0),
            u16::try_from(y * 300).unwrap_or(0),
            1000,
            u16::MAX,
        ])
    });
    let result = process(
        &encode(DynamicImage::ImageRgba16(deep), ImageFormat::Png),
        &limits,
    );
    assert!(
        matches!(
            result,
            Err(ImageError::TooManyPixels {
                max_pixels: 25_000,
                ..
            })
        ),
        "{result:?}"
    );
}

#[test]
fn a_too_long_side_is_refused() {
    let png = encode(photo(300, 10), ImageFormat::Png);
    let limits = Limits {
        max_side: 299,
        ..Limits::default()
    };
    let result = process(&png, &limits);
    assert!(
        matches!(result, Err(ImageError::TooManyPixels { .. })),
        "{result:?}"
    );
}

#[test]
fn png_header_claiming_50000_squared_is_refused_from_the_header() {
    let bomb = png_claiming(50_000, 50_000);
    // The crafted header is valid: the refusal is about its size, not a broken CRC.
    let dimensions = image::ImageReader::new(Cursor::new(&bomb))
        .with_guessed_format()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_dimensions()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dimensions, (50_000, 50_000));

    let result = process(&bomb, &Limits::default());
    assert!(
        matches!(result, Err(ImageError::TooManyPixels { .. })),
        "{result:?}"
    );
    // Even with the side limit lifted, the pixel count alone refuses it.
    let limits = Limits {
        max_side: u32::MAX,
        ..Limits::default()
    };
    let result = process(&bomb, &limits);
    assert!(
        matches!(result, Err(ImageError::TooManyPixels { .. })),
        "{result:?}"
    );
}

#[test]
fn other_formats_and_text_are_unsupported() {
    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".as_slice();
    let bmp = b"BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00".as_slice();
    let tiff = b"II*\x00\x08\x00\x00\x00".as_slice();
    let text = b"Hallo Welt, das ist kein Bild.".as_slice();
    for bytes in [b"".as_slice(), text, gif, bmp, tiff] {
        let result = process(bytes, &Limits::default());
        assert!(matches!(result, Err(ImageError::Unsupported)), "{result:?}");
    }
}

#[test]
fn truncated_jpeg_is_corrupt() {
    let jpeg = encode(photo(64, 64), ImageFormat::Jpeg);
    let result = process(&jpeg[..jpeg.len() / 2], &Limits::default());
    assert!(matches!(result, Err(ImageError::Corrupt(_))), "{result:?}");
}

#[test]
fn exif_and_its_gps_position_are_stripped() {
    let marker = b"GPSLatitude 52.5163 N GPSLongitude 13.3777 E";
    let jpeg = with_exif(&encode(photo(1000, 600), ImageFormat::Jpeg), 1, marker);
    assert!(contains(&jpeg, b"Exif") && contains(&jpeg, marker));

    let result = processed(&jpeg);
    assert_eq!(result.variants.len(), 3);
    for variant in &result.variants {
        assert!(
            !contains(&variant.bytes, b"Exif"),
            "{}px keeps EXIF",
            variant.width
        );
        assert!(
            !contains(&variant.bytes, b"GPS"),
            "{}px keeps GPS",
            variant.width
        );
    }
}

#[test]
fn exif_orientation_is_applied_to_the_pixels() {
    // Left half red, right half blue; orientation 6 means "rotate 90° clockwise to view",
    // so the left edge becomes the top.
    let image = RgbImage::from_fn(40, 20, |x, _| {
        if x < 20 {
            Rgb([255, 0, 0])
        } else {
            Rgb([0, 0, 255])
        }
    });
    let jpeg = with_exif(&encode(image, ImageFormat::Jpeg), 6, b"");

    let result = processed(&jpeg);
    assert_eq!((result.width, result.height), (20, 40));
    assert_eq!(sizes(&result), vec![(20, 40, "jpg")]);
    let pixels = decoded(&result.variants[0]).into_rgb8();
    let [r, _, b] = pixels.get_pixel(10, 5).0;
    assert!(r > 200 && b < 60, "top should be red, is {r}/{b}");
    let [r, _, b] = pixels.get_pixel(10, 34).0;
    assert!(r < 60 && b > 200, "bottom should be blue, is {r}/{b}");
}

#[test]
fn png_exif_chunk_is_stripped() {
    let marker = b"GPSLatitude 52.5163 N";
    let png = encode(photo(600, 300), ImageFormat::Png);
    // Signature (8 bytes) and IHDR (25 bytes) first, then an eXIf chunk.
    let mut tagged = png[..33].to_vec();
    let mut exif = b"MM\0\x2a\0\0\0\x08\0\0\0\0\0\0".to_vec();
    exif.extend_from_slice(marker);
    png_chunk(&mut tagged, b"eXIf", &exif);
    tagged.extend_from_slice(&png[33..]);
    assert!(contains(&tagged, marker));

    let result = processed(&tagged);
    assert_eq!(result.variants.len(), 2);
    for variant in &result.variants {
        assert!(
            !contains(&variant.bytes, b"eXIf"),
            "{}px keeps eXIf",
            variant.width
        );
        assert!(
            !contains(&variant.bytes, b"GPS"),
            "{}px keeps GPS",
            variant.width
        );
    }
}
