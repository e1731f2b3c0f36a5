//! The address of the client behind a request, for the per-address login limit. Behind a
//! load balancer the connection comes from the balancer, so a request from a trusted proxy
//! names its client in `X-Forwarded-For`; anyone else could write that header, so it is
//! read only when the connection comes from a proxy the operator named.

use axum::http::HeaderMap;
use std::net::IpAddr;

/// The client of a request that arrived from `peer`: the peer itself, unless it is one of
/// `trusted` proxies; then the right-most `X-Forwarded-For` address that is not a trusted
/// proxy (each proxy appends the address it saw, so entries left of it could be forged by
/// the client). Without a usable header, the peer.
pub fn client_address(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    // Right to left, and no further than the client: what lies left of it was written by
    // the client and may be anything, so it is never read (one bad entry there used to
    // discard the whole header). A malformed entry at the client's place means the proxy
    // could not tell: the peer it is.
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    for entry in entries.into_iter().rev() {
        match parse_entry(entry) {
            Some(ip) if trusted.contains(&ip) => continue,
            Some(ip) => return Some(ip),
            None => break,
        }
    }
    Some(peer)
}

/// One `X-Forwarded-For` entry: an address, optionally with a port (`1.2.3.4:5678`,
/// `[2001:db8::1]:443`), as some proxies write it.
fn parse_entry(entry: &str) -> Option<IpAddr> {
    entry
        .parse()
        .ok()
        .or_else(|| entry.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| entry.strip_prefix('[').and_then(|e| e.strip_suffix(']')).and_then(|e| e.parse().ok()))
}

/// The client address of a request as the handlers see it (`ConnectInfo` may be absent,
/// as in tests that call the router directly), in the text form the throttle keys use.
pub fn of_request(
    state: &crate::state::AppState,
    peer: Option<axum::Extension<axum::extract::ConnectInfo<std::net::SocketAddr>>>,
    headers: &HeaderMap,
) -> Option<String> {
    let peer = peer.map(|axum::Extension(axum::extract::ConnectInfo(addr))| addr.ip());
    client_address(peer, headers, &state.settings.trusted_proxies).map(throttle_key)
}

/// An address as the throttle counts it: IPv4 as is (also when mapped into IPv6), IPv6 by
/// its /64, which one subscriber usually holds whole (counting single addresses would give
/// each attacker billions of fresh ones).
pub fn throttle_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append("x-forwarded-for", v.parse().unwrap());
        }
        headers
    }

    #[test]
    fn only_a_trusted_proxy_may_name_the_client() {
        let proxy = [ip("10.0.0.2")];
        let header = forwarded(&["203.0.113.7"]);
        assert_eq!(client_address(Some(ip("10.0.0.2")), &header, &proxy), Some(ip("203.0.113.7")));
        // A client writing the header itself is still counted as itself.
        assert_eq!(client_address(Some(ip("198.51.100.1")), &header, &proxy), Some(ip("198.51.100.1")));
        assert_eq!(client_address(Some(ip("10.0.0.2")), &header, &[]), Some(ip("10.0.0.2")));
        assert_eq!(client_address(None, &header, &proxy), None);
    }

    #[test]
    fn the_right_most_untrusted_entry_is_the_client() {
        let proxies = [ip("10.0.0.2"), ip("10.0.0.3")];
        // The client forged the first entry; the balancer appended what it saw.
        let header = forwarded(&["1.1.1.1, 203.0.113.7", "10.0.0.3"]);
        assert_eq!(client_address(Some(ip("10.0.0.2")), &header, &proxies), Some(ip("203.0.113.7")));
        // Only proxies in the header, or none, or garbage: the peer.
        assert_eq!(client_address(Some(ip("10.0.0.2")), &forwarded(&["10.0.0.3"]), &proxies), Some(ip("10.0.0.2")));
        assert_eq!(client_address(Some(ip("10.0.0.2")), &HeaderMap::new(), &proxies), Some(ip("10.0.0.2")));
        assert_eq!(client_address(Some(ip("10.0.0.2")), &forwarded(&["unknown"]), &proxies), Some(ip("10.0.0.2")));
        assert_eq!(
            client_address(Some(ip("10.0.0.2")), &forwarded(&["2001:db8::1"]), &proxies),
            Some(ip("2001:db8::1"))
        );
    }

    #[test]
    fn the_throttle_counts_ipv6_by_its_64() {
        assert_eq!(throttle_key(ip("2001:db8:1:2:aaaa::1")), throttle_key(ip("2001:db8:1:2:bbbb::9")));
        assert_ne!(throttle_key(ip("2001:db8:1:2::1")), throttle_key(ip("2001:db8:1:3::1")));
        assert_eq!(throttle_key(ip("::ffff:203.0.113.7")), "203.0.113.7");
        assert_eq!(throttle_key(ip("203.0.113.7")), "203.0.113.7");
    }

    #[test]
    fn a_bad_entry_left_of_the_client_changes_nothing() {
        let proxy = [ip("10.0.0.2")];
        let header = forwarded(&["not-an-ip, 203.0.113.7"]);
        assert_eq!(client_address(Some(ip("10.0.0.2")), &header, &proxy), Some(ip("203.0.113.7")));
        let header = forwarded(&["1.1.1.1, 203.0.113.7:5123", "[2001:db8::9]:443"]);
        assert_eq!(client_address(Some(ip("10.0.0.2")), &header, &proxy), Some(ip("2001:db8::9")));
        let header = forwarded(&["1.1.1.1, 203.0.113.8:5123"]);
        assert_eq!(client_address(Some(ip("10.0.0.2")), &header, &proxy), Some(ip("203.0.113.8")));
        // Garbage where the client should be: the proxy could not tell, so the peer.
        let header = forwarded(&["1.1.1.1, unknown"]);
        assert_eq!(client_address(Some(ip("10.0.0.2")), &header, &proxy), Some(ip("10.0.0.2")));
    }
}
