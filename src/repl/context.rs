//! Where the cursor is, in PowerShell's terms: typing a command name, a parameter name, a
//! parameter's value (after a space, a colon or a comma), a positional argument or a variable.
//! Built from the lexer's highlight tokens, which never fail on half-typed input, plus the
//! punctuation between them (`;`, braces, parentheses and newlines make no token of their own).

use crate::lang::lexer::highlight_tokens;
use crate::lang::token::{is_dash, is_quote, TokenClass};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Command,
    /// `-Name`; `colon` when written `-Name:` (the value follows the colon).
    Parameter {
        colon: bool,
    },
    /// A value: string, number, bare word, variable.
    Argument,
    Comma,
    /// Ends a statement: `|`, `;`, newline, `=`, `&`, a keyword.
    Break,
    Open,
    Close,
    /// Operators inside expressions (`-eq`, `+`), comments.
    Other,
}

#[derive(Clone, Copy, Debug)]
struct Piece {
    start: usize,
    end: usize,
    kind: Kind,
}

fn pieces(line: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut last_end = 0;
    let punctuation = |out: &mut Vec<Piece>, from: usize, to: usize| {
        for (i, c) in line[from..to].char_indices() {
            let kind = match c {
                ';' | '\n' | '\r' => Kind::Break,
                '(' | '{' => Kind::Open,
                ')' | '}' => Kind::Close,
                _ => continue,
            };
            out.push(Piece {
                start: from + i,
                end: from + i + c.len_utf8(),
                kind,
            });
        }
    };
    for (span, class) in highlight_tokens(line) {
        if span.start < last_end {
            continue;
        }
        punctuation(&mut out, last_end, span.start);
        let text = &line[span.start..span.end];
        let kind = match class {
            TokenClass::Command => Kind::Command,
            TokenClass::Parameter => Kind::Parameter {
                colon: line[span.end..].starts_with(':'),
            },
            TokenClass::Keyword => Kind::Break,
            TokenClass::Comment => Kind::Other,
            TokenClass::Operator => match text {
                "," => Kind::Comma,
                "|" | "&" | "&&" | "||" => Kind::Break,
                t if t.ends_with('=') && !t.starts_with(|c: char| is_dash(c)) => Kind::Break,
                _ => Kind::Other,
            },
            // A lone dash is a parameter name not typed yet.
            TokenClass::Default if text.chars().next().is_some_and(is_dash) => {
                Kind::Parameter { colon: false }
            }
            _ => Kind::Argument,
        };
        out.push(Piece {
            start: span.start,
            end: span.end,
            kind,
        });
        last_end = span.end;
    }
    punctuation(&mut out, last_end, line.len());
    merge_wildcard_commands(line, out)
}

/// `*-CsHosting` at the start of a statement lexes as the `*` operator and a word; for Tab it
/// is one wildcard command name.
fn merge_wildcard_commands(line: &str, pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut merging = false;
    for p in pieces {
        let at_statement_start = matches!(
            out.last(),
            None | Some(Piece {
                kind: Kind::Break | Kind::Open,
                ..
            })
        );
        if p.kind == Kind::Other && &line[p.start..p.end] == "*" && at_statement_start {
            out.push(Piece {
                kind: Kind::Command,
                ..p
            });
            merging = true;
            continue;
        }
        match out.last_mut() {
            Some(last)
                if merging
                    && last.end == p.start
                    && !matches!(p.kind, Kind::Break | Kind::Open | Kind::Close) =>
            {
                last.end = p.end;
            }
            _ => {
                merging = false;
                out.push(p);
            }
        }
    }
    out
}

