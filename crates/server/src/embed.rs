//! Signed embed links: an agency's own backend signs a token naming one of its client
//! users, and `/embed?token=…` inside the agency's iframe signs that user in (token mode).
//! The token is `<payload>.<signature>`: the payload base64url JSON (`agency`, `email`,
//! `exp` in Unix seconds, `nonce`), the signature the lowercase hex HMAC-SHA256 of the
//! payload text under one of the agency's embed secrets. The page's frame-ancestors for
//! `/embed` come from the agency the payload names (before any check: they only decide who
//! may show the page, which then refuses a bad link itself).

use crate::state::AppState;
use crate::store;
use axum::extract::{Request, State};
use axum::http::header::{HeaderValue, CONTENT_SECURITY_POLICY};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;

/// What an embed link claims.
#[derive(Debug, Deserialize)]
pub struct Claims {
    pub agency: i64,
    pub email: String,
    pub exp: i64,
    pub nonce: String,
}

/// The token's payload text and claims, and its signature, unchecked.
pub fn parse(token: &str) -> Option<(&str, Claims, &str)> {
    let (payload, signature) = token.trim().rsplit_once('.')?;
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    Some((payload, serde_json::from_slice(&json).ok()?, signature))
}

/// Whether `signature` (hex) is the HMAC-SHA256 of `payload` under `secret`, compared in
/// constant time.
pub fn signed_by(payload: &str, signature: &str, secret: &str) -> bool {
    let Ok(expected) = hex::decode(signature.to_ascii_lowercase()) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    mac.update(payload.as_bytes());
    mac.verify_slice(&expected).is_ok()
}

/// The signature an agency's backend computes (what tests and the README's example do).
pub fn sign(payload: &str, secret: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(payload.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// On the page answered for `…/embed?token=…`: `frame-ancestors` lists the origins the
/// token's agency allows (none: `'none'`), and X-Frame-Options, which cannot name origins,
/// is dropped when some are allowed. Every other page keeps `frame-ancestors 'none'`.
pub async fn frame_ancestors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let agency = (request.uri().path().trim_end_matches('/').ends_with("/embed"))
        .then(|| crate::extract::query_value(request.uri(), "token"))
        .flatten()
        .and_then(|token| parse(token).map(|(_, claims, _)| claims.agency));
    let mut response = next.run(request).await;
    let Some(agency) = agency else {
        return response;
    };
    if !crate::static_files::is_html(&response) {
        return response;
    }
    let origins = store::embedding::frame_origins(&state.db, agency).await.unwrap_or_default();
    if origins.is_empty() {
        return response;
    }
    let headers = response.headers_mut();
    let csp = headers.get(CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if let Ok(value) = HeaderValue::from_str(&crate::page_headers::framable_by(csp, &origins)) {
        headers.insert(CONTENT_SECURITY_POLICY, value);
        headers.remove("x-frame-options");
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_checks_only_under_its_secret_and_payload() {
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(br#"{"agency":1,"email":"a@b.test","exp":1,"nonce":"n0nce-123"}"#);
        let sig = sign(&payload, "secret");
        assert!(signed_by(&payload, &sig, "secret"));
        assert!(signed_by(&payload, &sig.to_uppercase(), "secret"));
        assert!(!signed_by(&payload, &sig, "other"));
        assert!(!signed_by(&format!("{payload}x"), &sig, "secret"));
        assert!(!signed_by(&payload, "zz", "secret"));
        let token = format!("{payload}.{sig}");
        let (text, claims, signature) = parse(&token).unwrap();
        assert_eq!(
            (text, claims.agency, claims.email.as_str(), signature),
            (payload.as_str(), 1, "a@b.test", sig.as_str())
        );
        assert!(parse("no-dot").is_none());
        assert!(parse("!!!.00").is_none());
    }
}
