//! Reading a script's text from a file or standard input.
//!
//! Admin scripts come from Windows machines: UTF-8 with or without a byte-order mark, UTF-16
//! from Notepad's "Unicode", or the ANSI code page (Windows-1252) when a blog's `–Identity` and
//! smart quotes were saved by an older editor. Each is decoded to the same text, so the
//! lexer's four-dash and typographic-quote rules see the characters the author typed.

use std::io::{self, Read};
use std::path::Path;

/// Decodes a script's bytes: a UTF-8 or UTF-16 byte-order mark decides; without one, UTF-8 when
/// the bytes are valid UTF-8, else Windows-1252.
pub fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks(2).map(|pair| match pair {
        [a, b] => unit([*a, *b]),
        // A dangling odd byte cannot be a character: show it as the replacement character.
        _ => 0xFFFD,
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Windows-1252: Latin-1 except 0x80–0x9F, which hold the typographic characters (en dash 0x96,
/// em dash 0x97, curly quotes 0x91–0x94) that matter to the lexer.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Reads and decodes a script file.
pub fn read_file(path: &Path) -> io::Result<String> {
    std::fs::read(path).map(|bytes| decode(&bytes))
}

/// Reads and decodes the whole of standard input.
pub fn read_stdin() -> io::Result<String> {
    let mut bytes = Vec::new();
    io::stdin().lock().read_to_end(&mut bytes)?;
    Ok(decode(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8() {
        assert_eq!(
            decode("Set-CsWebServer –Identity x".as_bytes()),
            "Set-CsWebServer –Identity x"
        );
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFexit 3"), "exit 3");
    }

    #[test]
    fn utf16_both_byte_orders() {
        let text = "Get-CsSite “x”";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&le), text);
        assert_eq!(decode(&be), text);
    }

    #[test]
    fn utf16_odd_length_does_not_panic() {
        assert_eq!(decode(b"\xFF\xFEa\x00b"), "a\u{FFFD}");
    }

    #[test]
    fn ansi_scripts_keep_their_dashes_and_quotes() {
        // `Set-CsWebServer –Identity “x”` saved as Windows-1252.
        let bytes = b"Set-CsWebServer \x96Identity \x93x\x94 \x97 caf\xe9";
        assert_eq!(decode(bytes), "Set-CsWebServer –Identity “x” — café");
    }
}
