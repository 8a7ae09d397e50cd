//! What a shell session holds: the store, the draft document in memory, and whether it has
//! changes not yet written.
//!
//! Concurrency model: the draft file is shared by every session on the store. A unit of work
//! (one REPL command, or a whole batch script) starts with [`Workspace::checkpoint`], which
//! takes the store lock and re-reads the draft if another session changed it, and ends with
//! [`Workspace::persist`] (write and release) or [`Workspace::rollback`] (forget and release).
//! Holding the lock for the unit is what makes two sessions' updates serialise instead of
//! overwriting each other. Writing outside a unit still checks that nobody else wrote the
//! draft since this session read it.

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::diff::{self, Diff};
use super::index::DocIndex;
use super::model::{Document, Header};
use super::rendered::Rendered;
use super::store::{current_author, Store, StoreError, StoreLock};
use super::validate::{self, Context, Finding};

/// A version a command names: `-Version 3`, `Enabled`, `Latest`, `Draft`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VersionRef {
    Number(u64),
    Enabled,
    Latest,
    Draft,
}

impl VersionRef {
    /// `3`, `v3`, `Enabled`, `Latest`, `Draft` (case-insensitive).
    pub fn parse(text: &str) -> Option<VersionRef> {
        let t = text.trim();
        match t.to_ascii_lowercase().as_str() {
            "enabled" => Some(VersionRef::Enabled),
            "latest" => Some(VersionRef::Latest),
            "draft" => Some(VersionRef::Draft),
            lower => lower
                .strip_prefix('v')
                .unwrap_or(lower)
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .map(VersionRef::Number),
        }
    }
}

/// A compared document's content YAML, or which version's file to read it from (with the
/// checksum it must hash to).
enum Text {
    Ready(String),
    Version(u64, String),
}

/// One row of Get-CsTopologyVersion.
#[derive(Clone, Debug, PartialEq)]
pub struct VersionInfo {
    pub header: Header,
    pub enabled: bool,
}

/// What Enable-CsTopology did, for its VERBOSE lines.
#[derive(Clone, Debug, PartialEq)]
pub struct EnableReport {
    /// The version the pending draft changes were published as, if there were any.
    pub published: Option<Header>,
    pub enabled: u64,
    pub previously_enabled: Option<u64>,
}

/// What [`Workspace::rollback`] goes back to. The draft is copied only when the unit first
/// changes it, so a unit that only reads (Get-…, Compare-CsTopology) never copies it: at
/// 10,000 servers a copy is 35 MB and 30 ms.
#[derive(Clone, Debug)]
struct Saved {
    /// `None` while the draft in memory is still the one of the checkpoint.
    draft: Option<Document>,
    base: u64,
    dirty: bool,
}

#[derive(Debug)]
pub struct Workspace {
    store: Store,
    created: bool,
    draft: Document,
    base: u64,
    /// Fingerprint of draft.yaml as this session last read or wrote it.
    fingerprint: String,
    dirty: bool,
    lock: Option<StoreLock>,
    unit: Option<Saved>,
    base_cache: RefCell<Option<(u64, Rc<Document>)>>,
    /// Bumped whenever the draft may have changed, so the change count (asked for at every
    /// REPL prompt) is recomputed only when needed.
    generation: u64,
    count_cache: RefCell<Option<(u64, u64, usize)>>,
    /// Lookups into the draft of `generation`.
    index: DocIndex,
}

impl Workspace {
    /// Opens (creating from the embedded default if needed) the store in `dir` and reads the
    /// draft. Published versions are not read until a command needs them.
    pub fn open(dir: &Path) -> Result<Workspace, StoreError> {
        let (store, created) = Store::open_or_create_with(dir, super::default_document)?;
        let draft = store.load_draft()?;
        let mut ws = Workspace {
            store,
            created,
            draft: draft.doc,
            base: draft.base,
            fingerprint: draft.fingerprint,
            dirty: false,
            lock: None,
            unit: None,
            base_cache: RefCell::new(None),
            generation: 0,
            count_cache: RefCell::new(None),
            index: DocIndex::default(),
        };
        ws.adopt_published_draft()?;
        Ok(ws)
    }

    /// Whether [`Workspace::open`] created the store (the CLI says so in one line).
    pub fn created(&self) -> bool {
        self.created
    }

