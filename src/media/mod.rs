//! Uploaded images for events and profiles: check, re-encode, resize, store.
//!
//! [`process`] takes the uploaded bytes and returns [`Processed`] variants; the web
//! layer runs it in `tokio::task::spawn_blocking` (it is CPU-heavy and synchronous),
//! then hands the result to [`store_processed`].
//!
//! - **Checked before decoding.** The file size, then the dimensions from the image
//!   header alone, are held against [`Limits`]: a few kilobytes that claim 50 000 × 50 000
//!   pixels (a decompression bomb) are refused without allocating the pixels. Formats are
//!   told by content, never by file name: JPEG, PNG and WebP only.
//! - **Re-encoded, never passed through.** Decoding and encoding again keeps only the
//!   pixels, so EXIF, XMP and IPTC metadata – the GPS position of a phone photo, the
//!   camera's serial number – never reach the public. The EXIF orientation is applied
//!   to the pixels first, so pictures still stand upright without it.
//! - **Responsive variants.** Widths 480, 960 and 1600 (never upscaled), for a `srcset`:
//!   a phone loads a tenth of what a desktop screen needs. Photos become JPEG; images with
//!   real transparency (logos) become PNG.
//! - **Pictures made here.** [`poster`] sets an event's title, date and place on its
//!   Sparte's colours when it has no picture of its own; [`canvas`] draws them (and the
//!   demo's artwork). They go through the same variants and store as uploads.
//! - **A storage seam.** [`MediaStore`] hides where variants live. [`FsStore`] keeps them
//!   in a folder, written atomically; [`ObjectMediaStore`] keeps them in an S3-compatible
//!   store when several instances serve the portal ([`open`] chooses by `KP_STORAGE_URL`). Keys ([`MediaKey`]) derive from the SHA-256
//!   of the upload and validate themselves, so they can never escape the store.

pub mod canvas;
mod error;
pub mod poster;
mod process;
mod remote;
pub mod social;
mod store;
#[cfg(test)]
mod tests;

pub use error::ImageError;
pub use process::{
    JPEG_QUALITY, Limits, Processed, VARIANT_WIDTHS, Variant, cover, cover_rgb, from_pixels, jpeg,
    process,
};
pub use remote::{ObjectMediaStore, S3Settings, copy_all, open};
pub use store::{FsStore, MediaKey, MediaStore, StoredVariant, store_processed};
