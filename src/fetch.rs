//! Fetching other people's URLs (subscribed calendars, event pages) without becoming a
//! tool against our own network: only http(s); private, loopback, link-local and other
//! special addresses are refused unless the operator allows them (`KP_FETCH_ALLOW`, for
//! tests and intranet feeds). The check happens where the address is known — in the DNS
//! resolver the client uses (so a name cannot be switched to 127.0.0.1 between check and
//! connect) and for every address written as a literal, redirects included. Every fetch
//! has a time limit and a size limit, and can be conditional (ETag / Last-Modified).

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

/// A network the operator allows in addition to the public internet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// `127.0.0.1/32`, `10.0.0.0/8`, `fd00::/8`, or a bare address (one host).
    pub fn parse(s: &str) -> Option<Cidr> {
        let (addr, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a.parse::<IpAddr>().ok()?, p.parse::<u8>().ok()?),
            None => {
                let a = s.trim().parse::<IpAddr>().ok()?;
                (a, if a.is_ipv4() { 32 } else { 128 })
            }
        };
        let max = if addr.is_ipv4() { 32 } else { 128 };
        (prefix <= max).then_some(Cidr { addr, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// Addresses that are not the public internet.
pub fn is_special(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => special_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return special_v4(v4);
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || (first & 0xffc0) == 0xfec0 // site-local (deprecated)
                || v6.segments()[..6] == [0x64, 0xff9b, 0, 0, 0, 0] // NAT64
                || first == 0x2001 && v6.segments()[1] == 0x0db8 // documentation
        }
    }
}

fn special_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // carrier-grade NAT
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240 // reserved
}

/// What may be fetched and how.
#[derive(Debug, Clone)]
pub struct FetchPolicy {
    /// Networks allowed although special (e.g. `127.0.0.1/32` in tests).
    pub allow: Vec<Cidr>,
    pub timeout: Duration,
    pub max_bytes: usize,
}

impl Default for FetchPolicy {
    fn default() -> Self {
        FetchPolicy {
            allow: Vec::new(),
            timeout: Duration::from_secs(20),
            max_bytes: crate::import::MAX_BYTES,
        }
    }
}

impl FetchPolicy {
    /// Reads `KP_FETCH_ALLOW`-style lists: comma-separated networks.
    pub fn with_allowed(list: &str) -> anyhow::Result<FetchPolicy> {
        let mut allow = Vec::new();
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            allow.push(
                Cidr::parse(part)
                    .ok_or_else(|| anyhow::anyhow!("KP_FETCH_ALLOW: „{part}“ is not a network"))?,
            );
        }
        Ok(FetchPolicy {
            allow,
            ..FetchPolicy::default()
        })
    }

    pub fn permits(&self, ip: IpAddr) -> bool {
        !is_special(ip) || self.allow.iter().any(|c| c.contains(ip))
    }
}

/// Why a fetch did not bring a body.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    #[error("Die Adresse ist ungültig oder nicht http(s): {0}")]
    BadUrl(String),
    #[error(
        "Die Adresse führt in ein privates oder lokales Netz; solche Adressen ruft das Portal nicht ab."
    )]
    Refused,
    #[error("Der Server hat nicht rechtzeitig geantwortet (Zeitlimit {0} Sekunden).")]
    Timeout(u64),
    #[error("Die Antwort ist zu groß (höchstens {}).", size_words(*.0))]
    TooLarge(usize),
    #[error("Der Server antwortete mit dem Status {0}.")]
    Status(u16),
    #[error("Der Server war nicht erreichbar: {0}")]
    Network(String),
}

/// „20 MB“, „195 KB“.
fn size_words(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// A fetched resource, or word that it did not change.
#[derive(Debug)]
pub enum Fetched {
    NotModified,
    Body {
        bytes: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// A DNS resolver that leaves out every address the policy refuses.
struct GuardedResolver {
    policy: Arc<FetchPolicy>,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.policy.clone();
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| policy.permits(a.ip()))
                .collect();
            if found.is_empty() {
                return Err(Box::new(RefusedAddress) as Box<dyn std::error::Error + Send + Sync>);
            }
            let addrs: Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}

#[derive(Debug)]
struct RefusedAddress;

impl std::fmt::Display for RefusedAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("refused address")
    }
}

impl std::error::Error for RefusedAddress {}

/// Checks scheme and, for addresses written as literals, the address.
fn check_url(url: &reqwest::Url, policy: &FetchPolicy) -> Result<(), FetchError> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::BadUrl(url.to_string()));
    }
    match url.host() {
        Some(url::Host::Ipv4(ip)) if !policy.permits(IpAddr::V4(ip)) => Err(FetchError::Refused),
        Some(url::Host::Ipv6(ip)) if !policy.permits(IpAddr::V6(ip)) => Err(FetchError::Refused),
        Some(_) => Ok(()),
        None => Err(FetchError::BadUrl(url.to_string())),
    }
}