    /// The one line the shell prints when [`Workspace::open`] created the store.
    pub fn creation_notice(&self) -> Option<String> {
        self.created.then(|| {
            format!(
                "Created the topology store '{}' from the default topology (the seed's lab) as version 1.",
                self.dir().display()
            )
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn dir(&self) -> &Path {
        self.store.dir()
    }

    pub fn doc(&self) -> &Document {
        &self.draft
    }

    /// The draft for editing; marks it as changed.
    pub fn doc_mut(&mut self) -> &mut Document {
        self.keep_for_rollback();
        self.dirty = true;
        self.generation += 1;
        &mut self.draft
    }

    /// The draft's lookup index, as of now.
    pub fn index(&self) -> &DocIndex {
        self.index.at(self.generation)
    }

    /// The draft for an edit that keeps the index right itself, through [`DocIndex`]'s update
    /// methods; marks the draft as changed.
    pub fn edit(&mut self) -> (&mut Document, &mut DocIndex) {
        self.keep_for_rollback();
        self.dirty = true;
        let from = self.generation;
        self.generation += 1;
        (&mut self.draft, self.index.follow(from, self.generation))
    }

    /// Puts back a draft taken with [`Workspace::doc`] together with the [`Workspace::is_dirty`]
    /// of that moment, so a `-WhatIf` preview that edited the draft leaves nothing to write.
    pub fn restore_draft(&mut self, draft: Document, dirty: bool) {
        self.replace_draft(draft);
        self.dirty = dirty;
    }

    /// A number that changes whenever the draft may have changed (equal numbers: the same
    /// draft), for callers that keep something derived from it.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether the draft in memory has changes not yet written to draft.yaml.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// The published version the draft is based on.
    pub fn base_version(&self) -> u64 {
        self.base
    }

    /// Starts a unit of work: takes the store lock (waiting for other sessions), re-reads the
    /// draft if another session changed it, and remembers it for [`Workspace::rollback`].
    pub fn checkpoint(&mut self) -> Result<(), StoreError> {
        if self.lock.is_none() {
            self.lock = Some(self.store.lock()?);
        }
        if let Err(e) = self.refresh() {
            self.lock = None;
            return Err(e);
        }
        self.unit = Some(self.saved());
        Ok(())
    }

    /// Writes the draft if it changed, then ends the unit of work and releases the lock.
    pub fn persist(&mut self) -> Result<(), StoreError> {
        // Nothing rolls back once the unit is written: its copy of the draft goes first, so
        // it is not held while the draft is serialised.
        self.unit = None;
        let result = self.write_if_dirty();
        self.lock = None;
        result
    }

    /// Forgets changes since [`Workspace::checkpoint`] and releases the lock.
    pub fn rollback(&mut self) {
        if let Some(saved) = self.unit.take() {
            if let Some(draft) = saved.draft {
                self.draft = draft;
                self.generation += 1;
            }
            self.base = saved.base;
            self.dirty = saved.dirty;
        }
        self.lock = None;
    }

    /// Re-reads the draft if another session wrote it. Unsaved changes of this session and a
    /// changed draft on disk cannot both be kept: the other session's draft wins, this one's
    /// changes are dropped and [`StoreError::DraftChanged`] says so, so the session carries on
    /// from the current draft instead of failing on every later command.
    pub fn refresh(&mut self) -> Result<(), StoreError> {
        if self.store.draft_fingerprint()? == self.fingerprint {
            return Ok(());
        }
        let lost_changes = self.dirty;
        self.reload()?;
        if lost_changes {
            return Err(StoreError::DraftChanged);
        }
        Ok(())
    }

    fn reload(&mut self) -> Result<(), StoreError> {
        let draft = self.store.load_draft()?;
        self.replace_draft(draft.doc);
        self.base = draft.base;
        self.fingerprint = draft.fingerprint;
        self.dirty = false;
        self.adopt_published_draft()
    }

    /// Every finding of every rule on the draft.
    pub fn validate(&self) -> Vec<Finding> {
        validate::validate(&self.draft, &Context::now())
    }

    /// Validates the draft and, without errors, publishes it as the next version.
    pub fn publish(&mut self, comment: &str, author: &str) -> Result<Header, StoreError> {
        let author = author_or_default(author);
        self.with_lock(|ws, lock| ws.publish_locked(lock, comment, &author))
    }

    /// Publishes under the lock, after any refresh, so what is validated is what is written.
    fn publish_locked(
        &mut self,
        lock: &StoreLock,
        comment: &str,
        author: &str,
    ) -> Result<Header, StoreError> {
        self.check_not_overwritten()?;
        let findings = self.validate();
        if validate::has_errors(&findings) {
            return Err(StoreError::ValidationFailed(findings));
        }
        let changes = self.draft_changes_count()? as u64;
        let content = self.render(&self.draft)?;
        let header = self
            .store
            .publish_rendered(lock, &content, self.base, comment, author, changes)?;
        let draft_header = Header::draft(header.version);
        let fingerprint = self
            .store
            .write_draft_rendered(lock, &draft_header, &content)?;
        drop(content);
        self.draft.header = draft_header;
        self.adopted(header.version, fingerprint);
        Ok(header)
    }

    /// Publish-CsTopology -FileName: validates and publishes a document edited outside the
    /// shell. A file exported from an older version than the latest is refused. The draft
    /// follows the new version when it had no changes of its own.
    pub fn publish_file(
        &mut self,
        path: &Path,
        comment: &str,
        author: &str,
    ) -> Result<Header, StoreError> {
        let doc = self.store.load_file(path)?;
        let findings = validate::validate(&doc, &Context::now());
        if validate::has_errors(&findings) {
            return Err(StoreError::ValidationFailed(findings));
        }
        let author = author_or_default(author);
        self.with_lock(|ws, lock| {
            let latest = ws.store.latest_version()?;
            let file_base = match doc.header.version {
                0 => doc.header.parent,
                n => Some(n),
            };
            if let Some(base) = file_base.filter(|b| *b != latest) {
                return Err(StoreError::StaleFile {
                    path: path.to_path_buf(),
                    base,
                    latest,
                });
            }
            let latest_doc = ws.store.load_version(latest)?;
            let changes = diff::count_changes(&latest_doc, &doc) as u64;
            let draft_clean = !ws.dirty && ws.base == latest && latest_doc.same_content(&ws.draft);
            let content = ws.render(&doc)?;
            let header = ws
                .store
                .publish_rendered(lock, &content, latest, comment, &author, changes)?;
            if draft_clean {
                let draft_header = Header::draft(header.version);
                let fingerprint = ws
                    .store
                    .write_draft_rendered(lock, &draft_header, &content)?;
                drop(content);
                ws.draft = Document {
                    header: draft_header,
                    ..doc
                };
                ws.adopted(header.version, fingerprint);
            }
            Ok(header)
        })
    }

    /// Enable-CsTopology: publishes pending draft changes (validated as by publish), then
    /// marks the latest version enabled.
    pub fn enable(&mut self, author: &str) -> Result<EnableReport, StoreError> {
        let author = author_or_default(author);
        self.with_lock(|ws, lock| {
            let published = if ws.draft_changes_count()? > 0 {
                Some(ws.publish_locked(lock, "Published by Enable-CsTopology", &author)?)
            } else {
                None
            };
            let latest = ws.store.latest_version()?;
            let previously_enabled = ws.store.enabled()?;
            if previously_enabled != Some(latest) {
                ws.store.set_enabled(lock, latest)?;
            }
            Ok(EnableReport {
                published,
                enabled: latest,
                previously_enabled,
            })
        })
    }

    /// Every published version's header, oldest first, with which one is enabled.
    pub fn versions(&self) -> Result<Vec<VersionInfo>, StoreError> {
        let enabled = self.store.enabled()?;
        self.store
            .version_numbers()?
            .into_iter()
            .map(|n| {
                Ok(VersionInfo {
                    header: self.store.read_header(n)?,
                    enabled: enabled == Some(n),
                })
            })
            .collect()
    }

    /// A published version, verified against its checksum.
    pub fn load_version(&self, n: u64) -> Result<Document, StoreError> {
        self.store.load_version(n)
    }

    /// The document a [`VersionRef`] names (the draft is returned as it is in memory).
    pub fn resolve(&self, which: VersionRef) -> Result<Document, StoreError> {
        self.resolve_ref(which).map(Cow::into_owned)
    }

    /// [`Workspace::resolve`] without copying the draft.
    fn resolve_ref(&self, which: VersionRef) -> Result<Cow<'_, Document>, StoreError> {
        match self.version_number(which)? {
            None => Ok(Cow::Borrowed(&self.draft)),
            Some(n) => self.store.load_version(n).map(Cow::Owned),
        }
    }

    /// The published version a [`VersionRef`] names; `None` for the draft.
    pub fn version_number(&self, which: VersionRef) -> Result<Option<u64>, StoreError> {
        Ok(Some(match which {
            VersionRef::Draft => return Ok(None),
            VersionRef::Number(n) => n,
            VersionRef::Latest => self.store.latest_version()?,
            VersionRef::Enabled => match self.store.enabled()? {
                Some(n) => n,
                None => self.store.latest_version()?,
            },
        }))
    }

    /// Compare-CsTopology: the change list and unified diff from `reference` to `difference`.
    pub fn compare(
        &self,
        reference: VersionRef,
        difference: VersionRef,
    ) -> Result<Diff, StoreError> {
        let names = (self.label(reference)?, self.label(difference)?);
        Ok(self.compare_with(reference, difference, names, |_| ())?.0)
    }

    /// [`Workspace::compare`] with the unified diff headed by `names`, and `inspect` run on
    /// the `difference` document while it is loaded (`lyncsh diff` validates it).
    pub fn compare_with<T>(
        &self,
        reference: VersionRef,
        difference: VersionRef,
        (old_name, new_name): (String, String),
        inspect: impl FnOnce(&Document) -> T,
    ) -> Result<(Diff, T), StoreError> {
        let old = self.resolve_ref(reference)?;
        let new = self.resolve_ref(difference)?;
        let changes = diff::object_changes(&old, &new);
        let inspected = inspect(&new);
        // The unified diff needs only the text, and at 10,000 servers a document takes
        // three times its YAML's size in memory: both go before any text is read.
        let old_text = self.text_of(reference, old)?;
        let new_text = self.text_of(difference, new)?;
        let (old_yaml, new_yaml) = (self.yaml_of(old_text)?, self.yaml_of(new_text)?);
        let diff = Diff {
            unified: super::unified::unified(&old_yaml, &new_yaml, &old_name, &new_name),
            old_name,
            new_name,
            changes,
        };
        Ok((diff, inspected))
    }

    /// What gives a compared document's content YAML: the draft is serialised (it stays in
    /// memory anyway), a version is read back from its file.
    fn text_of(&self, which: VersionRef, doc: Cow<'_, Document>) -> Result<Text, StoreError> {
        match self.version_number(which)? {
            Some(n) => Ok(Text::Version(n, doc.header.checksum.clone())),
            None => self.serialise(&doc).map(Text::Ready),
        }
    }

    fn yaml_of(&self, text: Text) -> Result<String, StoreError> {
        match text {
            Text::Ready(yaml) => Ok(yaml),
            Text::Version(n, checksum) => match self.store.version_content_yaml(n, &checksum)? {
                Some(yaml) => Ok(yaml),
                None => self.serialise(&self.store.load_version(n)?),
            },
        }
    }

    fn serialise(&self, doc: &Document) -> Result<String, StoreError> {
        doc.content_yaml().map_err(|e| StoreError::Invalid {
            path: self.dir().to_path_buf(),
            message: e.to_string(),
        })
    }

    /// How a compared version is named: `v3`, or `draft (based on v2)`.
    pub fn label(&self, which: VersionRef) -> Result<String, StoreError> {
        Ok(match self.version_number(which)? {
            Some(n) => format!("v{n}"),
            None => format!("draft (based on v{})", self.base),
        })
    }

    /// Restore-CsTopologyVersion: copies version `n` into the draft. The draft stays based on
    /// the latest version, so publishing it makes a new version; history is never rewritten.
    pub fn restore(&mut self, n: u64) -> Result<(), StoreError> {
        let doc = self.store.load_version(n)?;
        let latest = self.store.latest_version()?;
        self.replace_draft(doc.with_base(latest));
        self.base = latest;
        self.dirty = true;
        Ok(())
    }

    /// Undo-CsTopologyDraft: the draft becomes the latest published version again.
    pub fn undo_draft(&mut self) -> Result<(), StoreError> {
        let latest = self.store.latest_version()?;
        let doc = self.store.load_version(latest)?;
        self.replace_draft(doc.with_base(latest));
        self.base = latest;
        self.dirty = true;
        Ok(())
    }

    /// How many objects the draft changes against its base (the prompt's `draft +3`).
    pub fn draft_changes_count(&self) -> Result<usize, StoreError> {
        if let Some((generation, base, count)) = *self.count_cache.borrow() {
            if generation == self.generation && base == self.base {
                return Ok(count);
            }
        }
        let base = self.base_document()?;
        let count = diff::count_changes(&base, &self.draft);
        *self.count_cache.borrow_mut() = Some((self.generation, self.base, count));
        Ok(count)
    }

    /// The published version the draft is based on (read once, then cached).
    pub fn base_document(&self) -> Result<Rc<Document>, StoreError> {
        if let Some((n, doc)) = &*self.base_cache.borrow() {
            if *n == self.base {
                return Ok(Rc::clone(doc));
            }
        }
        let doc = Rc::new(self.store.load_version(self.base)?);
        *self.base_cache.borrow_mut() = Some((self.base, Rc::clone(&doc)));
        Ok(doc)
    }

    pub fn draft_path(&self) -> PathBuf {
        self.store.draft_path()
    }

    fn saved(&self) -> Saved {
        Saved {
            draft: None,
            base: self.base,
            dirty: self.dirty,
        }
    }

    /// Before the draft changes in place: the unit's copy of it, if it has none yet.
    fn keep_for_rollback(&mut self) {
        if let Some(unit) = &mut self.unit {
            if unit.draft.is_none() {
                unit.draft = Some(self.draft.clone());
            }
        }
    }

    /// Replaces the whole draft; the old one is the unit's copy if it has none yet.
    fn replace_draft(&mut self, draft: Document) {
        let old = std::mem::replace(&mut self.draft, draft);
        if let Some(unit) = &mut self.unit {
            unit.draft.get_or_insert(old);
        }
        self.generation += 1;
    }

    /// Runs `f` under the store lock: the unit's lock if one is held, else a lock taken for
    /// the call, after re-reading the draft if another session wrote it meanwhile.
    fn with_lock<T>(
        &mut self,
        f: impl FnOnce(&mut Self, &StoreLock) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        match self.lock.take() {
            Some(lock) => {
                let result = f(self, &lock);
                self.lock = Some(lock);
                result
            }
            None => {
                let lock = self.store.lock()?;
                self.refresh().and_then(|()| f(self, &lock))
            }
        }
    }

    fn write_if_dirty(&mut self) -> Result<(), StoreError> {
        if !self.dirty {
            return Ok(());
        }
        self.with_lock(|ws, lock| {
            ws.check_not_overwritten()?;
            let header = Header::draft(ws.base);
            let content = ws.render(&ws.draft)?;
            ws.fingerprint = ws.store.write_draft_rendered(lock, &header, &content)?;
            drop(content);
            ws.draft.header = header;
            ws.dirty = false;
            Ok(())
        })
    }

    /// Refuses to write over a draft another session wrote after this one read it.
    fn check_not_overwritten(&self) -> Result<(), StoreError> {
        if self.store.draft_fingerprint()? != self.fingerprint {
            return Err(StoreError::DraftChanged);
        }
        Ok(())
    }

    /// The content of `doc` serialised once for the version file, the draft and the cache.
    fn render<'a>(&self, doc: &'a Document) -> Result<Rendered<'a>, StoreError> {
        Rendered::of(doc).map_err(|e| StoreError::Write {
            path: self.dir().to_path_buf(),
            message: e.to_string(),
        })
    }

