//! The `git diff`-style unified diff of two documents' YAML.
//!
//! A plain Myers line diff costs O(lines × changed lines): with 1% of a 10,000-server
//! document changed it grew quadratically, and two unrelated documents took minutes. Large
//! texts are therefore walked in step: equal lines are passed over, and at a difference the
//! nearest point where the texts agree again (a few lines in a row, within a window) closes
//! a small gap that Myers diffs. Where the texts do not agree again nearby, the rest is
//! aligned as `git diff --patience` does: lines that occur exactly once in each text anchor
//! the alignment (their longest run in the same order, found in O(n log n)), and Myers diffs
//! the gaps between anchors; a gap too large to diff cheaply is shown as removed, then added.
//! Small texts keep the plain Myers diff.

use std::collections::HashMap;
use std::fmt::Write;

use similar::udiff::UnifiedHunkHeader;
use similar::{Algorithm, ChangeTag, DiffOp};

/// Lines of context around each change, as `diff -u`.
const CONTEXT: usize = 3;
/// Texts with up to this many lines (both together) get the plain Myers diff.
const SMALL: usize = 4_000;
/// The largest gap between anchors (lines of both sides together) diffed line by line.
const GAP: usize = 2_000;
/// How far ahead (lines on each side) the texts are searched for agreeing again.
const WINDOW: usize = 64;
/// How many lines in a row must agree for the texts to be back in step.
const AGREE: usize = 3;