/// A calendar link as people copy it: `webcal://` means `https://`.
pub fn normalize(url: &str) -> String {
    let url = url.trim();
    match url.get(..9) {
        Some(prefix) if prefix.eq_ignore_ascii_case("webcal://") => {
            format!("https://{}", &url[9..])
        }
        _ => url.to_owned(),
    }
}

/// Parses and checks a URL someone typed, before anything is stored or fetched.
pub fn check(url: &str, policy: &FetchPolicy) -> Result<reqwest::Url, FetchError> {
    let url = normalize(url);
    let parsed = reqwest::Url::parse(&url).map_err(|_| FetchError::BadUrl(url.clone()))?;
    check_url(&parsed, policy)?;
    Ok(parsed)
}

/// What a client error means for people: our own refusal, a redirect we stopped, a
/// timeout, or the network.
fn classify(e: &reqwest::Error, seconds: u64) -> FetchError {
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(s) = source {
        if s.is::<RefusedAddress>() {
            return FetchError::Refused;
        }
        if let Some(ours) = s.downcast_ref::<FetchError>() {
            return ours.clone();
        }
        source = s.source();
    }
    if e.is_timeout() {
        FetchError::Timeout(seconds)
    } else {
        let mut text = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            text = s.to_string();
            source = s.source();
        }
        FetchError::Network(text)
    }
}

/// A client that resolves and follows redirects only where `policy` permits.
fn client(
    policy: &FetchPolicy,
    purpose: &str,
    follow: bool,
) -> Result<reqwest::Client, FetchError> {
    let shared = Arc::new(policy.clone());
    let redirect_policy = shared.clone();
    reqwest::Client::builder()
        .dns_resolver(Arc::new(GuardedResolver {
            policy: shared.clone(),
        }))
        .redirect(reqwest::redirect::Policy::custom(move |attempt| {
            if !follow {
                attempt.stop()
            } else if attempt.previous().len() >= 5 {
                attempt.error(FetchError::Network("zu viele Weiterleitungen".into()))
            } else if let Err(e) = check_url(attempt.url(), &redirect_policy) {
                attempt.error(e)
            } else {
                attempt.follow()
            }
        }))
        .no_proxy()
        .timeout(policy.timeout)
        .connect_timeout(policy.timeout)
        .user_agent(format!(
            "Kulturportal/{} ({purpose})",
            env!("CARGO_PKG_VERSION")
        ))
        .build()
        .map_err(|e| FetchError::Network(e.to_string()))
}

/// POSTs `body` as JSON to `url` under `policy` (webhooks), with extra `headers`; a
/// redirect is not followed (a POST must not turn into a GET elsewhere). Returns the
/// answer's status; an answer that is no success is [`FetchError::Status`].
pub async fn post_json(
    policy: &FetchPolicy,
    url: &str,
    headers: &[(&str, String)],
    body: Vec<u8>,
) -> Result<u16, FetchError> {
    post(policy, url, "application/json", "webhook", headers, body).await
}

/// POSTs `body` of `content_type` to `url` under `policy` (webhooks, fediverse
/// deliveries); no redirect is followed; an answer that is no success is
/// [`FetchError::Status`].
pub async fn post(
    policy: &FetchPolicy,
    url: &str,
    content_type: &str,
    purpose: &str,
    headers: &[(&str, String)],
    body: Vec<u8>,
) -> Result<u16, FetchError> {
    let url = check(url, policy)?;
    let client = client(policy, purpose, false)?;
    let mut req = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, content_type)
        .body(body);
    for (name, value) in headers {
        req = req.header(*name, value);
    }
    let seconds = policy.timeout.as_secs();
    let response = tokio::time::timeout(policy.timeout, req.send())
        .await
        .map_err(|_| FetchError::Timeout(seconds))?
        .map_err(|e| classify(&e, seconds))?;
    let status = response.status();
    if status.is_success() {
        Ok(status.as_u16())
    } else {
        Err(FetchError::Status(status.as_u16()))
    }
}

/// GETs an ActivityPub document (an actor, its key) under `policy`: `Accept:
/// application/activity+json`, redirects checked like every fetch, the size limited;
/// `headers` carry the request's HTTP signature (servers in authorized-fetch mode want it).
pub async fn get_activity(
    policy: &FetchPolicy,
    url: &str,
    headers: &[(&str, String)],
) -> Result<Vec<u8>, FetchError> {
    let url = check(url, policy)?;
    let client = client(policy, "fediverse", true)?;
    let mut req = client.get(url).header(
        reqwest::header::ACCEPT,
        "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
    );
    for (name, value) in headers {
        req = req.header(*name, value);
    }
    let seconds = policy.timeout.as_secs();
    let mut response = tokio::time::timeout(policy.timeout, req.send())
        .await
        .map_err(|_| FetchError::Timeout(seconds))?
        .map_err(|e| classify(&e, seconds))?;
    if !response.status().is_success() {
        return Err(FetchError::Status(response.status().as_u16()));
    }
    read_body(
        &mut response,
        policy.max_bytes.min(1024 * 1024),
        policy.timeout,
    )
    .await
}

