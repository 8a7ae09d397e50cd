//! Command history: where the file lives, and PSReadLine's `HistoryNoDuplicates` behaviour on
//! top of reedline's file-backed history (which several shells can share: it locks the file and
//! merges the other sessions' lines on every sync).

use std::ffi::OsString;
use std::path::PathBuf;

use reedline::{
    FileBackedHistory, History, HistoryItem, HistoryItemId, HistorySessionId, SearchDirection,
    SearchQuery,
};

/// PSReadLine's default `MaximumHistoryCount`.
pub const CAPACITY: usize = 4096;

/// The history file: `LYNCSH_HISTORY`, else `lyncsh/history` under the user's data directory
/// (`$XDG_DATA_HOME`, `~/.local/share`, or `%APPDATA%` on Windows). `None` when none of these
/// is known; the shell then keeps history in memory only.
pub fn default_path() -> Option<PathBuf> {
    path_from(|name| std::env::var_os(name))
}

fn path_from(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let set = |name: &str| var(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(explicit) = set("LYNCSH_HISTORY") {
        return Some(explicit);
    }
    let data_dir = set("XDG_DATA_HOME")
        .or_else(|| set("HOME").map(|home| home.join(".local").join("share")))
        .or_else(|| set("APPDATA"))?;
    Some(data_dir.join("lyncsh").join("history"))
}

/// File-backed history whose recall shows each distinct line once, at its newest position,
/// as PSReadLine does: the file may hold a line several times, Up and Ctrl-R never repeat it.
pub struct DedupHistory {
    inner: FileBackedHistory,
}

impl DedupHistory {
    pub fn new(inner: FileBackedHistory) -> DedupHistory {
        DedupHistory { inner }
    }

    /// History backed by `path` (created with its directories if missing), or kept in memory
    /// when there is no path or the file cannot be used; the error says why.
    pub fn open(path: Option<PathBuf>) -> (DedupHistory, Option<String>) {
        let Some(path) = path else {
            return (DedupHistory::new(in_memory()), None);
        };
        match FileBackedHistory::with_file(CAPACITY, path.clone()) {
            Ok(file) => (DedupHistory::new(file), None),
            Err(e) => (
                DedupHistory::new(in_memory()),
                Some(format!(
                    "WARNING: History is kept for this session only: cannot use '{}': {e}",
                    path.display()
                )),
            ),
        }
    }

    /// Each distinct line and the id of its newest occurrence.
    fn newest_ids(&self) -> reedline::Result<std::collections::HashMap<String, i64>> {
        let all = self
            .inner
            .search(SearchQuery::everything(SearchDirection::Forward, None))?;
        Ok(all
            .into_iter()
            .filter_map(|item| Some((item.command_line, item.id?.0)))
            .collect())
    }
}

fn in_memory() -> FileBackedHistory {
    FileBackedHistory::new(CAPACITY).expect("CAPACITY is a valid history size")
}

impl History for DedupHistory {
    fn save(&mut self, h: HistoryItem) -> reedline::Result<HistoryItem> {
        self.inner.save(h)
    }

    fn load(&self, id: HistoryItemId) -> reedline::Result<HistoryItem> {
        self.inner.load(id)
    }

    fn count(&self, query: SearchQuery) -> reedline::Result<i64> {
        Ok(self.search(query)?.len() as i64)
    }

    fn search(&self, query: SearchQuery) -> reedline::Result<Vec<HistoryItem>> {
        let limit = query.limit.map(|l| l.max(0) as usize);
        let newest = self.newest_ids()?;
        let unlimited = SearchQuery {
            limit: None,
            ..query
        };
        Ok(self
            .inner
            .search(unlimited)?
            .into_iter()
            .filter(|item| item.id.map(|id| id.0) == newest.get(&item.command_line).copied())
            .take(limit.unwrap_or(usize::MAX))
            .collect())
    }

    fn update(
        &mut self,
        id: HistoryItemId,
        updater: &dyn Fn(HistoryItem) -> HistoryItem,
    ) -> reedline::Result<()> {
        self.inner.update(id, updater)
    }

    fn clear(&mut self) -> reedline::Result<()> {
        self.inner.clear()
    }

    fn delete(&mut self, h: HistoryItemId) -> reedline::Result<()> {
        self.inner.delete(h)
    }

    fn sync(&mut self) -> std::io::Result<()> {
        self.inner.sync()
    }

    fn session(&self) -> Option<HistorySessionId> {
        self.inner.session()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn explicit_path_wins() {
        let vars = [("LYNCSH_HISTORY", "/tmp/h"), ("HOME", "/home/a")];
        assert_eq!(path_from(env(&vars)), Some(PathBuf::from("/tmp/h")));
    }

    #[test]
    fn xdg_data_home_then_home() {
        let vars = [("XDG_DATA_HOME", "/x"), ("HOME", "/home/a")];
        assert_eq!(
            path_from(env(&vars)),
            Some(PathBuf::from("/x/lyncsh/history"))
        );
        let vars = [("LYNCSH_HISTORY", ""), ("HOME", "/home/a")];
        assert_eq!(
            path_from(env(&vars)),
            Some(PathBuf::from("/home/a/.local/share/lyncsh/history"))
        );
        assert_eq!(path_from(env(&[])), None);
    }

    fn lines(h: &DedupHistory, direction: SearchDirection) -> Vec<String> {
        h.search(SearchQuery::everything(direction, None))
            .unwrap()
            .into_iter()
            .map(|i| i.command_line)
            .collect()
    }

    fn history_of(entries: &[&str]) -> DedupHistory {
        let mut h = DedupHistory::new(in_memory());
        for e in entries {
            h.save(HistoryItem::from_command_line(*e)).unwrap();
        }
        h
    }

    #[test]
    fn each_line_is_recalled_once_at_its_newest_position() {
        let h = history_of(&["a", "b", "a", "c", "b"]);
        assert_eq!(lines(&h, SearchDirection::Backward), ["b", "c", "a"]);
        assert_eq!(lines(&h, SearchDirection::Forward), ["a", "c", "b"]);
        assert_eq!(
            h.count(SearchQuery::everything(SearchDirection::Forward, None))
                .unwrap(),
            3
        );
    }

    /// Steps back through history as reedline's Up arrow does: one item older than the
    /// current one, skipping the line currently shown.
    fn up_arrow_walk(h: &DedupHistory, steps: usize) -> Vec<String> {
        let mut current: Option<HistoryItem> = None;
        let mut seen = Vec::new();
        for _ in 0..steps {
            let current_line = current.as_ref().map(|c| c.command_line.clone());
            let next = h
                .search(SearchQuery {
                    direction: SearchDirection::Backward,
                    start_time: None,
                    end_time: None,
                    start_id: current.as_ref().and_then(|c| c.id),
                    end_id: None,
                    limit: None,
                    filter: reedline::SearchFilter::anything(None),
                })
                .unwrap()
                .into_iter()
                .filter(|item| Some(&item.command_line) != current_line.as_ref());
            if let Some(item) = next.take(1).next() {
                current = Some(item);
            }
            seen.extend(current.as_ref().map(|c| c.command_line.clone()));
        }
        seen
    }

    #[test]
    fn up_arrow_skips_older_duplicates() {
        let h = history_of(&["Get-CsSite", "Test-CsTopology", "Get-CsSite", "Get-CsPool"]);
        assert_eq!(
            up_arrow_walk(&h, 4),
            [
                "Get-CsPool",
                "Get-CsSite",
                "Test-CsTopology",
                "Test-CsTopology"
            ]
        );
    }

    #[test]
    fn limit_applies_after_removing_duplicates() {
        let h = history_of(&["x", "y", "x", "x2"]);
        let mut q = SearchQuery::last_with_prefix("x".into(), None);
        q.limit = Some(2);
        let found: Vec<_> = h
            .search(q)
            .unwrap()
            .into_iter()
            .map(|i| i.command_line)
            .collect();
        assert_eq!(found, ["x2", "x"]);
    }

    #[test]
    fn shared_file_sees_other_sessions_lines_after_sync() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("history");
        let (mut first, warning) = DedupHistory::open(Some(path.clone()));
        assert_eq!(warning, None);
        first
            .save(HistoryItem::from_command_line("Get-CsSite"))
            .unwrap();
        first.sync().unwrap();
        let (second, _) = DedupHistory::open(Some(path));
        assert_eq!(lines(&second, SearchDirection::Backward), ["Get-CsSite"]);
    }
}
