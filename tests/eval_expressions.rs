//! Expressions and operators through real source text (reference §5, §8.2 cases 3, 12–16, 40).

mod eval_common;
use eval_common::*;

fn lines(source: &str) -> Vec<String> {
    out(source).lines().map(str::to_string).collect()
}

fn one(source: &str) -> String {
    let l = lines(source);
    assert_eq!(l.len(), 1, "expected one line from {source:?}, got {l:?}");
    l[0].clone()
}

#[test]
fn arithmetic_and_strings() {
    assert_eq!(one("2 + 3 * 4"), "14");
    assert_eq!(one("(2 + 3) * 4"), "20");
    assert_eq!(one("7 / 2"), "3.5");
    assert_eq!(one("6 / 3"), "2");
    assert_eq!(one("7 % 3"), "1");
    assert_eq!(one("'ab' * 3"), "ababab");
    assert_eq!(one("'a' + 1"), "a1");
    assert_eq!(one("1 + '2'"), "3");
    assert_eq!(one("-5 + 1"), "-4");
    assert_eq!(one("0.1 + 0.2"), "0.3");
    assert_eq!(one("1kb"), "1024");
    assert_eq!(one("0xFF"), "255");
}

#[test]
fn comparisons_are_case_insensitive_with_c_variants() {
    assert_eq!(one("'aaa' -clt 'AAA'"), "True");
    assert_eq!(one("'aaa' -lt 'AAA'"), "False");
    assert_eq!(lines("1,2,3 -gt 1"), ["2", "3"]);
    assert_eq!(one("'10' -eq 10"), "True");
    assert_eq!(one("'Hello world' -like 'hello*'"), "True");
    assert_eq!(one("'Hello' -ceq 'hello'"), "False");
    assert_eq!(one("5 \u{2014}gt 3"), "True");
    assert_eq!(one("1,2,3 -contains 2"), "True");
    assert_eq!(one("2 -in 1,2,3"), "True");
    assert_eq!(one("4 -notin 1,2,3"), "True");
    assert_eq!(one("$null -eq $x"), "True");
}

#[test]
fn match_sets_matches() {
    assert_eq!(
        lines("if ('port 5086' -match 'port (\\d+)') { $Matches[1] }"),
        ["5086"]
    );
    assert_eq!(one("'abc' -notmatch 'x'"), "True");
}

#[test]
fn replace_split_join_format() {
    assert_eq!(
        one("'John Smith' -replace '(\\w+) (\\w+)', '$2, $1'"),
        "Smith, John"
    );
    assert_eq!(lines("'a,b,c' -split ','"), ["a", "b", "c"]);
    assert_eq!(one("(1,2,3) -join '-'"), "1-2-3");
    assert_eq!(
        one("'{0} has {1:N2} GB' -f 'disk', 1234.5"),
        "disk has 1,234.50 GB"
    );
    assert_eq!(one("'[{0,-5}]' -f 'ab'"), "[ab   ]");
}

#[test]
fn logical_operators() {
    assert_eq!(one("$true -and $false"), "False");
    assert_eq!(one("$true -or $false"), "True");
    assert_eq!(one("$true -xor $true"), "False");
    assert_eq!(one("-not $true"), "False");
    assert_eq!(one("!0"), "True");
}

#[test]
fn ranges_and_arrays() {
    assert_eq!(lines("1..3"), ["1", "2", "3"]);
    assert_eq!(one("(1..5).Count"), "5");
    assert_eq!(one("$a = 1,2,3; $a[-1]"), "3");
    assert_eq!(lines("$a = 1,2,3; $a[0,2]"), ["1", "3"]);
    assert_eq!(one("$a = @(); $a.Count"), "0");
    assert_eq!(one("$a = @(1); $a += 2; $a.Count"), "2");
    assert_eq!(one("$s = 'x'; $s += 'y'; $s"), "xy");
    assert_eq!(one("$a = 1,2; $a[1] = 5; $a -join ','"), "1,5");
}

#[test]
fn casts() {
    assert_eq!(one("[int]'0x1F'"), "31");
    assert_eq!(one("[int]'2.5'"), "2");
    assert_eq!(one("[int]'3.5'"), "4");
    assert_eq!(one("[bool]'False'"), "True");
    assert_eq!(one("[string]5 + 1"), "51");
    assert_eq!(one("([string[]]5)[0].GetType().FullName"), "System.String");
    assert_eq!(
        one("[string][datetime]'2012-01-31'"),
        "1/31/2012 12:00:00 AM"
    );
    assert_eq!(one("5 -is [int]"), "True");
    assert_eq!(one("'5' -as [int]"), "5");
    let r = run("[int]'abc'");
    assert!(r.err.contains("Cannot convert value \"abc\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\""), "{}", r.err);
    let r = run("[nosuchtype]5");
    assert!(
        r.err.contains("Unable to find type [nosuchtype]."),
        "{}",
        r.err
    );
}