/// Reads an answer's body up to `limit` bytes within `timeout`.
async fn read_body(
    response: &mut reqwest::Response,
    limit: usize,
    timeout: Duration,
) -> Result<Vec<u8>, FetchError> {
    let seconds = timeout.as_secs();
    let mut bytes = Vec::new();
    let read = async {
        while let Some(chunk) = response.chunk().await.map_err(|e| classify(&e, seconds))? {
            if bytes.len() + chunk.len() > limit {
                return Err(FetchError::TooLarge(limit));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(())
    };
    tokio::time::timeout(timeout, read)
        .await
        .map_err(|_| FetchError::Timeout(seconds))??;
    Ok(bytes)
}

/// GETs `url` under `policy`, conditionally when `etag` or `last_modified` are given.
pub async fn get(
    policy: &FetchPolicy,
    url: &str,
    etag: Option<&str>,
    last_modified: Option<&str>,
) -> Result<Fetched, FetchError> {
    let url = check(url, policy)?;
    let client = client(policy, "calendar import", true)?;
    let mut req = client.get(url);
    if let Some(tag) = etag.filter(|t| !t.is_empty()) {
        req = req.header(reqwest::header::IF_NONE_MATCH, tag);
    }
    if let Some(lm) = last_modified.filter(|t| !t.is_empty()) {
        req = req.header(reqwest::header::IF_MODIFIED_SINCE, lm);
    }
    let seconds = policy.timeout.as_secs();
    let classify = |e: reqwest::Error| classify(&e, seconds);
    let mut response = tokio::time::timeout(policy.timeout, req.send())
        .await
        .map_err(|_| FetchError::Timeout(seconds))?
        .map_err(classify)?;
    if response.status() == reqwest::StatusCode::NOT_MODIFIED {
        return Ok(Fetched::NotModified);
    }
    if !response.status().is_success() {
        return Err(FetchError::Status(response.status().as_u16()));
    }
    let limit = policy.max_bytes;
    if response
        .content_length()
        .is_some_and(|n| n as usize > limit)
    {
        return Err(FetchError::TooLarge(limit));
    }
    let header = |name: reqwest::header::HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let etag = header(reqwest::header::ETAG);
    let last_modified = header(reqwest::header::LAST_MODIFIED);
    let bytes = read_body(&mut response, limit, policy.timeout).await?;
    Ok(Fetched::Body {
        bytes,
        etag,
        last_modified,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv6Addr;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or(IpAddr::V6(Ipv6Addr::UNSPECIFIED))
    }

    #[test]
    fn private_and_special_addresses_are_refused_by_default() {
        let policy = FetchPolicy::default();
        for bad in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
        ] {
            assert!(!policy.permits(ip(bad)), "{bad} permitted");
        }
        for good in ["93.184.216.34", "2a00:1450:4001:80b::200e", "1.1.1.1"] {
            assert!(policy.permits(ip(good)), "{good} refused");
        }
    }

    #[test]
    fn the_operator_can_allow_networks() {
        let policy = FetchPolicy::with_allowed("127.0.0.1/32, 10.0.0.0/8,fd00::/8")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(policy.permits(ip("127.0.0.1")) && !policy.permits(ip("127.0.0.2")));
        assert!(policy.permits(ip("10.200.0.1")) && !policy.permits(ip("192.168.0.1")));
        assert!(policy.permits(ip("fd12::1")));
        assert!(FetchPolicy::with_allowed("localhost").is_err());
        assert!(Cidr::parse("10.0.0.0/33").is_none());
        assert_eq!(
            Cidr::parse("0.0.0.0/0").map(|c| c.contains(ip("8.8.8.8"))),
            Some(true)
        );
    }

    #[test]
    fn literal_addresses_and_other_schemes_are_checked_before_fetching() {
        let policy = FetchPolicy::default();
        assert_eq!(
            check("http://127.0.0.1:8080/feed.ics", &policy).err(),
            Some(FetchError::Refused)
        );
        assert_eq!(
            check("http://[::1]/feed.ics", &policy).err(),
            Some(FetchError::Refused)
        );
        assert!(matches!(
            check("file:///etc/passwd", &policy),
            Err(FetchError::BadUrl(_))
        ));
        assert!(matches!(
            check("kein link", &policy),
            Err(FetchError::BadUrl(_))
        ));
        assert!(check("https://theater.example/programm.ics", &policy).is_ok());
        assert_eq!(
            check("webcal://theater.example/programm.ics", &policy).map(|u| u.to_string()),
            Ok("https://theater.example/programm.ics".to_owned())
        );
    }
}
