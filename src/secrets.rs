//! Passwords the console generates for new users, from the browser's secure random source.

/// Letters and digits without look-alikes (0/O, 1/l/I), so a password read aloud survives.
const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// Maps random bytes onto the alphabet; rejection sampling keeps every character equally likely.
pub fn password_from_bytes(bytes: &[u8], len: usize) -> String {
    let limit = 256 - (256 % ALPHABET.len());
    bytes
        .iter()
        .filter(|b| usize::from(**b) < limit)
        .take(len)
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

/// A 16-character password, or `None` when the browser offers no secure randomness.
pub fn generate_password() -> Option<String> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; 64];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    let password = password_from_bytes(&bytes, 16);
    (password.len() == 16).then_some(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_use_only_the_alphabet_and_skip_biased_bytes() {
        let bytes: Vec<u8> = (0..=255).collect();
        let p = password_from_bytes(&bytes, 256);
        assert!(p.bytes().all(|c| ALPHABET.contains(&c)));
        let limit = 256 - (256 % ALPHABET.len());
        assert_eq!(p.len(), limit, "bytes at or above {limit} are dropped");
        assert_eq!(password_from_bytes(&bytes, 16).len(), 16);
    }
}
