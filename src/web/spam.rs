//! Spam resistance without tracking: a honeypot field, a minimum fill time proven by a
//! signed timestamp in the form (no cookie needed), and per-address rate limits counted in
//! the database (so several instances share them).

use crate::db::moderation;
use crate::error::AppError;
use crate::web::AppState;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// People need longer than this to fill in a form; bots usually do not.
pub const MIN_FILL_SECONDS: i64 = 3;
/// A form older than this must be reloaded.
const MAX_FORM_AGE: i64 = 24 * 3600;

/// The secret that signs form timestamps (`KP_SECRET`; random per process when unset).
#[derive(Clone)]
pub struct FormSecret(pub std::sync::Arc<Vec<u8>>);

impl FormSecret {
    pub fn new(secret: &[u8]) -> FormSecret {
        FormSecret(std::sync::Arc::new(secret.to_vec()))
    }

    fn sign(&self, issued_at: i64) -> String {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else {
            return String::new();
        };
        mac.update(issued_at.to_string().as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// The hidden field's value for a form rendered at `issued_at`.
    pub fn token(&self, issued_at: i64) -> String {
        format!("{issued_at}.{}", self.sign(issued_at))
    }

    /// Whether `token` was issued by us between a day and [`MIN_FILL_SECONDS`] ago.
    pub fn filled_by_a_person(&self, token: &str, now: i64) -> bool {
        let Some((at, sig)) = token.split_once('.') else {
            return false;
        };
        let Ok(at) = at.parse::<i64>() else {
            return false;
        };
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else {
            return false;
        };
        mac.update(at.to_string().as_bytes());
        let Ok(sig) = hex::decode(sig) else {
            return false;
        };
        mac.verify_slice(&sig).is_ok() && now - at >= MIN_FILL_SECONDS && now - at <= MAX_FORM_AGE
    }
}

/// Counts one use of `form` from `peer` and refuses more than `per_hour` in an hour.
pub async fn limit(
    state: &AppState,
    form: &str,
    peer: Option<std::net::IpAddr>,
    per_hour: i64,
) -> Result<(), AppError> {
    let now = state.clock.now().timestamp();
    let who = peer.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    let n = moderation::hit(&state.db, &format!("{form}:{who}"), now - 3600, now).await?;
    if n > per_hour {
        return Err(AppError::TooManyRequests);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_prove_time_and_origin() {
        let s = FormSecret::new(b"geheim");
        let t = s.token(1000);
        assert!(!s.filled_by_a_person(&t, 1001), "too fast");
        assert!(s.filled_by_a_person(&t, 1000 + MIN_FILL_SECONDS));
        assert!(!s.filled_by_a_person(&t, 1000 + 2 * 86_400), "too old");
        assert!(!FormSecret::new(b"anders").filled_by_a_person(&t, 1010));
        assert!(!s.filled_by_a_person("1000.abc", 1010));
        assert!(!s.filled_by_a_person("", 1010));
    }
}
