//! The address guard: which IP addresses a fetch may connect to.
//!
//! The check runs on resolved addresses inside the HTTP client's DNS resolver, so the addresses
//! that were checked are exactly the ones the client connects to (a DNS answer that changes
//! between a check and the connection — DNS rebinding — cannot slip past). URLs whose host is an
//! IP literal never reach a resolver; [`check_ip`] is applied to them before every request,
//! redirects included.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Why an address is refused, or `None` when it is a public unicast address.
pub fn classify(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

/// `Ok` when the address may be fetched, else the class that refuses it.
pub fn check_ip(ip: IpAddr, allow_private: bool) -> Result<(), &'static str> {
    if allow_private {
        return Ok(());
    }
    match classify(ip) {
        None => Ok(()),
        Some(class) => Err(class),
    }
}

fn classify_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let o = ip.octets();
    let class = match o {
        [0, ..] => "unspecified",
        [10, ..] => "private",
        [127, ..] => "loopback",
        [169, 254, ..] => "link-local",
        [172, b, ..] if (16..=31).contains(&b) => "private",
        [192, 168, ..] => "private",
        [100, b, ..] if (64..=127).contains(&b) => "shared (CGNAT)",
        [192, 0, 0, _] => "reserved",
        [192, 0, 2, _] | [198, 51, 100, _] | [203, 0, 113, _] => "documentation",
        [198, b, ..] if b == 18 || b == 19 => "benchmarking",
        [255, 255, 255, 255] => "broadcast",
        [a, ..] if (224..=239).contains(&a) => "multicast",
        [a, ..] if a >= 240 => "reserved",
        _ => return None,
    };
    Some(class)
}

fn classify_v6(ip: Ipv6Addr) -> Option<&'static str> {
    let s = ip.segments();
    if ip.is_unspecified() {
        return Some("unspecified");
    }
    if ip.is_loopback() {
        return Some("loopback");
    }
    // IPv4-mapped ::ffff:a.b.c.d and the deprecated IPv4-compatible ::a.b.c.d.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return classify_v4(v4);
    }
    if s[..6] == [0, 0, 0, 0, 0, 0] {
        return classify_v4(embedded_v4(s[6], s[7])).or(Some("reserved"));
    }
    // NAT64 well-known prefix 64:ff9b::/96 carries an IPv4 address.
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return classify_v4(embedded_v4(s[6], s[7]));
    }
    // Local-use NAT64 64:ff9b:1::/48.
    if s[0] == 0x64 && s[1] == 0xff9b && s[2] == 1 {
        return Some("private");
    }
    // 6to4 2002::/16 carries an IPv4 address in bits 16..48.
    if s[0] == 0x2002 {
        return classify_v4(embedded_v4(s[1], s[2]));
    }
    let class = match s[0] {
        x if x & 0xffc0 == 0xfe80 => "link-local",
        x if x & 0xffc0 == 0xfec0 => "site-local",
        x if x & 0xfe00 == 0xfc00 => "unique-local",
        x if x & 0xff00 == 0xff00 => "multicast",
        0x0100 if s[1..4] == [0, 0, 0] => "discard-only",
        0x2001 if s[1] == 0x0db8 => "documentation",
        _ => return None,
    };
    Some(class)
}

fn embedded_v4(hi: u16, lo: u16) -> Ipv4Addr {
    let [a, b] = hi.to_be_bytes();
    let [c, d] = lo.to_be_bytes();
    Ipv4Addr::new(a, b, c, d)
}

/// Raised inside the resolver when every address of a host is refused; the fetcher finds it
/// again in the error chain and turns it into [`crate::FetchError::AddressRefused`].
#[derive(Debug, Clone)]
pub(crate) struct Refused {
    pub host: String,
    pub addr: IpAddr,
    pub class: &'static str,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} resolves only to refused addresses ({} is {})",
            self.host, self.addr, self.class
        )
    }
}

impl std::error::Error for Refused {}

/// Raised inside the resolver when the lookup itself fails.
#[derive(Debug, Clone)]
pub(crate) struct LookupFailed {
    pub host: String,
    pub detail: String,
}

impl std::fmt::Display for LookupFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "lookup of {} failed: {}", self.host, self.detail)
    }
}

impl std::error::Error for LookupFailed {}

/// Resolves with the system resolver and keeps only the addresses the guard accepts.
#[derive(Debug, Clone)]
pub(crate) struct GuardedResolver {
    pub allow_private: bool,
}

impl GuardedResolver {
    pub fn new(allow_private: bool) -> Arc<Self> {
        Arc::new(GuardedResolver { allow_private })
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_string();
        Box::pin(async move {
            let found = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|e| LookupFailed {
                    host: host.clone(),
                    detail: e.to_string(),
                })?;
            let (kept, refused) = filter_addrs(found, allow_private);
            if kept.is_empty() {
                if let Some((addr, class)) = refused {
                    return Err(Box::new(Refused { host, addr, class }) as _);
                }
                return Err(Box::new(LookupFailed {
                    host,
                    detail: "no addresses".to_string(),
                }) as _);
            }
            let addrs: Addrs = Box::new(kept.into_iter());
            Ok(addrs)
        })
    }
}