#[test]
fn hashtables_and_objects() {
    assert_eq!(one("@{ Name='x' }.name"), "x");
    assert_eq!(one("$h = @{a=1}; $h.b = 2; $h['c'] = 3; $h.Count"), "3");
    assert_eq!(one("$h = @{a=1}; $h.ContainsKey('A')"), "True");
    assert_eq!(one("$h = @{}; $h.Add('k', 'v'); $h.k"), "v");
    assert_eq!(
        one("$h = @{a=1; b=2}; $h.Remove('a'); $h.Keys -join ','"),
        "b"
    );
    assert_eq!(
        one("$o = [pscustomobject]@{Name='n'; Size=3}; $o.Size"),
        "3"
    );
    assert_eq!(
        one("$o = [pscustomobject]@{Name='n'}; $o.Name = 'm'; $o.Name"),
        "m"
    );
    let r = run("$o = [pscustomobject]@{Name='n'}; $o.Nope = 1");
    assert!(
        r.err
            .contains("The property 'Nope' cannot be found on this object."),
        "{}",
        r.err
    );
    assert_eq!(one("$o = [ordered]@{b=1; a=2}; $o.Keys -join ','"), "b,a");
}

#[test]
fn member_enumeration() {
    assert_eq!(one("(Get-Widget).Name -join ','"), "alpha,beta,gamma");
    assert_eq!(one("(Get-Widget).Count"), "3");
}

#[test]
fn string_methods() {
    assert_eq!(one("'Hello'.ToLower()"), "hello");
    assert_eq!(one("'Hello'.ToUpper()"), "HELLO");
    assert_eq!(one("'  x  '.Trim()"), "x");
    assert_eq!(lines("'a;b'.Split(';')"), ["a", "b"]);
    assert_eq!(one("'abc'.Replace('b', 'X')"), "aXc");
    assert_eq!(one("'abc'.StartsWith('a')"), "True");
    assert_eq!(one("'abc'.EndsWith('c')"), "True");
    assert_eq!(one("'abc'.Contains('b')"), "True");
    assert_eq!(one("'abcdef'.Substring(2, 3)"), "cde");
    assert_eq!(one("'abcdef'.IndexOf('d')"), "3");
    assert_eq!(one("'abc'.Length"), "3");
    assert_eq!(one("[string]::IsNullOrEmpty('')"), "True");
    assert_eq!(one("[math]::Round(2.5)"), "2");
    let r = run("'abc'.Nope()");
    assert!(r.err.contains("Method invocation failed because [System.String] does not contain a method named 'Nope'."), "{}", r.err);
}

#[test]
fn expandable_strings() {
    assert_eq!(
        one("$n = 'w'; \"name: $n, sum: $(1 + 2)\""),
        "name: w, sum: 3"
    );
    assert_eq!(one("$a = 1,2; \"items: $a\""), "items: 1 2");
    assert_eq!(one("$o = @{x=5}; \"v=$($o.x)\""), "v=5");
}

#[test]
fn variables_and_scopes() {
    assert_eq!(one("$global:g = 1; function f { $g + 1 }; f"), "2");
    assert_eq!(one("$x = 1; function f { $x = 5 }; f; $x"), "1");
    assert_eq!(one("$x = 1; function f { $script:x = 5 }; f; $x"), "5");
    assert_eq!(
        one("$env:LYNCSH_TEST_VAR = 'abc'; $env:LYNCSH_TEST_VAR"),
        "abc"
    );
    assert_eq!(one("$i = 1; $i++; $i"), "2");
    assert_eq!(one("$i = 5; $i -= 2; $i *= 3; $i"), "9");
}

#[test]
fn runtime_errors_point_at_the_expression() {
    let r = run("$x = 1\n$y = 1/0");
    assert_eq!(
        r.err,
        "Attempted to divide by zero.\nAt line:2 char:6\n+ $y = 1/0\n+      ~~~\n    + CategoryInfo          : NotSpecified: (:) [], RuntimeException\n    + FullyQualifiedErrorId : RuntimeException\n"
    );
    assert!(r.completed());
}

#[test]
fn objects_that_contain_themselves_still_print() {
    let r = run("$o = [pscustomobject]@{a=1}; $o.a = $o; \"$o\".Length -gt 0");
    assert_eq!(r.out, "True\n", "{}", r.err);
}

#[test]
fn date_arithmetic_and_statics() {
    assert_eq!(
        one("$d = [datetime]'2012-01-31'; ($d.AddDays(2) - $d).TotalDays"),
        "2"
    );
    assert_eq!(
        one("([datetime]'2012-01-31').AddMonths(1).ToString('yyyy-MM-dd')"),
        "2012-02-29"
    );
    assert_eq!(
        one("'{0:yyyy-MM-dd}' -f [datetime]'2012-03-04'"),
        "2012-03-04"
    );
    assert_eq!(one("[regex]::Escape('a.b')"), "a\\.b");
    assert_eq!(one("[math]::Max(3, 7)"), "7");
}

#[test]
fn psobject_properties_enumerate() {
    assert_eq!(
        one("([pscustomobject]@{a=1; b=2}).PSObject.Properties.Name -join ','"),
        "a,b"
    );
}

#[test]
fn null_and_scalars_have_a_count() {
    assert_eq!(one("$n = $null; $n.Count"), "0");
    assert_eq!(one("$x = Get-Widget alpha; $x.Count"), "1");
    assert_eq!(one("$x = Get-Widget nothing*; $x.Count"), "0");
}
