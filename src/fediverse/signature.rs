//! HTTP signatures as the fediverse uses them (draft-cavage-http-signatures-12,
//! `rsa-sha256`, with a `Digest` of the body): signing outgoing requests, parsing and
//! checking incoming ones, and the RSA key pairs of the portal's actors. Pure Rust (the
//! `rsa` crate); tested against the draft's own test key and signatures (appendix C).

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::{
    DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey, LineEnding,
};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::{Digest as _, Sha256};

/// Bits of the actors' keys (what Mastodon and Gancio use).
const KEY_BITS: usize = 2048;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SignatureError {
    #[error("the key is not a usable RSA key")]
    BadKey,
    #[error("making a key failed: {0}")]
    KeyGeneration(String),
}

/// An actor's key pair as PEM (PKCS#8 private, SPKI public).
#[derive(Debug, Clone)]
pub struct KeyPair {
    pub private_pem: String,
    pub public_pem: String,
}

/// A new key pair (slow: tens of milliseconds optimised, made once per actor).
pub fn generate() -> Result<KeyPair, SignatureError> {
    let private = RsaPrivateKey::new(&mut rand_core::OsRng, KEY_BITS)
        .map_err(|e| SignatureError::KeyGeneration(e.to_string()))?;
    let private_pem = private
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| SignatureError::KeyGeneration(e.to_string()))?
        .to_string();
    let public_pem = RsaPublicKey::from(&private)
        .to_public_key_pem(LineEnding::LF)
        .map_err(|e| SignatureError::KeyGeneration(e.to_string()))?;
    Ok(KeyPair {
        private_pem,
        public_pem,
    })
}

fn private_key(pem: &str) -> Result<RsaPrivateKey, SignatureError> {
    RsaPrivateKey::from_pkcs8_pem(pem)
        .or_else(|_| RsaPrivateKey::from_pkcs1_pem(pem))
        .map_err(|_| SignatureError::BadKey)
}

fn public_key(pem: &str) -> Result<RsaPublicKey, SignatureError> {
    RsaPublicKey::from_public_key_pem(pem.trim())
        .or_else(|_| RsaPublicKey::from_pkcs1_pem(pem.trim()))
        .map_err(|_| SignatureError::BadKey)
}

/// Whether `pem` is a public RSA key this module can check signatures with.
pub fn is_public_key(pem: &str) -> bool {
    public_key(pem).is_ok()
}

/// The `Digest` header of a body: `SHA-256=<base64>`.
pub fn digest(body: &[u8]) -> String {
    format!("SHA-256={}", B64.encode(Sha256::digest(body)))
}

/// The string that is signed: one line `name: value` per covered header, in order;
/// `(request-target)` is the lower-case method and the path with its query.
pub fn signing_string(
    method: &str,
    path_and_query: &str,
    covered: &[String],
    header: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    let mut lines = Vec::with_capacity(covered.len());
    for name in covered {
        let value = if name == "(request-target)" {
            format!("{} {}", method.to_ascii_lowercase(), path_and_query)
        } else {
            header(name)?
        };
        lines.push(format!("{name}: {value}"));
    }
    Some(lines.join("\n"))
}

/// Signs `message` with RSASSA-PKCS1-v1_5 over SHA-256; base64.
pub fn sign(private_pem: &str, message: &str) -> Result<String, SignatureError> {
    let key = SigningKey::<Sha256>::new(private_key(private_pem)?);
    Ok(B64.encode(key.sign(message.as_bytes()).to_bytes()))
}

/// Checks a base64 RSASSA-PKCS1-v1_5/SHA-256 signature of `message`.
pub fn verify(public_pem: &str, message: &str, signature_b64: &str) -> bool {
    let Ok(key) = public_key(public_pem) else {
        return false;
    };
    let Ok(raw) = B64.decode(signature_b64.trim()) else {
        return false;
    };
    let Ok(signature) = Signature::try_from(raw.as_slice()) else {
        return false;
    };
    VerifyingKey::<Sha256>::new(key)
        .verify(message.as_bytes(), &signature)
        .is_ok()
}

