//! SSRF protection: where a delivery may connect.
//!
//! A webhook URL or an SMTP host is typed by a workspace admin, so it must not become a way
//! to reach the machine Stig runs on or its private network (cloud metadata at
//! 169.254.169.254, an admin port on 127.0.0.1, a database on 10.x). Every host is resolved
//! *once*, every address it resolves to is checked, and the connection is then made to exactly
//! those checked addresses, so a DNS answer that changes between the check and the connect
//! (DNS rebinding) cannot slip a private address in.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use ipnet::IpNet;

/// How long resolving a host name may take.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(5);

/// Which addresses a delivery may connect to: every public address, plus the non-public
/// networks in the allow-list (for a receiver on the same host or network, set by the
/// operator, never by a workspace).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetPolicy {
    allow: Vec<IpNet>,
}

/// Why a target was not connected to.
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    /// The target is (or resolves to) an address that deliveries may not reach.
    #[error("refused to connect: {0}")]
    Refused(String),
    /// The host name could not be resolved.
    #[error("could not resolve the host: {0}")]
    Resolve(String),
    /// The URL is not one a delivery can be sent to.
    #[error("not a usable URL: {0}")]
    BadUrl(String),
}

impl TargetPolicy {
    /// Refuses every address that is not public.
    pub fn strict() -> Self {
        Self { allow: Vec::new() }
    }

    /// Refuses every address that is not public, except those in `nets`.
    pub fn allowing(nets: Vec<IpNet>) -> Self {
        Self { allow: nets }
    }

    /// Parses a comma- (or whitespace-) separated allow-list such as
    /// `"127.0.0.1/32, 10.0.0.0/8, ::1/128"`; a bare address means just that address.
    pub fn parse_allow_list(text: &str) -> Result<Self, String> {
        let mut allow = Vec::new();
        for entry in text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|e| !e.is_empty())
        {
            let net = match entry.parse::<IpNet>() {
                Ok(net) => net.trunc(),
                Err(_) => match entry.parse::<IpAddr>() {
                    Ok(ip) => IpNet::from(ip),
                    Err(_) => {
                        return Err(format!(
                            "`{entry}` in the allow-list is neither an IP address nor a network \
                             such as 10.0.0.0/8 or fd00::/8"
                        ));
                    }
                },
            };
            allow.push(net);
        }
        Ok(Self { allow })
    }

    /// The allowed non-public networks.
    pub fn allowed(&self) -> &[IpNet] {
        &self.allow
    }

    /// `Ok` when a delivery may connect to `ip`; otherwise why not ("loopback", "private", …).
    pub fn check_ip(&self, ip: IpAddr) -> Result<(), String> {
        if self.allow.iter().any(|net| net.contains(&ip)) {
            return Ok(());
        }
        match ip {
            IpAddr::V4(v4) => match v4_class(v4) {
                None => Ok(()),
                Some(why) => Err(why.to_string()),
            },
            IpAddr::V6(v6) => match v6_class(v6) {
                V6Class::Public => Ok(()),
                V6Class::Refused(why) => Err(why.to_string()),
                V6Class::Embeds(kind, v4) => {
                    if self.allow.iter().any(|net| net.contains(&IpAddr::V4(v4))) {
                        return Ok(());
                    }
                    match v4_class(v4) {
                        None if kind.public_when_v4_is() => Ok(()),
                        None => Err(format!("{} {v4}", kind.name())),
                        Some(why) => Err(format!("{} {v4}, which is {why}", kind.name())),
                    }
                }
            },
        }
    }

    /// Resolves `host:port` (a name, an IP literal, or an IPv6 literal in brackets) and returns
    /// the addresses to connect to, refusing when *any* of them may not be connected to.
    pub async fn resolve(&self, host: &str, port: u16) -> Result<Vec<SocketAddr>, TargetError> {
        let bare = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host);
        if bare.is_empty() {
            return Err(TargetError::BadUrl("the host is empty".into()));
        }
        let addrs: Vec<SocketAddr> = if let Ok(ip) = bare.parse::<IpAddr>() {
            vec![SocketAddr::new(ip, port)]
        } else {
            let lookup =
                tokio::time::timeout(RESOLVE_TIMEOUT, tokio::net::lookup_host((bare, port)))
                    .await
                    .map_err(|_| {
                        TargetError::Resolve(format!(
                            "resolving {bare} took longer than {} s",
                            RESOLVE_TIMEOUT.as_secs()
                        ))
                    })?
                    .map_err(|e| TargetError::Resolve(format!("{bare}: {e}")))?;
            let mut addrs: Vec<SocketAddr> = Vec::new();
            for a in lookup {
                if !addrs.contains(&a) {
                    addrs.push(a);
                }
            }
            addrs
        };
        if addrs.is_empty() {
            return Err(TargetError::Resolve(format!("{bare} has no addresses")));
        }
        for a in &addrs {
            if let Err(why) = self.check_ip(a.ip()) {
                let what = if bare.parse::<IpAddr>().is_ok() {
                    format!("{bare} is {why}")
                } else {
                    format!("{bare} resolves to {}, which is {why}", a.ip())
                };
                return Err(TargetError::Refused(format!(
                    "{what}; deliveries go only to public addresses unless the operator allows \
                     the network"
                )));
            }
        }
        Ok(addrs)
    }
}

