//! The security headers of the client's page, computed once from the built `index.html`:
//! a Content-Security-Policy that the built client satisfies (its one inline loader
//! script allowed by hash, WebAssembly compiled, nothing else inline), and the usual
//! hardening. `scripts/page-headers.sh` writes the same set into `dist/_headers` for
//! static hosts that read one; the README shows nginx's equivalent.

use axum::http::header::{HeaderName, HeaderValue};
use base64::Engine;
use sha2::{Digest, Sha256};

/// No page may be framed, unless `framable_by` says otherwise for it.
const NO_FRAMING: &str = "frame-ancestors 'none'";

/// `csp` (as [`page_headers`] made it) letting pages of `origins` frame the page.
pub fn framable_by(csp: &str, origins: &[String]) -> String {
    csp.replace(NO_FRAMING, &format!("frame-ancestors {}", origins.join(" ")))
}

/// The headers for `index.html` whose text is `html`, whose API is at `api_origin`
/// (`None`: the page's own origin), with HSTS when served over HTTPS.
pub fn page_headers(html: &str, api_origin: Option<&str>, https: bool) -> Vec<(HeaderName, HeaderValue)> {
    let scripts: Vec<String> = inline_scripts(html).map(|s| format!("'sha256-{}'", sha256_base64(s))).collect();
    let connect = match api_origin {
        Some(origin) => format!("'self' {origin}"),
        None => "'self'".to_string(),
    };
    let csp = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: https:; connect-src {connect}; font-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; {NO_FRAMING}",
        scripts.join(" ")
    );
    let mut headers = vec![
        ("content-security-policy", csp),
        ("x-content-type-options", "nosniff".into()),
        // Reset links carry their token in the URL: it must not leak to other sites.
        ("referrer-policy", "no-referrer".into()),
        ("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()".into()),
        ("x-frame-options", "DENY".into()),
    ];
    if https {
        headers.push(("strict-transport-security", "max-age=31536000; includeSubDomains".into()));
    }
    headers
        .into_iter()
        .filter_map(|(name, value)| Some((HeaderName::from_static(name), HeaderValue::from_str(&value).ok()?)))
        .collect()
}

/// The text of each inline `<script>` (one without `src`), as the browser hashes it.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, body) = rest.split_once('>')?;
        if attributes.contains("src=") {
            return None;
        }
        body.split_once("</script>").map(|(script, _)| script)
    })
}

fn sha256_base64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_allowed_by_their_hash_and_nothing_else_is() {
        let html = "<head><script type=\"module\">\nimport init from '/a.js';\n</script><script src=\"/x.js\"></script></head>";
        let headers = page_headers(html, None, false);
        let csp = headers.iter().find(|(n, _)| n == "content-security-policy").unwrap().1.to_str().unwrap();
        let expected = sha256_base64("\nimport init from '/a.js';\n");
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert!(!csp.contains("'unsafe-inline' 'self'") && !csp.contains("script-src 'self' 'unsafe-inline'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!headers.iter().any(|(n, _)| n == "strict-transport-security"));
        assert!(page_headers(html, None, true).iter().any(|(n, _)| n == "strict-transport-security"));
        let cross = page_headers(html, Some("https://api.agency.example"), false);
        let csp = cross.iter().find(|(n, _)| n == "content-security-policy").unwrap().1.to_str().unwrap();
        assert!(csp.contains("connect-src 'self' https://api.agency.example"), "{csp}");
    }
}
