//! Who is asking: the address of the client behind a request, and the forwarded headers
//! only from proxies the operator named (`--trusted-proxies`, `STIG_TRUSTED_PROXIES`).
//!
//! `X-Forwarded-For` and `X-Forwarded-Proto` are whatever the sender wrote, so they count only
//! when the TCP peer is a trusted proxy; from anyone else they are removed before a handler
//! sees them ([`forwarded_headers`]). Rate limits (surveys, login) key on [`client_addr`].

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::str::FromStr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderName};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

/// Headers a proxy sets on the client's behalf; dropped when the peer is not trusted.
const FORWARDED: [&str; 4] = [
    "x-forwarded-for",
    "x-forwarded-proto",
    "x-forwarded-host",
    "forwarded",
];

/// The peers whose forwarded headers are believed: a list of networks (`10.0.0.0/8`,
/// `127.0.0.1`, `fd00::/8`). Empty (the default): none, every peer is the client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Network>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Network {
    addr: IpAddr,
    prefix: u8,
}

/// A `--trusted-proxies` entry that is not an address or network, named with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadProxy(String);

impl fmt::Display for BadProxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadProxy {}

impl TrustedProxies {
    /// Whether `ip` lies in one of the networks.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|n| n.contains(ip))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromStr for TrustedProxies {
    type Err = BadProxy;

    /// Comma- or space-separated addresses and CIDR networks.
    fn from_str(s: &str) -> Result<Self, BadProxy> {
        s.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .enumerate()
            .map(|(i, p)| {
                p.parse::<Network>()
                    .map_err(|why| BadProxy(format!("trusted proxy {} ({p:?}): {why}", i + 1)))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }
}

impl FromStr for Network {
    type Err = &'static str;

    fn from_str(s: &str) -> Result<Self, &'static str> {
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let addr = addr
            .parse::<IpAddr>()
            .map_err(|_| "not an IP address")?
            .to_canonical();
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or(if max == 32 {
                    "the prefix length must be 0 to 32"
                } else {
                    "the prefix length must be 0 to 128"
                })?,
        };
        Ok(Network { addr, prefix })
    }
}

impl Network {
    fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => same_prefix(
                u128::from(net.to_bits()),
                u128::from(ip.to_bits()),
                32,
                self.prefix,
            ),
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                same_prefix(net.to_bits(), ip.to_bits(), 128, self.prefix)
            }
            _ => false,
        }
    }
}

fn same_prefix(a: u128, b: u128, width: u32, prefix: u8) -> bool {
    let host_bits = width - u32::from(prefix);
    if host_bits >= width {
        return true;
    }
    (a >> host_bits) == (b >> host_bits)
}

/// The client's address: the peer itself, unless the peer is a trusted proxy; then the
/// nearest `X-Forwarded-For` hop that is not itself a trusted proxy (walking from the right,
/// the hops our proxies appended, so a client cannot choose its address by writing the header
/// itself). A hop that is not an address ends the walk at the proxy that passed it on.
pub fn client_addr(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    let mut client = peer.to_canonical();
    if !trusted.contains(client) {
        return client;
    }
    let hops = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .collect::<Vec<_>>();
    for hop in hops.iter().rev() {
        let Some(ip) = parse_hop(hop) else {
            break;
        };
        client = ip;
        if !trusted.contains(ip) {
            break;
        }
    }
    client
}

/// An `X-Forwarded-For` entry: an address, perhaps with a port (`1.2.3.4:5`, `[::1]:5`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .map(|ip| ip.to_canonical())
}

/// The peer of a request, when it came over a socket (`serve` records it); in-process
/// requests (tests, benchmarks) have none and count as the unspecified address, which no
/// proxy list holds unless it says `0.0.0.0`.
pub fn peer(req_extensions: &axum::http::Extensions) -> IpAddr {
    req_extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// The client's address, as [`client_addr`] works it out, put in every request's extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// Middleware: forwarded headers from a peer that is not a trusted proxy are removed, so
/// nothing downstream (links built from `X-Forwarded-Proto`, limits) can be told a lie; the
/// client's address is recorded as [`ClientAddr`].
pub async fn forwarded_headers(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let peer = peer(req.extensions());
    let trusted = &state.config.trusted_proxies;
    let client = client_addr(peer, req.headers(), trusted);
    if !trusted.contains(peer) {
        for name in FORWARDED {
            req.headers_mut().remove(HeaderName::from_static(name));
        }
    }
    req.extensions_mut().insert(ClientAddr(client));
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    fn xff(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", v.parse().expect("header"));
        h
    }

    #[test]
    fn networks_parse_and_match() {
        let t: TrustedProxies = "10.0.0.0/8, 127.0.0.1 fd00::/8".parse().expect("list");
        assert!(t.contains(ip("10.200.3.4")));
        assert!(!t.contains(ip("11.0.0.1")));
        assert!(t.contains(ip("127.0.0.1")));
        assert!(!t.contains(ip("127.0.0.2")));
        assert!(t.contains(ip("fd12::1")));
        assert!(t.contains(ip("::ffff:10.1.1.1")), "IPv4-mapped peers");
        assert!(!t.contains(ip("::1")));
        let all: TrustedProxies = "0.0.0.0/0".parse().expect("all");
        assert!(all.contains(ip("203.0.113.1")));
        assert!(TrustedProxies::default().is_empty());
        assert_eq!("".parse::<TrustedProxies>(), Ok(TrustedProxies::default()));
    }

    #[test]
    fn bad_entries_are_named() {
        let e = "10.0.0.0/8,10.0.0.0/33".parse::<TrustedProxies>();
        assert_eq!(
            e.map_err(|e| e.to_string()),
            Err("trusted proxy 2 (\"10.0.0.0/33\"): the prefix length must be 0 to 32".to_owned())
        );
        let e = "localhost"
            .parse::<TrustedProxies>()
            .map_err(|e| e.to_string());
        assert_eq!(
            e,
            Err("trusted proxy 1 (\"localhost\"): not an IP address".to_owned())
        );
    }

    #[test]
    fn forwarded_for_counts_only_from_a_trusted_peer() {
        let none = TrustedProxies::default();
        let h = xff("198.51.100.7");
        assert_eq!(client_addr(ip("127.0.0.1"), &h, &none), ip("127.0.0.1"));
        let local: TrustedProxies = "127.0.0.1".parse().expect("list");
        assert_eq!(client_addr(ip("127.0.0.1"), &h, &local), ip("198.51.100.7"));
        assert_eq!(client_addr(ip("192.0.2.1"), &h, &local), ip("192.0.2.1"));
        assert_eq!(
            client_addr(ip("127.0.0.1"), &HeaderMap::new(), &local),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn the_nearest_untrusted_hop_is_the_client() {
        let t: TrustedProxies = "10.0.0.0/8".parse().expect("list");
        // The client wrote 6.6.6.6 itself; our two proxies appended the rest.
        let h = xff("6.6.6.6, 203.0.113.5, 10.0.0.2");
        assert_eq!(client_addr(ip("10.0.0.1"), &h, &t), ip("203.0.113.5"));
        let h = xff("garbage, 10.0.0.3");
        assert_eq!(client_addr(ip("10.0.0.1"), &h, &t), ip("10.0.0.3"));
        let h = xff("[2001:db8::1]:443");
        assert_eq!(client_addr(ip("10.0.0.1"), &h, &t), ip("2001:db8::1"));
    }
}
