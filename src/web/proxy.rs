//! The visitor's address behind a reverse proxy. With `KP_TRUSTED_PROXIES` set, a request
//! that comes from one of those networks is taken to be from the address its
//! `X-Forwarded-For` names — read from the right, each hop appends what it saw, and the
//! first address that is not a trusted proxy is the client. Everything that asks for the
//! peer (per-client limits, the lock-out, visitor estimates) then sees the visitor, not
//! nginx. Without the setting, or from anywhere else, the header is ignored: nobody can
//! claim another address by sending it.

use crate::fetch::Cidr;
use axum::extract::{ConnectInfo, Request};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The networks whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub Arc<Vec<Cidr>>);

impl TrustedProxies {
    /// Reads a `KP_TRUSTED_PROXIES` list: comma-separated networks or addresses.
    pub fn parse(list: &str) -> anyhow::Result<TrustedProxies> {
        let mut nets = Vec::new();
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            nets.push(
                Cidr::parse(part).ok_or_else(|| {
                    anyhow::anyhow!("KP_TRUSTED_PROXIES: „{part}“ is not a network")
                })?,
            );
        }
        Ok(TrustedProxies(Arc::new(nets)))
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|c| c.contains(ip))
    }

    /// The client of a request that came from `peer` with these headers.
    pub fn client_of(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        // Several header lines are one list, in order.
        let hops: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .collect();
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Ok(ip) = hop.trim().parse::<IpAddr>() else {
                // Garbage (or an obfuscated name) ends what can be believed.
                break;
            };
            client = ip;
            if !self.trusts(ip) {
                break;
            }
        }
        client
    }
}

/// Replaces the connection's peer by the client a trusted proxy names.
pub async fn layer(
    axum::extract::State(trusted): axum::extract::State<TrustedProxies>,
    mut req: Request,
    next: Next,
) -> Response {
    if !trusted.0.is_empty()
        && let Some(ConnectInfo(peer)) = req.extensions().get::<ConnectInfo<SocketAddr>>().copied()
    {
        let client = trusted.client_of(peer.ip(), req.headers());
        if client != peer.ip() {
            req.extensions_mut()
                .insert(ConnectInfo(SocketAddr::new(client, peer.port())));
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn headers(lines: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for l in lines {
            h.append(
                "x-forwarded-for",
                HeaderValue::from_str(l).unwrap_or_else(|e| panic!("{e}")),
            );
        }
        h
    }

    #[test]
    fn the_first_untrusted_hop_from_the_right_is_the_client() {
        let t = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap_or_else(|e| panic!("{e}"));
        let nginx = ip("127.0.0.1");
        // nginx appended the visitor.
        assert_eq!(
            t.client_of(nginx, &headers(&["203.0.113.7"])),
            ip("203.0.113.7")
        );
        // The visitor sent a made-up address first; nginx appended the real one.
        assert_eq!(
            t.client_of(nginx, &headers(&["198.51.100.9, 203.0.113.7"])),
            ip("203.0.113.7")
        );
        // A second proxy inside the trusted network is skipped; lines are one list.
        assert_eq!(
            t.client_of(nginx, &headers(&["203.0.113.7", "10.1.2.3"])),
            ip("203.0.113.7")
        );
        // Without the header the proxy itself is the client.
        assert_eq!(t.client_of(nginx, &HeaderMap::new()), nginx);
        // Garbage stops the walk at the last believable hop.
        assert_eq!(
            t.client_of(nginx, &headers(&["203.0.113.7, unknown"])),
            nginx
        );
        // From outside the trusted networks the header is ignored.
        let stranger = ip("198.51.100.1");
        assert_eq!(t.client_of(stranger, &headers(&["203.0.113.7"])), stranger);
        // Nothing trusted: nobody is believed.
        assert_eq!(
            TrustedProxies::default().client_of(nginx, &headers(&["203.0.113.7"])),
            nginx
        );
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
    }
}