/// The word being completed: its byte range (start to the cursor) and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// What the cursor is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Context {
    /// A command name (possibly empty) at the start of a statement.
    CommandName { word: Word },
    /// `-Na`: a parameter name of `command` (text after the dash in `word.text`).
    ParameterName {
        command: String,
        word: Word,
        given: Vec<String>,
    },
    /// A value for `command`'s parameter, named (`parameter`) or positional (`position`).
    Value {
        command: String,
        parameter: Option<String>,
        position: usize,
        word: Word,
        /// Elements already typed before this one in a comma list.
        listed: Vec<String>,
        /// The quote the value was opened with.
        quote: Option<char>,
        /// Parameters already on the line with what was typed for them.
        given: Vec<(String, String)>,
    },
    /// `$na`: a variable name (without the `$`).
    Variable { word: Word },
    /// Inside an expression, a comment or past anything Tab can help with.
    Nothing,
}

/// The context at byte offset `pos` of `line` (which must be a char boundary).
pub fn at(line: &str, pos: usize) -> Context {
    let line_to_cursor = &line[..pos];
    let all = pieces(line_to_cursor);
    // The token under the cursor is the one ending at it; punctuation and operators end
    // words, so after them the word is empty.
    let (current, before) = match all.last() {
        Some(p)
            if p.end == pos
                && matches!(
                    p.kind,
                    Kind::Command | Kind::Parameter { .. } | Kind::Argument | Kind::Other
                ) =>
        {
            (Some(*p), &all[..all.len() - 1])
        }
        _ => (None, &all[..]),
    };
    let word = match current {
        Some(p) => Word {
            start: p.start,
            end: pos,
            text: line[p.start..pos].to_string(),
        },
        None => Word {
            start: pos,
            end: pos,
            text: String::new(),
        },
    };
    if matches!(
        current,
        Some(Piece {
            kind: Kind::Other,
            ..
        })
    ) {
        return Context::Nothing;
    }
    let statement = statement_pieces(before);
    let command = statement
        .iter()
        .find(|p| p.kind == Kind::Command)
        .map(|p| line[p.start..p.end].to_string());

    if word.text.starts_with('$') {
        // `-Enabled:$t` is a value (`$true`), any other `$…` a variable.
        if let Some(value) = value_context(line, &statement, &command, word.clone()) {
            if matches!(
                &value,
                Context::Value {
                    parameter: Some(_),
                    ..
                }
            ) && adjacent_colon_parameter(line, &statement, &word)
            {
                return value;
            }
        }
        return Context::Variable {
            word: Word {
                start: word.start,
                end: word.end,
                text: word.text[1..].to_string(),
            },
        };
    }
    let in_command_position = match current {
        Some(p) => p.kind == Kind::Command,
        None => statement.is_empty(),
    };
    if in_command_position {
        return Context::CommandName { word };
    }
    let Some(command) = command else {
        return Context::Nothing;
    };
    if matches!(
        current,
        Some(Piece {
            kind: Kind::Parameter { .. },
            ..
        })
    ) {
        let given = given_parameters(line, &statement)
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        let dash_len = word.text.chars().next().map_or(0, char::len_utf8);
        return Context::ParameterName {
            command,
            word: Word {
                text: word.text[dash_len..].to_string(),
                ..word
            },
            given,
        };
    }
    value_context(line, &statement, &Some(command), word).unwrap_or(Context::Nothing)
}

/// The pieces of the statement the cursor is in, before the cursor, at bracket depth 0:
/// from the last break or unmatched opening bracket on.
fn statement_pieces(before: &[Piece]) -> Vec<Piece> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for p in before.iter().rev() {
        match p.kind {
            Kind::Close => depth += 1,
            Kind::Open if depth > 0 => depth -= 1,
            Kind::Open | Kind::Break if depth == 0 => break,
            _ if depth == 0 => out.push(*p),
            _ => {}
        }
    }
    out.reverse();
    out
}

/// `-Name` pieces of the statement (dash and colon removed) with the text of the value that
/// follows each (empty for switches or when none follows).
fn given_parameters(line: &str, statement: &[Piece]) -> Vec<(String, String)> {
    statement
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p.kind, Kind::Parameter { .. }))
        .map(|(i, p)| {
            let name = parameter_name(&line[p.start..p.end]).to_string();
            let value = statement
                .get(i + 1)
                .filter(|next| next.kind == Kind::Argument)
                .map(|next| unquote(&line[next.start..next.end]).to_string())
                .unwrap_or_default();
            (name, value)
        })
        .collect()
}

