//! Why an upload was refused, for the log (English) and for the user (German).

/// An uploaded file that could not become a picture on the portal.
///
/// `Display` is for logs; [`ImageError::german`] is the text a user sees next to the
/// upload field.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    /// The upload has more bytes than allowed; refused before anything was decoded.
    #[error("upload is larger than {max_bytes} bytes")]
    TooLarge { max_bytes: usize },
    /// The image header claims more pixels (or a longer side) than allowed: refused
    /// before decoding, so a decompression bomb never gets its memory.
    #[error("image exceeds {max_pixels} pixels or {max_side} pixels per side")]
    TooManyPixels { max_pixels: u64, max_side: u32 },
    /// Not JPEG, PNG or WebP, judged by the content, not by the file name.
    #[error("not a JPEG, PNG or WebP image")]
    Unsupported,
    /// The file looks like a supported format but cannot be decoded.
    #[error("image data is corrupt: {0}")]
    Corrupt(#[source] image::ImageError),
    /// Resizing or re-encoding failed; not the user's fault.
    #[error("image could not be processed: {0}")]
    Processing(String),
}

impl ImageError {
    /// The message for the upload form, in German with German typography.
    pub fn german(&self) -> String {
        match self {
            ImageError::TooLarge { max_bytes } => {
                format!("Die Datei ist zu groß (höchstens {}).", file_size(*max_bytes))
            }
            ImageError::TooManyPixels {
                max_pixels,
                max_side,
            } => format!(
                "Das Bild hat zu viele Pixel (höchstens {} Megapixel und {} Pixel pro Seite).",
                tenths(max_pixels.saturating_add(50_000) / 100_000),
                thousands(u64::from(*max_side)),
            ),
            ImageError::Unsupported => {
                "Bitte laden Sie ein Bild im Format JPEG, PNG oder WebP hoch.".to_owned()
            }
            ImageError::Corrupt(_) => {
                "Die Bilddatei ist beschädigt und konnte nicht gelesen werden.".to_owned()
            }
            ImageError::Processing(_) => {
                "Das Bild konnte nicht verarbeitet werden. Bitte versuchen Sie es später noch einmal."
                    .to_owned()
            }
        }
    }
}

/// „10 MB“, „512 KB“, „900 Bytes“ (binary units, as file managers show them).
fn file_size(bytes: usize) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    let bytes = u64::try_from(bytes).unwrap_or(u64::MAX);
    if bytes >= MIB {
        format!(
            "{} MB",
            tenths(bytes.saturating_mul(10).saturating_add(MIB / 2) / MIB)
        )
    } else if bytes >= KIB {
        format!(
            "{} KB",
            tenths(bytes.saturating_mul(10).saturating_add(KIB / 2) / KIB)
        )
    } else {
        format!("{bytes} Bytes")
    }
}

/// A number given in tenths, written the German way: 400 → „40“, 25 → „2,5“.
fn tenths(value: u64) -> String {
    let (whole, fraction) = (value / 10, value % 10);
    if fraction == 0 {
        thousands(whole)
    } else {
        format!("{},{fraction}", thousands(whole))
    }
}

/// Groups thousands with a dot, as German does: 12000 → „12.000“.
fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::Limits;

    #[test]
    fn german_messages_for_the_default_limits() {
        let limits = Limits::default();
        let too_large = ImageError::TooLarge {
            max_bytes: limits.max_bytes,
        };
        assert_eq!(
            too_large.german(),
            "Die Datei ist zu groß (höchstens 10 MB)."
        );
        let too_many = ImageError::TooManyPixels {
            max_pixels: limits.max_pixels,
            max_side: limits.max_side,
        };
        assert_eq!(
            too_many.german(),
            "Das Bild hat zu viele Pixel (höchstens 40 Megapixel und 12.000 Pixel pro Seite)."
        );
        assert_eq!(
            ImageError::Unsupported.german(),
            "Bitte laden Sie ein Bild im Format JPEG, PNG oder WebP hoch."
        );
    }

    #[test]
    fn numbers_are_written_the_german_way() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1.000");
        assert_eq!(thousands(12_000), "12.000");
        assert_eq!(thousands(1_234_567), "1.234.567");
        assert_eq!(tenths(25), "2,5");
        assert_eq!(file_size(1536 * 1024), "1,5 MB");
        assert_eq!(file_size(2048), "2 KB");
        assert_eq!(file_size(10), "10 Bytes");
    }
}