/// The headers of an outgoing request, signed: `Host`, `Date`, for a body its `Digest`
/// (and `Content-Type`), and `Signature` over `(request-target) host date [digest]`.
pub fn signed_headers(
    key_id: &str,
    private_pem: &str,
    method: &str,
    url: &url::Url,
    body: Option<&[u8]>,
    date: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<(&'static str, String)>, SignatureError> {
    let host = match url.port() {
        Some(p) => format!("{}:{p}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_owned(),
    };
    let date = date.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    let mut path = url.path().to_owned();
    if let Some(q) = url.query() {
        path = format!("{path}?{q}");
    }
    let mut headers: Vec<(&'static str, String)> = vec![("host", host), ("date", date)];
    let mut covered = vec!["(request-target)".to_owned(), "host".into(), "date".into()];
    if let Some(body) = body {
        headers.push(("digest", digest(body)));
        covered.push("digest".into());
    }
    let lookup = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    };
    let message = signing_string(method, &path, &covered, &lookup).ok_or(SignatureError::BadKey)?;
    let signature = sign(private_pem, &message)?;
    headers.push((
        "signature",
        format!(
            "keyId=\"{key_id}\",algorithm=\"rsa-sha256\",headers=\"{}\",signature=\"{signature}\"",
            covered.join(" ")
        ),
    ));
    Ok(headers)
}

/// A parsed `Signature` header (draft-cavage).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureHeader {
    pub key_id: String,
    pub algorithm: String,
    /// Covered headers, lower case; `date` alone when the header named none.
    pub headers: Vec<String>,
    pub signature: String,
}

/// Reads `keyId="…",algorithm="…",headers="…",signature="…"`; `None` when malformed or
/// without key or signature.
pub fn parse(header: &str) -> Option<SignatureHeader> {
    if header.len() > 8192 {
        return None;
    }
    let mut key_id = None;
    let mut algorithm = String::new();
    let mut headers = None;
    let mut signature = None;
    let mut rest = header.trim();
    while !rest.is_empty() {
        let (name, after) = rest.split_once('=')?;
        let after = after.strip_prefix('"')?;
        let (value, tail) = after.split_once('"')?;
        match name.trim().to_ascii_lowercase().as_str() {
            "keyid" => key_id = Some(value.to_owned()),
            "algorithm" => algorithm = value.to_ascii_lowercase(),
            "headers" => {
                headers = Some(
                    value
                        .split_whitespace()
                        .map(str::to_ascii_lowercase)
                        .collect::<Vec<_>>(),
                )
            }
            "signature" => signature = Some(value.to_owned()),
            _ => {}
        }
        rest = tail.trim_start().trim_start_matches(',').trim_start();
    }
    Some(SignatureHeader {
        key_id: key_id.filter(|k| !k.is_empty())?,
        algorithm,
        headers: headers.unwrap_or_else(|| vec!["date".to_owned()]),
        signature: signature.filter(|s| !s.is_empty())?,
    })
}

/// Checks a parsed signature of a request against the signer's public key.
pub fn check(
    parsed: &SignatureHeader,
    method: &str,
    path_and_query: &str,
    header: &dyn Fn(&str) -> Option<String>,
    public_pem: &str,
) -> bool {
    if !matches!(parsed.algorithm.as_str(), "" | "rsa-sha256" | "hs2019") {
        return false;
    }
    match signing_string(method, path_and_query, &parsed.headers, header) {
        Some(message) => verify(public_pem, &message, &parsed.signature),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // draft-cavage-http-signatures-12, appendix C: the test key and request.
    const TEST_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDCFENGw33yGihy92pDjZQhl0C3
6rPJj+CvfSC8+q28hxA161QFNUd13wuCTUcq0Qd2qsBe/2hFyc2DCJJg0h1L78+6
Z4UMR7EOcpfdUE9Hf3m/hs+FUR45uBJeDK1HSFHD8bHKD6kv8FPGfJTotc+2xjJw
oYi+1hqp1fIekaxsyQIDAQAB
-----END PUBLIC KEY-----";
    const TEST_PRIVATE: &str = "-----BEGIN RSA PRIVATE KEY-----
MIICXgIBAAKBgQDCFENGw33yGihy92pDjZQhl0C36rPJj+CvfSC8+q28hxA161QF
NUd13wuCTUcq0Qd2qsBe/2hFyc2DCJJg0h1L78+6Z4UMR7EOcpfdUE9Hf3m/hs+F
UR45uBJeDK1HSFHD8bHKD6kv8FPGfJTotc+2xjJwoYi+1hqp1fIekaxsyQIDAQAB
AoGBAJR8ZkCUvx5kzv+utdl7T5MnordT1TvoXXJGXK7ZZ+UuvMNUCdN2QPc4sBiA
QWvLw1cSKt5DsKZ8UETpYPy8pPYnnDEz2dDYiaew9+xEpubyeW2oH4Zx71wqBtOK
kqwrXa/pzdpiucRRjk6vE6YY7EBBs/g7uanVpGibOVAEsqH1AkEA7DkjVH28WDUg
f1nqvfn2Kj6CT7nIcE3jGJsZZ7zlZmBmHFDONMLUrXR/Zm3pR5m0tCmBqa5RK95u
412jt1dPIwJBANJT3v8pnkth48bQo/fKel6uEYyboRtA5/uHuHkZ6FQF7OUkGogc
mSJluOdc5t6hI1VsLn0QZEjQZMEOWr+wKSMCQQCC4kXJEsHAve77oP6HtG/IiEn7
kpyUXRNvFsDE0czpJJBvL/aRFUJxuRK91jhjC68sA7NsKMGg5OXb5I5Jj36xAkEA
gIT7aFOYBFwGgQAQkWNKLvySgKbAZRTeLBacpHMuQdl1DfdntvAyqpAZ0lY0RKmW
G6aFKaqQfOXKCyWoUiVknQJAXrlgySFci/2ueKlIE1QqIiLSZ8V8OlpFLRnb1pzI
7U1yQXnTAEFYM560yJlzUpOb1V4cScGd365tiSMvxLOvTA==
-----END RSA PRIVATE KEY-----";
    const BODY: &str = "{\"hello\": \"world\"}";

    fn request_header(name: &str) -> Option<String> {
        match name {
            "host" => Some("example.com".into()),
            "date" => Some("Sun, 05 Jan 2014 21:31:40 GMT".into()),
            "content-type" => Some("application/json".into()),
            "digest" => Some("SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=".into()),
            "content-length" => Some("18".into()),
            _ => None,
        }
    }

    #[test]
    fn the_digest_is_the_drafts() {
        assert_eq!(
            digest(BODY.as_bytes()),
            "SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE="
        );
    }

    /// Checks a vector of the draft: the signature verifies with the test key, and
    /// signing its string with the test key gives the same signature (PKCS#1 v1.5 is
    /// deterministic). Returns the parsed header and the signed string.
    fn vector(header: &str) -> (SignatureHeader, String) {
        let parsed = parse(header).unwrap_or_else(|| panic!("parse"));
        let path = "/foo?param=value&pet=dog";
        assert!(check(&parsed, "POST", path, &request_header, TEST_PUBLIC));
        let message =
            signing_string("POST", path, &parsed.headers, &request_header).unwrap_or_default();
        assert_eq!(
            sign(TEST_PRIVATE, &message).ok(),
            Some(parsed.signature.clone())
        );
        (parsed, message)
    }

    #[test]
    fn the_default_test_c1_verifies_and_signs_alike() {
        let (parsed, message) = vector(
            "keyId=\"Test\",algorithm=\"rsa-sha256\",signature=\"SjWJWbWN7i0wzBvtPl8rbASWz5xQW6mcJmn+ibttBqtifLN7Sazz6m79cNfwwb8DMJ5cou1s7uEGKKCs+FLEEaDV5lp7q25WqS+lavg7T8hc0GppauB6hbgEKTwblDHYGEtbGmtdHgVCk9SuS13F0hZ8FD0k/5OxEPXe5WozsbM=\"",
        );
        assert_eq!(parsed.headers, vec!["date"]);
        assert_eq!(message, "date: Sun, 05 Jan 2014 21:31:40 GMT");
    }

    #[test]
    fn the_basic_test_c2_verifies_and_signs_alike() {
        let (parsed, message) = vector(
            "keyId=\"Test\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date\",signature=\"qdx+H7PHHDZgy4y/Ahn9Tny9V3GP6YgBPyUXMmoxWtLbHpUnXS2mg2+SbrQDMCJypxBLSPQR2aAjn7ndmw2iicw3HMbe8VfEdKFYRqzic+efkb3nndiv/x1xSHDJWeSWkx3ButlYSuBskLu6kd9Fswtemr3lgdDEmn04swr2Os0=\"",
        );
        assert_eq!(
            message,
            "(request-target): post /foo?param=value&pet=dog\nhost: example.com\ndate: Sun, 05 Jan 2014 21:31:40 GMT"
        );
        // Any change to what was signed breaks it.
        assert!(!check(
            &parsed,
            "POST",
            "/foo?param=value&pet=cat",
            &request_header,
            TEST_PUBLIC
        ));
        assert!(!check(
            &parsed,
            "GET",
            "/foo?param=value&pet=dog",
            &request_header,
            TEST_PUBLIC
        ));
    }

    #[test]
    fn outgoing_requests_sign_what_the_fediverse_checks() {
        let url = url::Url::parse("https://example.com/foo?param=value&pet=dog")
            .unwrap_or_else(|e| panic!("{e}"));
        let date = chrono::DateTime::parse_from_rfc2822("Sun, 05 Jan 2014 21:31:40 GMT")
            .unwrap_or_else(|e| panic!("{e}"))
            .with_timezone(&chrono::Utc);
        let headers = signed_headers(
            "Test",
            TEST_PRIVATE,
            "POST",
            &url,
            Some(BODY.as_bytes()),
            date,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let get = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(
            get("date").as_deref(),
            Some("Sun, 05 Jan 2014 21:31:40 GMT")
        );
        assert_eq!(get("host").as_deref(), Some("example.com"));
        let parsed =
            parse(&get("signature").unwrap_or_default()).unwrap_or_else(|| panic!("parse"));
        assert_eq!(
            parsed.headers,
            vec!["(request-target)", "host", "date", "digest"]
        );
        assert!(check(
            &parsed,
            "POST",
            "/foo?param=value&pet=dog",
            &get,
            TEST_PUBLIC
        ));
        assert!(!check(
            &parsed,
            "POST",
            "/foo?param=value&pet=dog",
            &request_header,
            "kein Schlüssel"
        ));
    }

    #[test]
    fn malformed_headers_are_refused() {
        for bad in [
            "",
            "keyId=Test",
            "signature=\"abc\"",
            "keyId=\"\",signature=\"x\"",
            "keyId=\"a\",signature=\"x",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