    /// After publishing version `n` and writing the draft (now that version, with
    /// `fingerprint`) from it.
    fn adopted(&mut self, n: u64, fingerprint: String) {
        self.fingerprint = fingerprint;
        self.generation += 1;
        self.base = n;
        self.dirty = false;
        if self.unit.is_some() {
            self.unit = Some(self.saved());
        }
    }

    /// A crash between writing a version and rewriting the draft leaves the draft based on
    /// the previous version, holding either the new version's content (the edits were
    /// persisted before publishing) or the previous one's (they were not). Neither has changes
    /// of its own, so the draft moves to the latest version; only a draft with changes of its
    /// own stays behind, to be refused as stale when published.
    fn adopt_published_draft(&mut self) -> Result<(), StoreError> {
        let latest = self.store.latest_version()?;
        if self.base >= latest {
            return Ok(());
        }
        let newest = self.store.load_version(latest)?;
        let unchanged = newest.same_content(&self.draft)
            || (self.base > 0
                && self
                    .store
                    .load_version(self.base)?
                    .same_content(&self.draft));
        // Not marked dirty: nothing of the user's is unsaved, and the file on disk is
        // equivalent; it is rewritten with the next change.
        if unchanged {
            self.replace_draft(newest.with_base(latest));
            self.base = latest;
        }
        Ok(())
    }
}

fn author_or_default(author: &str) -> String {
    if author.trim().is_empty() {
        current_author()
    } else {
        author.to_string()
    }
}