fn parameter_name(text: &str) -> &str {
    let dash_len = text.chars().next().map_or(0, char::len_utf8);
    text[dash_len..].trim_end_matches(':')
}

/// Text of a value without its quotes (an unterminated string has only the opening one).
pub fn unquote(text: &str) -> &str {
    let Some(first) = text.chars().next().filter(|c| is_quote(*c)) else {
        return text;
    };
    let inner = &text[first.len_utf8()..];
    match inner.chars().last() {
        Some(last) if is_quote(last) => &inner[..inner.len() - last.len_utf8()],
        _ => inner,
    }
}

/// Whether the word directly follows `-Name:` with no space.
fn adjacent_colon_parameter(line: &str, statement: &[Piece], word: &Word) -> bool {
    statement.last().is_some_and(|p| {
        matches!(p.kind, Kind::Parameter { colon: true }) && line[p.end..word.start].trim() == ":"
    })
}

fn value_context(
    line: &str,
    statement: &[Piece],
    command: &Option<String>,
    word: Word,
) -> Option<Context> {
    let command = command.clone()?;
    let given = given_parameters(line, statement);
    let quote = word.text.chars().next().filter(|c| is_quote(*c));
    let value_word = Word {
        text: unquote(&word.text).to_string(),
        ..word
    };
    // Step back over a comma list `a, b, <cursor>` to what precedes its first element.
    let mut listed = Vec::new();
    let mut i = statement.len();
    while i >= 2 && statement[i - 1].kind == Kind::Comma && statement[i - 2].kind == Kind::Argument
    {
        let element = &statement[i - 2];
        listed.insert(0, unquote(&line[element.start..element.end]).to_string());
        i -= 2;
    }
    let owner = i.checked_sub(1).map(|j| statement[j]);
    // A switch does not take the next word (unless written `-Switch:value`); the completer,
    // which knows the types, treats the word as positional then.
    let parameter = owner
        .filter(|p| matches!(p.kind, Kind::Parameter { .. }))
        .map(|p| parameter_name(&line[p.start..p.end]).to_string());
    let position = positional_index(statement);
    Some(Context::Value {
        command,
        parameter,
        position,
        word: value_word,
        listed,
        quote,
        given,
    })
}

