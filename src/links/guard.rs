//! The private-address guard. Links in a pull request are untrusted input: without it, a link
//! to `http://169.254.169.254/` (cloud metadata) or to a name resolving to an internal address
//! would make CI send requests into its own network.
//!
//! The check is on *resolved* addresses: reqwest asks `GuardedResolver` for every connection it
//! opens, redirect hops included, so a public name that resolves (or rebinds) to a private
//! address is refused too. URLs with a literal IP never reach a resolver; the checker calls
//! `check_literal` for them before each hop.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

use super::dns::{ResolveCache, SystemLookup};

/// Loopback, private, link-local, unspecified, shared (CGNAT), benchmarking, broadcast and
/// multicast addresses; IPv4 embedded in IPv6 (mapped, compatible, NAT64, 6to4, a Teredo
/// client) is judged as IPv4. docs/LINKS.md lists every range.
pub fn is_forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_forbidden_v4(v4),
        IpAddr::V6(v6) => is_forbidden_v6(v6),
    }
}

fn is_forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || a == 0 // "this network"
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 192 && b == 0 && ip.octets()[2] == 0) // IETF protocol assignments
        || (a == 198 && (b & 0xfe) == 18) // benchmarking 198.18.0.0/15, used inside networks
        || a >= 240 // reserved
}

fn is_forbidden_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = embedded_v4(ip) {
        return is_forbidden_v4(v4);
    }
    let [first, second, third, ..] = ip.segments();
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local fc00::/7
        || (first & 0xffc0) == 0xfe80 // link-local fe80::/10
        || (first & 0xffc0) == 0xfec0 // site-local fec0::/10 (deprecated, still routed inside)
        || (first, second, third) == (0x64, 0xff9b, 1) // local-use NAT64 64:ff9b:1::/48
}

fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let tail = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    match s {
        [0, 0, 0, 0, 0, 0xffff, _, _] => Some(tail), // ::ffff:a.b.c.d (mapped)
        [0, 0, 0, 0, 0, 0, _, _] if !ip.is_loopback() && !ip.is_unspecified() => Some(tail), // ::a.b.c.d
        [0x64, 0xff9b, 0, 0, 0, 0, _, _] => Some(tail), // NAT64 well-known prefix
        // 6to4 2002::/16: the IPv4 address follows the prefix.
        [0x2002, hi, lo, ..] => Some(Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo))),
        // Teredo 2001::/32: the client's IPv4 address is the last 32 bits, inverted.
        [0x2001, 0, ..] => Some(Ipv4Addr::from(!u32::from(tail))),
        _ => None,
    }
}

/// The request was refused because the address is private.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateAddress {
    pub host: String,
    pub ip: IpAddr,
}

impl fmt::Display for PrivateAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host == self.ip.to_string() {
            write!(f, "private address {} refused", self.ip)
        } else {
            write!(
                f,
                "{} resolves to private address {} (refused)",
                self.host, self.ip
            )
        }
    }
}

impl std::error::Error for PrivateAddress {}

/// Name resolution failed; `not_found` when the name does not exist (NXDOMAIN: a dead link
/// when other hosts of the run resolve) rather than a temporary failure (retried).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsFailure {
    pub host: String,
    pub not_found: bool,
    pub message: String,
}

impl fmt::Display for DnsFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DNS lookup of {} failed: {}", self.host, self.message)
    }
}

impl std::error::Error for DnsFailure {}

/// Settings the guard needs, shared by the resolver and the literal-IP check.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    pub allow_private: bool,
    /// Exempt addresses (a test hook: lets a test server on 127.0.0.1 be reached while
    /// everything else private stays refused).
    pub trusted: Vec<IpAddr>,
}

impl Guard {
    pub fn refuses(&self, ip: IpAddr) -> bool {
        !self.allow_private && is_forbidden(ip) && !self.trusted.contains(&ip)
    }

    /// Keeps the allowed addresses; an error names the first refused one when none is left.
    /// Dropping only the private ones (rather than refusing the name) keeps a dual-homed
    /// public name working while making sure we never connect to its private side.
    pub fn filter(
        &self,
        host: &str,
        addrs: Vec<SocketAddr>,
    ) -> Result<Vec<SocketAddr>, PrivateAddress> {
        let first_refused = addrs.iter().find(|a| self.refuses(a.ip())).copied();
        let kept: Vec<SocketAddr> = addrs
            .into_iter()
            .filter(|a| !self.refuses(a.ip()))
            .collect();
        match (kept.is_empty(), first_refused) {
            (true, Some(a)) => Err(PrivateAddress {
                host: host.to_string(),
                ip: a.ip(),
            }),
            _ => Ok(kept),
        }
    }

    /// For URLs whose host is a literal IP (no resolver is involved).
    pub fn check_literal(&self, url: &Url) -> Result<(), PrivateAddress> {
        let ip = match url.host() {
            Some(Host::Ipv4(v4)) => IpAddr::V4(v4),
            Some(Host::Ipv6(v6)) => IpAddr::V6(v6),
            _ => return Ok(()),
        };
        if self.refuses(ip) {
            return Err(PrivateAddress {
                host: ip.to_string(),
                ip,
            });
        }
        Ok(())
    }
}

/// reqwest resolver: the run's `ResolveCache` (each host looked up once, by the system
/// resolver or a test's), then the guard.
#[derive(Debug, Clone)]
pub struct GuardedResolver {
    guard: Guard,
    cache: Arc<ResolveCache>,
}

