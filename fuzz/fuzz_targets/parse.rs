//! Feeds arbitrary bytes (as UTF-8 text) to the parser and the syntax colouring tokenizer:
//! any panic, overflow or out-of-bounds span is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lyncsh::lang;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    match lang::parse(source) {
        Ok(block) => {
            let _ = lang::sexpr(&block);
        }
        Err(error) => {
            assert!(error.span.start <= error.span.end && error.span.end <= source.len());
            assert!(
                source.is_char_boundary(error.span.start)
                    && source.is_char_boundary(error.span.end)
            );
            let _ = lang::locate(source, error.span.start);
        }
    }
    for (span, _) in lang::lexer::highlight_tokens(source) {
        assert!(span.start <= span.end && span.end <= source.len());
    }
});