/// How many positional arguments come before the cursor: arguments (or comma lists) not
/// directly after a parameter name. Switches are not known here, so `-Force x` counts `x`
/// as the value of `-Force`; the completer corrects for switches with [`Context::Value`]'s
/// `parameter`.
fn positional_index(statement: &[Piece]) -> usize {
    let mut count = 0;
    let mut previous: Option<Kind> = None;
    for p in statement.iter().skip(1) {
        if p.kind == Kind::Argument
            && !matches!(previous, Some(Kind::Parameter { .. }) | Some(Kind::Comma))
        {
            count += 1;
        }
        previous = Some(p.kind);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(line: &str) -> Context {
        at(line, line.len())
    }

    fn word(start: usize, end: usize, text: &str) -> Word {
        Word {
            start,
            end,
            text: text.into(),
        }
    }

    #[test]
    fn command_names() {
        assert_eq!(
            ctx(""),
            Context::CommandName {
                word: word(0, 0, "")
            }
        );
        assert_eq!(
            ctx("Get-CsWeb"),
            Context::CommandName {
                word: word(0, 9, "Get-CsWeb")
            }
        );
        assert_eq!(
            ctx("Get-CsSite | Wh"),
            Context::CommandName {
                word: word(13, 15, "Wh")
            }
        );
        assert_eq!(
            ctx("$x = Get-Cs"),
            Context::CommandName {
                word: word(5, 11, "Get-Cs")
            }
        );
        assert_eq!(
            ctx("if ($a) { Get-"),
            Context::CommandName {
                word: word(10, 14, "Get-")
            }
        );
        assert_eq!(
            ctx("Get-CsSite | *-CsHost"),
            Context::CommandName {
                word: word(13, 21, "*-CsHost")
            }
        );
        assert_eq!(
            ctx("Get-CsSite; "),
            Context::CommandName {
                word: word(12, 12, "")
            }
        );
    }

    #[test]
    fn parameter_names_with_dashes_of_any_kind() {
        assert_eq!(
            ctx("Set-CsWebServer –Iden"),
            Context::ParameterName {
                command: "Set-CsWebServer".into(),
                word: word(16, 23, "Iden"),
                given: vec![],
            }
        );
        let Context::ParameterName { word: w, given, .. } =
            ctx("Set-CsHostingProvider -Identity LyncOnline -Enabled $true -")
        else {
            panic!("not a parameter name");
        };
        assert_eq!(w.text, "");
        assert_eq!(given, ["Identity", "Enabled"]);
    }

    #[test]
    fn values_after_name_colon_and_comma() {
        let Context::Value {
            parameter, word: w, ..
        } = ctx("Set-CsHostingProvider -VerificationLevel ")
        else {
            panic!()
        };
        assert_eq!(parameter.as_deref(), Some("VerificationLevel"));
        assert_eq!(w.text, "");
        let Context::Value {
            parameter,
            listed,
            word: w,
            ..
        } = ctx("Set-CsCertificate -Type Default,WebServicesInt")
        else {
            panic!()
        };
        assert_eq!(parameter.as_deref(), Some("Type"));
        assert_eq!(listed, ["Default"]);
        assert_eq!(w.text, "WebServicesInt");
        let Context::Value {
            parameter, word: w, ..
        } = ctx("Set-CsHostingProvider -Enabled:$t")
        else {
            panic!()
        };
        assert_eq!(parameter.as_deref(), Some("Enabled"));
        assert_eq!(w.text, "$t");
        let Context::Value { parameter, .. } = ctx("Set-CsHostingProvider -Enabled:") else {
            panic!()
        };
        assert_eq!(parameter.as_deref(), Some("Enabled"));
    }

    #[test]
    fn quoted_values_and_positions() {
        let Context::Value {
            word: w,
            quote,
            position,
            parameter,
            ..
        } = ctx("Get-CsHostingProvider 'Lync")
        else {
            panic!()
        };
        assert_eq!((w.text.as_str(), quote, position), ("Lync", Some('\''), 0));
        assert_eq!(w.start, 22);
        assert_eq!(parameter, None);
        let Context::Value { position, .. } = ctx("Copy-Item a ") else {
            panic!()
        };
        assert_eq!(position, 1);
    }

    #[test]
    fn given_values_for_identity_sources() {
        let Context::Value { given, .. } =
            ctx("Set-CsCertificate -Computer \"lync.jacobs.local\" -Thumbprint ")
        else {
            panic!()
        };
        assert_eq!(
            given,
            [
                ("Computer".to_string(), "lync.jacobs.local".to_string()),
                ("Thumbprint".to_string(), String::new())
            ]
        );
    }

    #[test]
    fn nested_commands_and_variables() {
        let Context::ParameterName { command, .. } = ctx("Set-X -Identity (Get-Y -") else {
            panic!()
        };
        assert_eq!(command, "Get-Y");
        let Context::ParameterName { command, given, .. } = ctx("Set-X -A (Get-Y -B) -") else {
            panic!()
        };
        assert_eq!((command.as_str(), given), ("Set-X", vec!["A".to_string()]));
        assert_eq!(
            ctx("Write-Output $Err"),
            Context::Variable {
                word: word(13, 17, "Err")
            }
        );
        assert!(matches!(ctx("Write-Output $"), Context::Variable { .. }));
        assert_eq!(ctx("Get-X # comment"), Context::Nothing);
    }
}