/// Parses `url`, which must be `http` or `https` with a host, and resolves and checks its
/// host: the URL and the addresses to connect to.
pub async fn check_url(
    policy: &TargetPolicy,
    url: &str,
) -> Result<(url::Url, Vec<SocketAddr>), TargetError> {
    let parsed = url::Url::parse(url).map_err(|e| TargetError::BadUrl(format!("`{url}`: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(TargetError::BadUrl(format!(
            "`{url}` is not http or https (it is {})",
            parsed.scheme()
        )));
    }
    let host = match parsed.host() {
        Some(url::Host::Domain(d)) => d.to_string(),
        Some(url::Host::Ipv4(ip)) => ip.to_string(),
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        None => return Err(TargetError::BadUrl(format!("`{url}` has no host"))),
    };
    let port = parsed
        .port_or_known_default()
        .ok_or_else(|| TargetError::BadUrl(format!("`{url}` has no port")))?;
    let addrs = policy.resolve(&host, port).await?;
    Ok((parsed, addrs))
}

/// Why an IPv4 address is not public, or `None` when it is.
fn v4_class(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    let why = if ip.is_broadcast() {
        "broadcast"
    } else if ip.is_unspecified() {
        "unspecified"
    } else if a == 0 {
        "\"this network\" (0.0.0.0/8)"
    } else if ip.is_loopback() {
        "loopback"
    } else if ip.is_private() {
        "private"
    } else if ip.is_link_local() {
        "link-local"
    } else if a == 100 && (b & 0xc0) == 64 {
        "shared address space (CGNAT)"
    } else if ip.is_documentation() {
        "documentation"
    } else if a == 192 && b == 0 && c == 0 {
        "IETF protocol assignments (192.0.0.0/24)"
    } else if a == 198 && (b & 0xfe) == 18 {
        "benchmarking (198.18.0.0/15)"
    } else if ip.is_multicast() {
        "multicast"
    } else if a >= 240 {
        "reserved (240.0.0.0/4)"
    } else if a == 192 && b == 88 && c == 99 {
        "6to4 relay anycast"
    } else {
        return None;
    };
    Some(why)
}

/// IPv6 forms that carry an IPv4 address.
#[derive(Clone, Copy)]
enum Embedding {
    Mapped,
    Compatible,
    Nat64,
    SixToFour,
}

impl Embedding {
    fn name(self) -> &'static str {
        match self {
            Self::Mapped => "IPv4-mapped",
            Self::Compatible => "IPv4-compatible",
            Self::Nat64 => "NAT64 of",
            Self::SixToFour => "6to4 of",
        }
    }

    /// Whether the IPv6 form is connectable when the IPv4 inside is public. IPv4-compatible
    /// addresses are deprecated and never routed, so they are refused regardless.
    fn public_when_v4_is(self) -> bool {
        !matches!(self, Self::Compatible)
    }
}

enum V6Class {
    Public,
    Refused(&'static str),
    Embeds(Embedding, Ipv4Addr),
}

fn v6_class(ip: Ipv6Addr) -> V6Class {
    let s = ip.segments();
    let v4_at =
        |hi: u16, lo: u16| Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8);
    if ip.is_unspecified() {
        V6Class::Refused("unspecified")
    } else if ip.is_loopback() {
        V6Class::Refused("loopback")
    } else if let Some(v4) = ip.to_ipv4_mapped() {
        V6Class::Embeds(Embedding::Mapped, v4)
    } else if s[..6] == [0; 6] {
        V6Class::Embeds(Embedding::Compatible, v4_at(s[6], s[7]))
    } else if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        V6Class::Embeds(Embedding::Nat64, v4_at(s[6], s[7]))
    } else if s[0] == 0x64 && s[1] == 0xff9b && s[2] == 1 {
        V6Class::Refused("local-use NAT64 (64:ff9b:1::/48)")
    } else if s[0] == 0x2002 {
        V6Class::Embeds(Embedding::SixToFour, v4_at(s[1], s[2]))
    } else if (s[0] & 0xfe00) == 0xfc00 {
        V6Class::Refused("unique local")
    } else if (s[0] & 0xffc0) == 0xfe80 {
        V6Class::Refused("link-local")
    } else if (s[0] & 0xffc0) == 0xfec0 {
        V6Class::Refused("site-local (deprecated)")
    } else if ip.is_multicast() {
        V6Class::Refused("multicast")
    } else if s[0] == 0x2001 && s[1] == 0x0db8 || (s[0] & 0xfff0) == 0x3ff0 {
        V6Class::Refused("documentation")
    } else if s[0] == 0x0100 && s[1..4] == [0, 0, 0] {
        V6Class::Refused("discard-only (100::/64)")
    } else if s[0] == 0x2001 && s[1] < 0x0200 {
        V6Class::Refused("IETF protocol assignments (2001::/23, Teredo included)")
    } else if (s[0] & 0xe000) != 0x2000 {
        V6Class::Refused("reserved (not global unicast 2000::/3)")
    } else {
        V6Class::Public
    }
}