impl GuardedResolver {
    /// The system resolver with fixed answers for some names (a test hook, still filtered by
    /// the guard), in a cache of its own.
    pub fn new(guard: Guard, overrides: &[(String, SocketAddr)]) -> Self {
        let cache = ResolveCache::new(Arc::new(SystemLookup), overrides, 64);
        GuardedResolver::with_cache(guard, Arc::new(cache))
    }

    /// Resolves through `cache`, shared with the checker.
    pub fn with_cache(guard: Guard, cache: Arc<ResolveCache>) -> Self {
        GuardedResolver { guard, cache }
    }

    pub async fn lookup(
        &self,
        host: &str,
    ) -> Result<Vec<SocketAddr>, Box<dyn std::error::Error + Send + Sync>> {
        // Retry 0: any answer the run already has will do; the checker asks again itself
        // (with its retry count) before each try.
        let addrs = self.cache.resolve(host, 0).await.map_err(Box::new)?;
        Ok(self.guard.filter(host, addrs)?)
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let this = self.clone();
        Box::pin(async move {
            let addrs = this.lookup(name.as_str()).await?;
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forbidden_addresses() {
        for s in [
            "127.0.0.1",
            "127.8.9.10",
            "10.0.0.1",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "0.1.2.3",
            "100.64.0.1",
            "100.127.255.255",
            "255.255.255.255",
            "224.0.0.1",
            "240.0.0.1",
            "192.0.0.8",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "febf::1",
            "fec0::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::ffff:10.1.2.3",
            "::10.1.2.3",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::1",
            "64:ff9b:1:ffff::808:808",
            "198.18.0.1",
            "198.19.255.255",
            "2002:a00:1::",                         // 6to4 of 10.0.0.1
            "2002:a9fe:a9fe::1",                    // 6to4 of 169.254.169.254
            "2002:7f00:1::",                        // 6to4 of 127.0.0.1
            "2001:0:4136:e378:8000:63bf:f5ff:fffe", // Teredo, client 10.0.0.1
            "2001:0:4136:e378:8000:63bf:80ff:fffe", // Teredo, client 127.0.0.1
        ] {
            assert!(is_forbidden(ip(s)), "{s} must be refused");
        }
    }

    #[test]
    fn public_addresses() {
        for s in [
            "1.1.1.1",
            "8.8.8.8",
            "140.82.112.3",
            "172.15.0.1",
            "172.32.0.1",
            "100.63.0.1",
            "100.128.0.1",
            "169.253.0.1",
            "192.0.2.1",
            "2606:4700::1111",
            "2001:db8::1",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "64:ff9b:2::1",
            "198.17.255.255",
            "198.20.0.1",
            "2002:808:808::1",                      // 6to4 of 8.8.8.8
            "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo, client 192.0.2.45
            "2001:4860:4860::8888",                 // not Teredo (2001:4860::/32)
        ] {
            assert!(!is_forbidden(ip(s)), "{s} is public");
        }
    }

    #[test]
    fn guard_settings() {
        let g = Guard::default();
        assert!(g.refuses(ip("127.0.0.1")));
        assert!(!g.refuses(ip("8.8.8.8")));
        let open = Guard {
            allow_private: true,
            trusted: vec![],
        };
        assert!(!open.refuses(ip("127.0.0.1")));
        let trusted = Guard {
            allow_private: false,
            trusted: vec![ip("127.0.0.1")],
        };
        assert!(!trusted.refuses(ip("127.0.0.1")));
        assert!(trusted.refuses(ip("127.0.0.2")));
    }

    #[test]
    fn filter_keeps_public_side_only() {
        let g = Guard::default();
        let a = |s: &str| SocketAddr::new(ip(s), 0);
        assert_eq!(
            g.filter("x", vec![a("10.0.0.1"), a("8.8.8.8")]),
            Ok(vec![a("8.8.8.8")])
        );
        assert_eq!(
            g.filter("meta.example", vec![a("169.254.169.254")]),
            Err(PrivateAddress {
                host: "meta.example".into(),
                ip: ip("169.254.169.254")
            })
        );
        assert_eq!(g.filter("x", vec![]), Ok(vec![]));
    }

    #[test]
    fn literal_urls() {
        let g = Guard::default();
        let u = |s: &str| Url::parse(s).unwrap();
        assert!(g.check_literal(&u("http://127.0.0.1:8080/")).is_err());
        assert!(g.check_literal(&u("http://[::1]/")).is_err());
        assert!(
            g.check_literal(&u("http://169.254.169.254/latest/meta-data/"))
                .is_err()
        );
        assert!(g.check_literal(&u("http://8.8.8.8/")).is_ok());
        assert!(
            g.check_literal(&u("https://example.com/")).is_ok(),
            "names go to the resolver"
        );
        let e = g.check_literal(&u("http://10.0.0.1/")).unwrap_err();
        assert_eq!(e.to_string(), "private address 10.0.0.1 refused");
    }

    #[tokio::test]
    async fn resolver_refuses_names_resolving_to_private_addresses() {
        let r = GuardedResolver::new(
            Guard::default(),
            &[("metadata.test".into(), "169.254.169.254:0".parse().unwrap())],
        );
        let e = r.lookup("metadata.test").await.unwrap_err();
        let p = e
            .downcast_ref::<PrivateAddress>()
            .expect("a PrivateAddress error");
        assert_eq!(p.ip, ip("169.254.169.254"));
        let e = r.lookup("localhost").await.unwrap_err();
        assert!(e.downcast_ref::<PrivateAddress>().is_some(), "{e}");

        let open = GuardedResolver::new(
            Guard {
                allow_private: true,
                trusted: vec![],
            },
            &[],
        );
        assert!(!open.lookup("localhost").await.unwrap().is_empty());
    }
}
