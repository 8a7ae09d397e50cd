//! No input makes the lexer or parser panic: random strings built from the characters that
//! matter to PowerShell, and random edits of real scripts, always give a tree or an error
//! whose span lies inside the source on character boundaries (the caret renderer slices it).

use lyncsh::lang::{self, lexer, locate};
use proptest::prelude::*;

/// Characters weighted towards PowerShell's special ones, including every dash and quote form.
const ALPHABET: &[char] = &[
    'a', 'Z', 'x', '1', '0', '5', ' ', ' ', '\t', '\u{A0}', '\n', '\r', '-', '–', '—', '―', '\'',
    '‘', '’', '‚', '‛', '"', '“', '”', '„', '`', '$', '@', '(', ')', '{', '}', '[', ']', '<', '>',
    '#', '|', ';', ',', '.', ':', '=', '+', '*', '/', '%', '!', '&', '?', '_', 'é', '👍', 'k', 'b',
    'e', 'u',
];

const SCRIPTS: &[&str] = &[
    "Set-CsWebServer –Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086",
    "Set-CsCertificate –Type Default,WebServicesInternal,WebServicesExternal –Thumbprint <Certificate Thumbprint>",
    "New-CsHostingProvider –Identity \"LyncOnline\" –Enabled $True –ProxyFqdn \"sipfed.online.lync.com\"",
    "Add-WindowsFeature Web-Server, Web-Dyn-Compression",
    "param([Parameter(Mandatory)][string[]]$Name = 'x', [switch]$Force)\nforeach ($n in $Name) { if ($n -like 'a*') { \"${n}: $($n.Length)\" } else { $n } }",
    "function Get-X { [CmdletBinding()] param($a) begin { $i = 0 } process { $i++ } end { $i } }",
    "try { Get-CsUser -ErrorAction Stop | ? { $_.Enabled } } catch [System.Exception] { throw } finally { 'x' }",
    "$h = @{ a = 1; b = @(1,2); c = { $_ } }\n$s = @\"\nline $v `t $(1+2)\n\"@\nswitch -Wildcard ($x) { a* { 1 } default { 2 } }",
    "[pscustomobject]@{ Port = [int]'5086' + 1kb } | Format-List; $a[0].Name.ToUpper(); [int]::MaxValue -f 'x' ; 1..5 | % { $_ * 2 } > out.txt 2>&1",
    "Get-ChildItem `\n  -Force # comment\n<# block #> do { $i-- } until ($i -le 0); :l while ($true) { break l }",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, char),
    Delete(usize),
    Replace(usize, char),
}

fn edit() -> impl Strategy<Value = Edit> {
    let c = prop::sample::select(ALPHABET);
    prop_oneof![
        (any::<usize>(), c.clone()).prop_map(|(i, c)| Edit::Insert(i, c)),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), c).prop_map(|(i, c)| Edit::Replace(i, c)),
    ]
}

fn apply(script: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = script.chars().collect();
    for e in edits {
        match *e {
            Edit::Insert(i, c) => chars.insert(i % (chars.len() + 1), c),
            Edit::Delete(i) if !chars.is_empty() => {
                chars.remove(i % chars.len());
            }
            Edit::Replace(i, c) if !chars.is_empty() => {
                let i = i % chars.len();
                chars[i] = c;
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

/// Parses and colours `source`, checking every span it reports.
fn check(source: &str) -> Result<(), TestCaseError> {
    match lang::parse(source) {
        Ok(block) => {
            let _ = lang::sexpr(&block);
        }
        Err(e) => {
            prop_assert!(
                e.span.start <= e.span.end && e.span.end <= source.len(),
                "bad span {:?}",
                e.span
            );
            prop_assert!(
                source.is_char_boundary(e.span.start) && source.is_char_boundary(e.span.end)
            );
            prop_assert!(!e.message.is_empty() && !e.error_id.is_empty());
            let _ = locate(source, e.span.start);
        }
    }
    for (span, _) in lexer::highlight_tokens(source) {
        prop_assert!(
            span.start <= span.end && span.end <= source.len(),
            "bad colour span {:?}",
            span
        );
        prop_assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(chars in prop::collection::vec(prop::sample::select(ALPHABET), 0..60)) {
        let source: String = chars.into_iter().collect();
        check(&source)?;
    }

    #[test]
    fn edited_scripts_never_panic(script in prop::sample::select(SCRIPTS), edits in prop::collection::vec(edit(), 1..6)) {
        check(&apply(script, &edits))?;
    }

    #[test]
    fn arbitrary_unicode_never_panics(source in "\\PC{0,40}") {
        check(&source)?;
    }
}

#[test]
fn the_unedited_scripts_parse_except_the_placeholder() {
    for script in SCRIPTS {
        let result = lang::parse(script);
        assert_eq!(
            result.is_err(),
            script.contains("<Certificate"),
            "{script}: {:?}",
            result.err()
        );
    }
}
