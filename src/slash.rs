//! The `/` shortcut of the reply box: typing `/gre` opens saved replies matching `gre`,
//! and choosing one replaces `/gre` with its text. Positions are in characters.

/// When the word being typed at `cursor` starts with `/`, its start and what follows the `/`.
pub fn slash_query(text: &str, cursor: usize) -> Option<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let cursor = cursor.min(chars.len());
    let start = chars[..cursor].iter().rposition(|c| c.is_whitespace()).map_or(0, |i| i + 1);
    // The caret must be after the `/`: at or before it (Home, ←, a click at the start)
    // nothing is being typed after it.
    if start >= cursor || chars.get(start) != Some(&'/') {
        return None;
    }
    Some((start, chars[start + 1..cursor].iter().collect()))
}

/// Replaces the characters from `start` to `cursor` with `insert`; returns the new text
/// and where the cursor goes (right after the insertion).
pub fn replace_at(text: &str, start: usize, cursor: usize, insert: &str) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let cursor = cursor.min(chars.len());
    let start = start.min(cursor);
    let mut out: String = chars[..start].iter().collect();
    out.push_str(insert);
    let new_cursor = out.chars().count();
    out.extend(&chars[cursor..]);
    (out, new_cursor)
}

/// Does a saved reply match what was typed after the `/`?
pub fn matches(shortcode: &str, title: &str, query: &str) -> bool {
    let q = query.to_lowercase();
    shortcode.to_lowercase().starts_with(&q) || title.to_lowercase().contains(&q)
}

/// The DOM counts text positions in UTF-16 units; this module counts characters.
pub fn char_index(text: &str, utf16_pos: usize) -> usize {
    let mut units = 0;
    text.chars()
        .take_while(|c| {
            units += c.len_utf16();
            units <= utf16_pos
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_slash_word_at_the_cursor() {
        assert_eq!(slash_query("/gre", 4), Some((0, "gre".into())));
        assert_eq!(slash_query("Hello /ho", 9), Some((6, "ho".into())));
        assert_eq!(slash_query("Hello /ho there", 9), Some((6, "ho".into())));
        assert_eq!(slash_query("/", 1), Some((0, String::new())));
        assert_eq!(slash_query("and/or", 6), None, "a slash inside a word is not a shortcut");
        assert_eq!(slash_query("Hello", 5), None);
        assert_eq!(slash_query("¿Qué? /sal", 10), Some((6, "sal".into())));
    }

    #[test]
    fn a_caret_at_or_before_the_slash_is_no_shortcut() {
        // Every caret position of texts with a slash word, emoji, Arabic and combining
        // marks: never a panic, and a query only where the caret is after a word's `/`.
        for text in ["/ho", "Hi /ho", "😀 /gre x", "مرحبا /سلام", "e\u{301} /e\u{301}", "/", "//", " /"] {
            let len = text.chars().count();
            for cursor in 0..=len + 2 {
                if let Some((start, query)) = slash_query(text, cursor) {
                    assert!(start < cursor.min(len), "{text:?} at {cursor}");
                    assert_eq!(text.chars().nth(start), Some('/'));
                    assert_eq!(query.chars().count(), cursor.min(len) - start - 1);
                }
            }
        }
        assert_eq!(slash_query("/ho", 0), None, "Home before the slash");
        assert_eq!(slash_query("Hi /ho", 3), None, "the caret right before the slash");
        assert_eq!(slash_query("Hi /ho", 4), Some((3, String::new())));
    }

    #[test]
    fn replaces_the_shortcut_and_keeps_the_rest() {
        assert_eq!(replace_at("Hi /gre!", 3, 7, "Hello Tom"), ("Hi Hello Tom!".into(), 12));
        assert_eq!(replace_at("/g", 0, 2, "Hola"), ("Hola".into(), 4));
    }

    #[test]
    fn utf16_positions_become_character_positions() {
        assert_eq!(char_index("abc", 2), 2);
        assert_eq!(char_index("😀/g", 3), 2, "the emoji is two UTF-16 units, one character");
        assert_eq!(char_index("", 4), 0);
    }

    #[test]
    fn matching_by_shortcode_prefix_or_title() {
        assert!(matches("greeting", "Warm welcome", "gre"));
        assert!(matches("greeting", "Warm welcome", "WELCOME"));
        assert!(!matches("hours", "Opening hours", "gre"));
    }
}
