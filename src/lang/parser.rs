//! Parser: tokens to [`ast`](super::ast).
use super::{ast, ParseError};

pub fn parse_script(_source: &str) -> Result<ast::ScriptBlock, ParseError> {
    unimplemented!("parser lands with the language work")
}