/// Splits resolved addresses into the accepted ones and the first refused one.
pub(crate) fn filter_addrs(
    found: impl IntoIterator<Item = SocketAddr>,
    allow_private: bool,
) -> (Vec<SocketAddr>, Option<(IpAddr, &'static str)>) {
    let mut kept = Vec::new();
    let mut refused = None;
    for addr in found {
        match check_ip(addr.ip(), allow_private) {
            Ok(()) => kept.push(addr),
            Err(class) => {
                refused.get_or_insert((addr.ip(), class));
            }
        }
    }
    (kept, refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Option<&'static str> {
        classify(s.parse().unwrap())
    }

    #[test]
    fn v4_classes() {
        assert_eq!(c("127.0.0.1"), Some("loopback"));
        assert_eq!(c("127.255.1.2"), Some("loopback"));
        assert_eq!(c("10.1.2.3"), Some("private"));
        assert_eq!(c("172.16.0.1"), Some("private"));
        assert_eq!(c("172.31.255.255"), Some("private"));
        assert_eq!(c("172.32.0.1"), None);
        assert_eq!(c("192.168.1.1"), Some("private"));
        assert_eq!(c("169.254.169.254"), Some("link-local"));
        assert_eq!(c("100.64.0.1"), Some("shared (CGNAT)"));
        assert_eq!(c("100.127.255.255"), Some("shared (CGNAT)"));
        assert_eq!(c("100.128.0.1"), None);
        assert_eq!(c("0.0.0.0"), Some("unspecified"));
        assert_eq!(c("224.0.0.1"), Some("multicast"));
        assert_eq!(c("239.255.255.250"), Some("multicast"));
        assert_eq!(c("255.255.255.255"), Some("broadcast"));
        assert_eq!(c("240.0.0.1"), Some("reserved"));
        assert_eq!(c("192.0.2.1"), Some("documentation"));
        assert_eq!(c("198.18.0.1"), Some("benchmarking"));
        assert_eq!(c("8.8.8.8"), None);
        assert_eq!(c("93.184.216.34"), None);
        assert_eq!(c("1.1.1.1"), None);
    }

    #[test]
    fn v6_classes() {
        assert_eq!(c("::1"), Some("loopback"));
        assert_eq!(c("::"), Some("unspecified"));
        assert_eq!(c("fe80::1"), Some("link-local"));
        assert_eq!(c("febf::1"), Some("link-local"));
        assert_eq!(c("fc00::1"), Some("unique-local"));
        assert_eq!(c("fd12:3456::1"), Some("unique-local"));
        assert_eq!(c("ff02::1"), Some("multicast"));
        assert_eq!(c("fec0::1"), Some("site-local"));
        assert_eq!(c("2001:db8::1"), Some("documentation"));
        assert_eq!(c("2606:4700:4700::1111"), None);
        assert_eq!(c("2a00:1450:4001::200e"), None);
    }

    #[test]
    fn v6_embedding_v4() {
        assert_eq!(c("::ffff:127.0.0.1"), Some("loopback"));
        assert_eq!(c("::ffff:10.0.0.1"), Some("private"));
        assert_eq!(c("::ffff:169.254.169.254"), Some("link-local"));
        assert_eq!(c("::ffff:8.8.8.8"), None);
        assert_eq!(c("::127.0.0.1"), Some("loopback"));
        assert_eq!(c("::8.8.8.8"), Some("reserved"));
        assert_eq!(c("64:ff9b::192.168.0.1"), Some("private"));
        assert_eq!(c("64:ff9b::8.8.8.8"), None);
        assert_eq!(c("64:ff9b:1::1"), Some("private"));
        assert_eq!(c("2002:7f00:1::1"), Some("loopback"));
        assert_eq!(c("2002:0808:0808::1"), None);
    }

    #[test]
    fn allow_private_lets_everything_through() {
        assert!(check_ip("127.0.0.1".parse().unwrap(), true).is_ok());
        assert!(check_ip("::1".parse().unwrap(), true).is_ok());
        assert_eq!(
            check_ip("127.0.0.1".parse().unwrap(), false),
            Err("loopback")
        );
    }

    #[test]
    fn filter_keeps_public_drops_private() {
        let addrs: Vec<SocketAddr> = vec![
            "127.0.0.1:80".parse().unwrap(),
            "8.8.8.8:80".parse().unwrap(),
            "[::1]:80".parse().unwrap(),
        ];
        let (kept, refused) = filter_addrs(addrs.clone(), false);
        assert_eq!(kept, vec!["8.8.8.8:80".parse::<SocketAddr>().unwrap()]);
        assert_eq!(refused, Some(("127.0.0.1".parse().unwrap(), "loopback")));
        let (kept, refused) = filter_addrs(addrs.clone(), true);
        assert_eq!(kept, addrs);
        assert_eq!(refused, None);
    }
}