/// The unified diff from `old_yaml` to `new_yaml`, headed `--- old_name` / `+++ new_name`;
/// empty when the texts are equal.
pub fn unified(old_yaml: &str, new_yaml: &str, old_name: &str, new_name: &str) -> String {
    if old_yaml == new_yaml {
        return String::new();
    }
    let old: Vec<&str> = old_yaml.split_inclusive('\n').collect();
    let new: Vec<&str> = new_yaml.split_inclusive('\n').collect();
    let ops = if old.len() + new.len() <= SMALL {
        similar::capture_diff_slices(Algorithm::Myers, &old, &new)
    } else {
        stepped_ops(&old, &new)
    };
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    for hunk in similar::group_diff_ops(ops, CONTEXT) {
        let _ = writeln!(out, "{}", UnifiedHunkHeader::new(&hunk));
        for op in &hunk {
            for change in op.iter_changes(&old, &new) {
                out.push_str(match change.tag() {
                    ChangeTag::Equal => " ",
                    ChangeTag::Delete => "-",
                    ChangeTag::Insert => "+",
                });
                let line = change.value();
                out.push_str(line);
                if !line.ends_with('\n') {
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

/// Line operations walking both texts in step (see the module's comment).
fn stepped_ops(old: &[&str], new: &[&str]) -> Vec<DiffOp> {
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    loop {
        let same = old[i..]
            .iter()
            .zip(&new[j..])
            .take_while(|(a, b)| a == b)
            .count();
        if same > 0 {
            push(
                &mut ops,
                DiffOp::Equal {
                    old_index: i,
                    new_index: j,
                    len: same,
                },
            );
            (i, j) = (i + same, j + same);
        }
        if i == old.len() || j == new.len() {
            gap_ops(old, new, (i, old.len()), (j, new.len()), &mut ops);
            return ops;
        }
        match back_in_step(&old[i..], &new[j..]) {
            Some((a, b)) => {
                gap_ops(old, new, (i, i + a), (j, j + b), &mut ops);
                (i, j) = (i + a, j + b);
            }
            None => {
                for op in anchored_ops(&old[i..], &new[j..]) {
                    push(&mut ops, shifted(op, i, j));
                }
                return ops;
            }
        }
    }
}

/// The nearest `(a, b)`, by `a + b`, within [`WINDOW`] lines, where `old[a..]` and `new[b..]`
/// agree for [`AGREE`] lines or both end.
fn back_in_step(old: &[&str], new: &[&str]) -> Option<(usize, usize)> {
    let agree = |a: usize, b: usize| {
        let n = AGREE.min(old.len() - a).min(new.len() - b);
        (n == AGREE || (a + n == old.len() && b + n == new.len())) && old[a..a + n] == new[b..b + n]
    };
    for sum in 1..=2 * WINDOW {
        for a in sum.saturating_sub(WINDOW)..=sum.min(WINDOW) {
            let b = sum - a;
            if a <= old.len() && b <= new.len() && agree(a, b) {
                return Some((a, b));
            }
        }
    }
    None
}

/// Line operations aligning `old` with `new` on their common unique lines.
fn anchored_ops(old: &[&str], new: &[&str]) -> Vec<DiffOp> {
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (a, b) in anchors(old, new)
        .into_iter()
        .chain([(old.len(), new.len())])
    {
        gap_ops(old, new, (i, a), (j, b), &mut ops);
        if a < old.len() {
            push(
                &mut ops,
                DiffOp::Equal {
                    old_index: a,
                    new_index: b,
                    len: 1,
                },
            );
        }
        (i, j) = (a + 1, b + 1);
    }
    ops
}

/// Positions `(in old, in new)` of lines that occur once in each text, the longest run of
/// them in the same order in both.
fn anchors(old: &[&str], new: &[&str]) -> Vec<(usize, usize)> {
    // line -> (times in old, times in new, position in old, position in new)
    let mut seen: HashMap<&str, (u32, u32, usize, usize)> = HashMap::with_capacity(old.len());
    for (i, line) in old.iter().enumerate() {
        let entry = seen.entry(line).or_insert((0, 0, i, 0));
        entry.0 += 1;
    }
    for (j, line) in new.iter().enumerate() {
        if let Some(entry) = seen.get_mut(line) {
            entry.1 += 1;
            entry.3 = j;
        }
    }
    let unique: Vec<(usize, usize)> = old
        .iter()
        .filter_map(|line| match seen[line] {
            (1, 1, i, j) => Some((i, j)),
            _ => None,
        })
        .collect();
    longest_increasing(&unique)
}

/// The longest subsequence of `pairs` (in order of the first position) whose second
/// positions increase: patience sorting with back links.
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: index into `pairs` of the smallest tail of an increasing run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut back: Vec<Option<usize>> = vec![None; pairs.len()];
    for (n, &(_, j)) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&t| pairs[t].1 < j);
        back[n] = k.checked_sub(1).map(|p| tails[p]);
        if k == tails.len() {
            tails.push(n);
        } else {
            tails[k] = n;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(n) = at {
        run.push(pairs[n]);
        at = back[n];
    }
    run.reverse();
    run
}

/// The operations for `old[i0..i1]` against `new[j0..j1]`, a stretch between anchors.
fn gap_ops(
    old: &[&str],
    new: &[&str],
    (i0, i1): (usize, usize),
    (j0, j1): (usize, usize),
    ops: &mut Vec<DiffOp>,
) {
    let (old_len, new_len) = (i1 - i0, j1 - j0);
    if old_len == 0 && new_len == 0 {
        return;
    }
    if old_len == 0 || new_len == 0 || old_len + new_len > GAP {
        let op = match (old_len, new_len) {
            (_, 0) => DiffOp::Delete {
                old_index: i0,
                old_len,
                new_index: j0,
            },
            (0, _) => DiffOp::Insert {
                old_index: i0,
                new_index: j0,
                new_len,
            },
            _ => DiffOp::Replace {
                old_index: i0,
                old_len,
                new_index: j0,
                new_len,
            },
        };
        push(ops, op);
        return;
    }
    for op in similar::capture_diff_slices(Algorithm::Myers, &old[i0..i1], &new[j0..j1]) {
        push(ops, shifted(op, i0, j0));
    }
}

fn shifted(op: DiffOp, di: usize, dj: usize) -> DiffOp {
    match op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => DiffOp::Equal {
            old_index: old_index + di,
            new_index: new_index + dj,
            len,
        },
        DiffOp::Delete {
            old_index,
            old_len,
            new_index,
        } => DiffOp::Delete {
            old_index: old_index + di,
            old_len,
            new_index: new_index + dj,
        },
        DiffOp::Insert {
            old_index,
            new_index,
            new_len,
        } => DiffOp::Insert {
            old_index: old_index + di,
            new_index: new_index + dj,
            new_len,
        },
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => DiffOp::Replace {
            old_index: old_index + di,
            old_len,
            new_index: new_index + dj,
            new_len,
        },
    }
}

/// Appends `op`, merging it into a preceding equal run: hunks are cut where an equal run is
/// longer than twice the context, which a run split into one-line pieces would never be.
fn push(ops: &mut Vec<DiffOp>, op: DiffOp) {
    if let (
        Some(DiffOp::Equal {
            old_index,
            new_index,
            len,
        }),
        DiffOp::Equal {
            old_index: next_old,
            new_index: next_new,
            len: next_len,
        },
    ) = (ops.last_mut(), op)
    {
        if *old_index + *len == next_old && *new_index + *len == next_new {
            *len += next_len;
            return;
        }
    }
    ops.push(op);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies `ops` to `old`, taking inserted lines from `new`.
    fn apply(ops: &[DiffOp], old: &[&str], new: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        let mut next_old = 0;
        for op in ops {
            assert_eq!(
                op.old_range().start,
                next_old,
                "ops are contiguous: {ops:?}"
            );
            next_old = op.old_range().end;
            for change in op.iter_changes(old, new) {
                match change.tag() {
                    ChangeTag::Equal => {
                        assert_eq!(change.value(), old[change.old_index().unwrap()]);
                        out.push(change.value().to_string())
                    }
                    ChangeTag::Insert => out.push(change.value().to_string()),
                    ChangeTag::Delete => {}
                }
            }
        }
        assert_eq!(next_old, old.len());
        out
    }

    fn lines(text: &str) -> Vec<&str> {
        text.split_inclusive('\n').collect()
    }

    #[test]
    fn anchored_ops_turn_the_old_text_into_the_new_one() {
        let old_text: String = (0..3000).map(|i| format!("key{i}: {}\n", i % 7)).collect();
        let mut new_text = old_text.replace("key10: 3\n", "key10: changed\n");
        new_text = new_text.replace("key2000: 5\n", "");
        new_text.push_str("appended: 1\n");
        new_text.insert_str(0, "prepended: 1\n  repeated\n  repeated\n");
        let (old, new) = (lines(&old_text), lines(&new_text));
        let ops = anchored_ops(&old, &new);
        assert_eq!(apply(&ops, &old, &new), new);
        // As small as Myers makes it: one line changed, one removed, three added in front,
        // one at the end.
        assert_eq!(changed_lines(&ops), 2 + 1 + 3 + 1);
    }

    fn changed_lines(ops: &[DiffOp]) -> usize {
        ops.iter()
            .map(|op| match *op {
                DiffOp::Equal { .. } => 0,
                DiffOp::Delete { old_len, .. } => old_len,
                DiffOp::Insert { new_len, .. } => new_len,
                DiffOp::Replace {
                    old_len, new_len, ..
                } => old_len + new_len,
            })
            .sum()
    }

    #[test]
    fn stepped_ops_match_myers_on_scattered_small_changes() {
        let old_text: String = (0..6000)
            .map(|i| format!("  - name: item{i}\n    enabled: true\n"))
            .collect();
        let mut new_text = old_text.clone();
        for i in (0..6000).step_by(97) {
            new_text = new_text.replace(
                &format!("  - name: item{i}\n    enabled: true\n"),
                &format!("  - name: item{i}\n    enabled: false\n    note: x\n"),
            );
        }
        new_text = new_text.replace("  - name: item3000\n    enabled: true\n", "");
        let (old, new) = (lines(&old_text), lines(&new_text));
        let ops = stepped_ops(&old, &new);
        assert_eq!(apply(&ops, &old, &new), new);
        let myers = similar::capture_diff_slices(Algorithm::Myers, &old, &new);
        assert_eq!(changed_lines(&ops), changed_lines(&myers));
    }

    #[test]
    fn unrelated_texts_are_removed_then_added() {
        let old_text: String = (0..5000).map(|i| format!("a{i}\n")).collect();
        let new_text: String = (0..5000).map(|i| format!("b{i}\n")).collect();
        let (old, new) = (lines(&old_text), lines(&new_text));
        let ops = stepped_ops(&old, &new);
        assert_eq!(apply(&ops, &old, &new), new);
        assert_eq!(ops.len(), 1, "{ops:?}");
    }

    #[test]
    fn the_longest_increasing_run_is_found() {
        let pairs = [(0, 5), (1, 1), (2, 2), (3, 9), (4, 3), (5, 4)];
        assert_eq!(longest_increasing(&pairs), [(1, 1), (2, 2), (4, 3), (5, 4)]);
    }

    #[test]
    fn hunks_look_like_diff_u() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\ni\nj";
        assert_eq!(
            unified(old, new, "v1", "v2"),
            "--- v1\n+++ v2\n@@ -2,8 +2,9 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n i\n+j\n\\ No newline at end of file\n"
        );
        // The same text as similar's own formatter.
        let theirs = similar::TextDiff::from_lines(old, new)
            .unified_diff()
            .context_radius(CONTEXT)
            .header("v1", "v2")
            .to_string();
        assert_eq!(unified(old, new, "v1", "v2"), theirs);
    }
}
