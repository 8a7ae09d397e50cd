//! The versioned store: a folder of immutable published versions, one draft and a pointer to
//! the enabled version.
//!
//! ```text
//! <store>/lock                 exclusive advisory lock held by every writer
//! <store>/versions/v000001.yaml published versions, never rewritten
//! <store>/draft.yaml           the draft; header.parent = the version it is based on
//! <store>/enabled              the enabled version number
//! <store>/cache/               parsed copies of recent files (see [`super::cache`])
//! ```
//!
//! Every write is atomic (temporary file in the same folder, fsync, rename, fsync of the
//! folder) and happens while the caller holds a [`StoreLock`], which the write functions take
//! as a witness. Nothing is parsed until a command needs it: listing versions reads only the
//! headers, and only a loaded version is checked against its checksum.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::cache::ParseCache;
use super::model::{Document, Header, SCHEMA_VERSION};
use super::rendered::{header_yaml, sha256_hex, Rendered};
use super::validate::Finding;
use super::yaml::{self, Limits, YamlError};

/// Environment variable naming the store folder when `--store` is not given.
pub const STORE_ENV: &str = "LYNCSH_STORE";
/// The folder used when neither `--store` nor `LYNCSH_STORE` is given.
pub const DEFAULT_DIR: &str = ".lyncsh";
/// Makes the process abort at a named step, for crash tests. In the order a publish and
/// enable goes through them: `publish:before-version-write`, `version:before-rename`,
/// `publish:after-version-write`, `draft:before-write`, `draft.yaml:before-rename`,
/// `draft:after-write`, `enable:before-pointer-write`, `enabled:before-rename`,
/// `enable:after-pointer-write`.
pub const CRASH_ENV: &str = "LYNCSH_CRASH_AT";

const VERSIONS_DIR: &str = "versions";
const DRAFT_FILE: &str = "draft.yaml";
const ENABLED_FILE: &str = "enabled";
const LOCK_FILE: &str = "lock";
/// Temporary files of atomic writes; any found under the lock are a crashed writer's.
pub(crate) const TEMP_PREFIX: &str = ".tmp-";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Cannot read '{path}': {message}.")]
    Read { path: PathBuf, message: String },
    #[error("Cannot write '{path}': {message}.")]
    Write { path: PathBuf, message: String },
    #[error("'{path}' is not valid UTF-8 (first invalid byte at offset {offset}). Topology documents must be saved as UTF-8.")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error(
        "'{path}' is {size} bytes, larger than the limit of {limit} bytes for a topology document."
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: usize,
    },
    #[error("'{path}' is not a valid topology document: line {line}, column {column}: {message}")]
    Malformed {
        path: PathBuf,
        line: u64,
        column: u64,
        message: String,
    },
    #[error("'{path}' is not a valid topology document: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("'{path}' was refused at line {line}, column {column}: it uses {exceeded}, far more than a topology document needs (a YAML alias bomb?).")]
    AliasBomb {
        path: PathBuf,
        line: u64,
        column: u64,
        exceeded: String,
    },
    #[error("'{path}' has document schema version {found}, but this lyncsh reads schema version {supported} only. Use the lyncsh release that wrote the store.")]
    UnknownSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("Version {version} ('{path}') was changed after it was published: its content checksum is {actual}, but its header records {expected}. Published versions are immutable; restore the original file from a backup instead of editing it.")]
    ChecksumMismatch {
        path: PathBuf,
        version: u64,
        expected: String,
        actual: String,
    },
    #[error(
        "'{path}' says it is version {found}, but its file name is that of version {expected}."
    )]
    WrongVersion {
        path: PathBuf,
        expected: u64,
        found: u64,
    },
    #[error("Version {version} does not exist; the store has versions 1 to {latest}.")]
    NoSuchVersion { version: u64, latest: u64 },
    #[error("The draft is based on version {base}, but version {latest} has been published since. Publishing it would undo the changes made in the newer versions. Run Restore-CsTopologyVersion -Version {latest} or Undo-CsTopologyDraft to start the draft again from version {latest}, then reapply your changes.")]
    StaleDraft { base: u64, latest: u64 },
    #[error("'{path}' is version {base} of a topology, but version {latest} is the latest published version. Publishing it would undo the changes made in the newer versions; export version {latest} with Get-CsTopology -AsYaml and edit that instead.")]
    StaleFile {
        path: PathBuf,
        base: u64,
        latest: u64,
    },
    #[error("The draft was changed by another lyncsh session after this one read it; this session's unsaved changes were not written and it now holds the current draft. Run the commands again so that they apply to it.")]
    DraftChanged,
    #[error("'{path}' is not a lyncsh store: the folder is not empty and has no '{VERSIONS_DIR}' folder.")]
    NotAStore { path: PathBuf },
    #[error("'{path}' has no published versions. Remove the folder to have lyncsh create a new store from the default topology.")]
    NoVersions { path: PathBuf },
    #[error("'{path}' does not hold a version number: '{text}'.")]
    BadPointer { path: PathBuf, text: String },
    #[error("{}", validation_message(.0))]
    ValidationFailed(Vec<Finding>),
}

fn validation_message(findings: &[Finding]) -> String {
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.is_error()).collect();
    let mut text = format!(
        "Publishing was refused: the topology has {} validation error(s); the store was not changed.",
        errors.len()
    );
    for f in errors {
        text.push_str(&format!("\n  {} {}: {}", f.rule_id, f.path, f.message));
    }
    text
}

/// Holds the store's exclusive lock until dropped.
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
}

/// The draft as read from disk.
#[derive(Clone, Debug)]
pub struct Draft {
    pub doc: Document,
    /// The published version the draft was started from.
    pub base: u64,
    /// SHA-256 of the draft file's bytes, to notice another session's write.
    pub fingerprint: String,
}

#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    limits: Limits,
    cache: ParseCache,
}

/// Only the header of a version file: enough to list versions without parsing topologies.
#[derive(Deserialize)]
struct HeaderOnly {
    header: Header,
}

impl Store {
    /// `--store DIR`, else `$LYNCSH_STORE`, else `./.lyncsh`.
    pub fn resolve_dir(cli_arg: Option<&Path>) -> PathBuf {
        if let Some(dir) = cli_arg {
            return dir.to_path_buf();
        }
        match std::env::var_os(STORE_ENV) {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => PathBuf::from(DEFAULT_DIR),
        }
    }

    /// Opens the store in `dir`, creating it from `initial` (published as version 1, enabled,
    /// and copied into the draft) when the folder is missing or empty. Returns whether it
    /// was created, so the caller can say so.
    pub fn open_or_create(dir: &Path, initial: &Document) -> Result<(Store, bool), StoreError> {
        Store::open_or_create_with(dir, || initial.clone())
    }

    /// [`Store::open_or_create`] with the initial document built only when the store is
    /// created: building the default one (a YAML parse) cost as much as opening the store.
    pub fn open_or_create_with(
        dir: &Path,
        initial: impl FnOnce() -> Document,
    ) -> Result<(Store, bool), StoreError> {
        let store = Store {
            dir: dir.to_path_buf(),
            limits: Limits::default(),
            cache: ParseCache::new(dir),
        };
        if store.versions_dir().is_dir() {
            return Ok((store, false));
        }
        let empty = match fs::read_dir(dir) {
            Ok(mut entries) => entries.next().is_none(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => return Err(read_error(dir, &e)),
        };
        if !empty && !dir.join(LOCK_FILE).exists() {
            return Err(StoreError::NotAStore {
                path: dir.to_path_buf(),
            });
        }
        fs::create_dir_all(dir).map_err(|e| write_error(dir, &e))?;
        let lock = store.lock()?;
        // Another process may have created it while we waited for the lock.
        if store.versions_dir().is_dir() {
            return Ok((store, false));
        }
        let tmp_versions = dir.join(format!("{TEMP_PREFIX}{VERSIONS_DIR}"));
        let _ = fs::remove_dir_all(&tmp_versions);
        fs::create_dir(&tmp_versions).map_err(|e| write_error(&tmp_versions, &e))?;
        let initial = initial();
        let content = Rendered::of(&initial).map_err(|e| serialise_error(dir, e))?;
        let header = Header {
            schema_version: SCHEMA_VERSION,
            version: 1,
            parent: None,
            author: "lyncsh".into(),
            time: super::time::now_rfc3339(),
            message: "Initial topology (the embedded default)".into(),
            changes: 0,
            checksum: content.checksum().to_string(),
        };
        let head = header_yaml(&header).map_err(|e| serialise_error(dir, e))?;
        write_atomic(
            &tmp_versions,
            &version_file_name(1),
            &[&head, content.content_yaml()],
            true,
        )?;
        // The versions folder appears complete or not at all.
        fs::rename(&tmp_versions, store.versions_dir())
            .map_err(|e| write_error(&store.versions_dir(), &e))?;
        sync_dir(dir)?;
        store.write_draft_rendered(&lock, &Header::draft(1), &content)?;
        store.set_enabled(&lock, 1)?;
        Ok((store, true))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Waits for, then holds, the store's exclusive lock.
    pub fn lock(&self) -> Result<StoreLock, StoreError> {
        let path = self.dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| write_error(&path, &e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                // Another session is in the middle of a command or script: say why we wait.
                eprintln!(
                    "lyncsh: waiting for another lyncsh session to finish with the store '{}'...",
                    self.dir.display()
                );
                file.lock().map_err(|e| write_error(&path, &e))?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(write_error(&path, &e)),
        }
        Ok(StoreLock { _file: file })
    }

    fn versions_dir(&self) -> PathBuf {
        self.dir.join(VERSIONS_DIR)
    }

    fn version_path(&self, n: u64) -> PathBuf {
        self.versions_dir().join(version_file_name(n))
    }

    /// Published version numbers, ascending (from file names; nothing is parsed).
    pub fn version_numbers(&self) -> Result<Vec<u64>, StoreError> {
        let dir = self.versions_dir();
        let entries = fs::read_dir(&dir).map_err(|e| read_error(&dir, &e))?;
        let mut numbers = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| read_error(&dir, &e))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if let Some(n) = name
                .strip_prefix('v')
                .and_then(|r| r.strip_suffix(".yaml"))
                .filter(|d| d.len() == 6 && d.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|d| d.parse::<u64>().ok())
            {
                numbers.push(n);
            }
        }
        numbers.sort_unstable();
        Ok(numbers)
    }

    pub fn latest_version(&self) -> Result<u64, StoreError> {
        self.version_numbers()?
            .last()
            .copied()
            .ok_or_else(|| StoreError::NoVersions {
                path: self.versions_dir(),
            })
    }

    fn check_exists(&self, n: u64) -> Result<PathBuf, StoreError> {
        let path = self.version_path(n);
        if n == 0 || !path.exists() {
            return Err(StoreError::NoSuchVersion {
                version: n,
                latest: self.latest_version()?,
            });
        }
        Ok(path)
    }

    /// A published version's header, parsing only the header part of the file.
    pub fn read_header(&self, n: u64) -> Result<Header, StoreError> {
        let path = self.check_exists(n)?;
        let header = match self.read_header_prefix(&path)? {
            Some(prefix) => {
                let only: HeaderOnly = self.parse(&path, &prefix)?;
                only.header
            }
            None => {
                let text = self.read_text(&path)?;
                self.parse::<Document>(&path, &text)?.header
            }
        };
        check_schema(&path, &header)?;
        check_number(&path, n, &header)?;
        Ok(header)
    }

    /// A published version, verified against its checksum. A version found in the parse
    /// cache is not verified again: its entry was made from these very bytes after they had
    /// been verified (or written by the store itself).
    pub fn load_version(&self, n: u64) -> Result<Document, StoreError> {
        let path = self.check_exists(n)?;
        let name = version_file_name(n);
        let sha = file_sha256(&path)?;
        if let Some(doc) = self.cached(&path, &name, &sha)? {
            check_number(&path, n, &doc.header)?;
            return Ok(doc);
        }
        let text = self.read_text(&path)?;
        let sha = sha256_hex([text.as_bytes()]);
        let doc: Document = self.parse(&path, &text)?;
        check_schema(&path, &doc.header)?;
        check_number(&path, n, &doc.header)?;
        if verified_content_start(&text, &doc.header.checksum).is_none() {
            // Not laid out as lyncsh writes it (edited, reformatted): the checksum covers
            // the content however it is written, so serialise it again to check.
            let actual = doc
                .content_checksum()
                .map_err(|e| serialise_error(&path, e))?;
            if actual != doc.header.checksum {
                return Err(StoreError::ChecksumMismatch {
                    path,
                    version: n,
                    expected: doc.header.checksum,
                    actual,
                });
            }
        }
        self.cache.put(&name, &sha, &[&to_json(&doc)]);
        Ok(doc)
    }

    /// The YAML of version `n`'s content as its file holds it, when that is what lyncsh wrote:
    /// the text from its `topology:` line on, hashing to `checksum` (the version's header
    /// checksum). `None` for a file laid out otherwise, whose content must be serialised again.
    pub fn version_content_yaml(
        &self,
        n: u64,
        checksum: &str,
    ) -> Result<Option<String>, StoreError> {
        let path = self.check_exists(n)?;
        let mut text = self.read_text(&path)?;
        Ok(verified_content_start(&text, checksum).map(|start| {
            text.drain(..start);
            text
        }))
    }

    /// Reads and parses any topology document file (also `Publish-CsTopology -FileName`).
    pub fn load_file(&self, path: &Path) -> Result<Document, StoreError> {
        let text = self.read_text(path)?;
        let doc: Document = self.parse(path, &text)?;
        check_schema(path, &doc.header)?;
        Ok(doc)
    }

    /// The parse cache's document for `name` if it was made from a file hashing to `sha`.
    fn cached(&self, path: &Path, name: &str, sha: &str) -> Result<Option<Document>, StoreError> {
        match self.cache.get(name, sha) {
            Some(doc) => {
                check_schema(path, &doc.header)?;
                Ok(Some(doc))
            }
            None => Ok(None),
        }
    }

    pub fn draft_path(&self) -> PathBuf {
        self.dir.join(DRAFT_FILE)
    }

    /// The draft; a missing draft is started again from the latest version.
    pub fn load_draft(&self) -> Result<Draft, StoreError> {
        let path = self.draft_path();
        if !path.exists() {
            let latest = self.latest_version()?;
            let doc = self.load_version(latest)?.content().with_base(latest);
            return Ok(Draft {
                doc,
                base: latest,
                fingerprint: String::new(),
            });
        }
        let fingerprint = file_sha256(&path)?;
        let (doc, fingerprint) = match self.cached(&path, DRAFT_FILE, &fingerprint)? {
            Some(doc) => (doc, fingerprint),
            None => {
                // Hashed again from the text parsed, in case the file changed in between.
                let text = self.read_text(&path)?;
                let fingerprint = sha256_hex([text.as_bytes()]);
                let doc: Document = self.parse(&path, &text)?;
                check_schema(&path, &doc.header)?;
                self.cache.put(DRAFT_FILE, &fingerprint, &[&to_json(&doc)]);
                (doc, fingerprint)
            }
        };
        let base = doc.header.parent.unwrap_or(0);
        Ok(Draft {
            doc,
            base,
            fingerprint,
        })
    }

    /// The fingerprint of the draft file as it is now (empty when there is none).
    pub fn draft_fingerprint(&self) -> Result<String, StoreError> {
        let path = self.draft_path();
        match file_sha256(&path) {
            Err(StoreError::Read { .. }) if !path.exists() => Ok(String::new()),
            result => result,
        }
    }

    /// Writes the draft atomically; returns its new fingerprint.
    pub fn write_draft(&self, lock: &StoreLock, doc: &Document) -> Result<String, StoreError> {
        let content = Rendered::of(doc).map_err(|e| serialise_error(&self.dir, e))?;
        self.write_draft_rendered(lock, &doc.header, &content)
    }

    /// Writes the draft with `header` and already serialised content; returns its new
    /// fingerprint.
    pub fn write_draft_rendered(
        &self,
        _lock: &StoreLock,
        header: &Header,
        content: &Rendered,
    ) -> Result<String, StoreError> {
        let head = header_yaml(header).map_err(|e| serialise_error(&self.dir, e))?;
        let parts = [head.as_str(), content.content_yaml()];
        crash_point("draft:before-write");
        write_atomic(&self.dir, DRAFT_FILE, &parts, false)?;
        crash_point("draft:after-write");
        let fingerprint = sha256_hex(parts.map(str::as_bytes));
        let (head, rest) = content.file_json(header);
        self.cache.put(DRAFT_FILE, &fingerprint, &[&head, rest]);
        Ok(fingerprint)
    }

    /// Writes `doc`'s content as the next version. `base` is the version the content was
    /// made from; anything but the latest is refused. Returns the new version's header.
    pub fn publish(
        &self,
        lock: &StoreLock,
        doc: &Document,
        base: u64,
        message: &str,
        author: &str,
        changes: u64,
    ) -> Result<Header, StoreError> {
        let content = Rendered::of(doc).map_err(|e| serialise_error(&self.dir, e))?;
        self.publish_rendered(lock, &content, base, message, author, changes)
    }

    /// [`Store::publish`] with the content already serialised, so the caller can write the
    /// draft from the same serialisation.
    pub fn publish_rendered(
        &self,
        _lock: &StoreLock,
        content: &Rendered,
        base: u64,
        message: &str,
        author: &str,
        changes: u64,
    ) -> Result<Header, StoreError> {
        let latest = self.latest_version()?;
        if base != latest {
            return Err(StoreError::StaleDraft { base, latest });
        }
        self.remove_stale_temporaries();
        let n = latest + 1;
        let header = Header {
            schema_version: SCHEMA_VERSION,
            version: n,
            parent: Some(latest),
            author: author.to_string(),
            time: super::time::now_rfc3339(),
            message: message.to_string(),
            changes,
            checksum: content.checksum().to_string(),
        };
        let head = header_yaml(&header).map_err(|e| serialise_error(&self.dir, e))?;
        let parts = [head.as_str(), content.content_yaml()];
        let name = version_file_name(n);
        crash_point("publish:before-version-write");
        write_atomic(&self.versions_dir(), &name, &parts, true)?;
        crash_point("publish:after-version-write");
        let sha = sha256_hex(parts.map(str::as_bytes));
        let (head, rest) = content.file_json(&header);
        self.cache.put(&name, &sha, &[&head, rest]);
        Ok(header)
    }

    /// The enabled version, if any version was ever enabled.
    pub fn enabled(&self) -> Result<Option<u64>, StoreError> {
        let path = self.dir.join(ENABLED_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(read_error(&path, &e)),
        };
        match text.trim().parse::<u64>() {
            Ok(n) if n > 0 => Ok(Some(n)),
            _ => Err(StoreError::BadPointer {
                path,
                text: text.trim().chars().take(40).collect(),
            }),
        }
    }

    pub fn set_enabled(&self, _lock: &StoreLock, n: u64) -> Result<(), StoreError> {
        crash_point("enable:before-pointer-write");
        write_atomic(&self.dir, ENABLED_FILE, &[&format!("{n}\n")], false)?;
        crash_point("enable:after-pointer-write");
        Ok(())
    }

    /// The text before the `topology:` line, read from the start of the file only: in files
    /// lyncsh wrote it holds just the header. `None` when the file is laid out otherwise.
    fn read_header_prefix(&self, path: &Path) -> Result<Option<String>, StoreError> {
        use std::io::Read;
        let mut head = Vec::new();
        File::open(path)
            .and_then(|f| f.take(HEADER_WINDOW).read_to_end(&mut head))
            .map_err(|e| read_error(path, &e))?;
        if !head.starts_with(b"header:") {
            return Ok(None);
        }
        let Some(end) = head.windows(10).position(|w| w == b"\ntopology:") else {
            return Ok(None);
        };
        head.truncate(end + 1);
        String::from_utf8(head)
            .map(Some)
            .map_err(|e| StoreError::NotUtf8 {
                path: path.to_path_buf(),
                offset: e.utf8_error().valid_up_to(),
            })
    }

    /// Deletes temporary files a crashed writer left behind. Only lock holders write
    /// temporaries, so under the lock every one found is stale. Failing to delete one is
    /// harmless: they are never read.
    fn remove_stale_temporaries(&self) {
        for dir in [
            self.dir.clone(),
            self.versions_dir(),
            self.dir.join("cache"),
        ] {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let stale = entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX);
                if stale && entry.path().is_file() {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
    }

    fn read_text(&self, path: &Path) -> Result<String, StoreError> {
        let size = fs::metadata(path).map_err(|e| read_error(path, &e))?.len();
        if size > self.limits.max_bytes as u64 {
            return Err(StoreError::TooLarge {
                path: path.to_path_buf(),
                size,
                limit: self.limits.max_bytes,
            });
        }
        let bytes = fs::read(path).map_err(|e| read_error(path, &e))?;
        String::from_utf8(bytes).map_err(|e| StoreError::NotUtf8 {
            path: path.to_path_buf(),
            offset: e.utf8_error().valid_up_to(),
        })
    }

    fn parse<T: serde::de::DeserializeOwned>(
        &self,
        path: &Path,
        text: &str,
    ) -> Result<T, StoreError> {
        yaml::from_str(text, &self.limits).map_err(|e| yaml_error(path, e))
    }
}

impl Document {
    /// The same deployment with an empty header.
    pub fn content(&self) -> Document {
        Document {
            header: Header {
                schema_version: SCHEMA_VERSION,
                ..Header::default()
            },
            topology: self.topology.clone(),
            configuration: self.configuration.clone(),
        }
    }

    /// The same deployment with a draft header based on `base`.
    pub fn with_base(mut self, base: u64) -> Document {
        self.header = Header::draft(base);
        self
    }
}

impl Header {
    /// A draft's header: unpublished, based on version `base`.
    pub fn draft(base: u64) -> Header {
        Header {
            schema_version: SCHEMA_VERSION,
            parent: Some(base),
            ..Header::default()
        }
    }
}

/// The author recorded on published versions: `$USER`, else `$USERNAME`, else `unknown`.
pub fn current_author() -> String {
    ["USER", "USERNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

/// Aborts the process if `LYNCSH_CRASH_AT` names this step: a crash between two writes, for
/// the crash-safety tests.
pub fn crash_point(step: &str) {
    if std::env::var(CRASH_ENV).is_ok_and(|v| v == step) {
        std::process::abort();
    }
}

fn version_file_name(n: u64) -> String {
    format!("v{n:06}.yaml")
}

/// How far into a file the header is looked for; lyncsh's headers take a few hundred bytes.
const HEADER_WINDOW: u64 = 64 * 1024;

fn check_schema(path: &Path, header: &Header) -> Result<(), StoreError> {
    if header.schema_version != SCHEMA_VERSION {
        return Err(StoreError::UnknownSchema {
            path: path.to_path_buf(),
            found: header.schema_version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

fn check_number(path: &Path, n: u64, header: &Header) -> Result<(), StoreError> {
    if header.version != n {
        return Err(StoreError::WrongVersion {
            path: path.to_path_buf(),
            expected: n,
            found: header.version,
        });
    }
    Ok(())
}

/// SHA-256 of a file's bytes, read in pieces: a cache hit then never holds the text.
fn file_sha256(path: &Path) -> Result<String, StoreError> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut file = File::open(path).map_err(|e| read_error(path, &e))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 256 * 1024];
    loop {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(read_error(path, &e)),
        }
    }
    Ok(super::rendered::hex(&hasher.finalize()))
}

/// The whole document as JSON, for the parse cache (empty, i.e. not cached, if it fails).
fn to_json(doc: &Document) -> String {
    serde_json::to_string(doc).unwrap_or_default()
}

/// Where the file's content (its `topology:` line) starts, if the content from there on
/// hashes to `checksum`: so for every version file lyncsh wrote and nobody changed (see
/// [`super::rendered`]).
fn verified_content_start(text: &str, checksum: &str) -> Option<usize> {
    let start = text.find("\ntopology:")? + 1;
    (sha256_hex([&text.as_bytes()[start..]]) == checksum).then_some(start)
}

/// Writes `parts` one after the other to `dir/name` atomically: a temporary file in the same
/// folder, fsync, rename over (or, with `new_only`, next to nothing: an existing file is never
/// replaced), fsync of the folder. Crash step `<name>:before-rename` (`version:before-rename` for versions) stops the process
/// with the temporary file written but not yet renamed.
fn write_atomic(dir: &Path, name: &str, parts: &[&str], new_only: bool) -> Result<(), StoreError> {
    let target = dir.join(name);
    let what = if new_only { "version" } else { name };
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(|e| write_error(&target, &e))?;
    parts
        .iter()
        .try_for_each(|part| tmp.write_all(part.as_bytes()))
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| write_error(&target, &e))?;
    crash_point(&format!("{what}:before-rename"));
    if new_only {
        tmp.persist_noclobber(&target)
            .map_err(|e| write_error(&target, &e.error))?;
    } else {
        tmp.persist(&target)
            .map_err(|e| write_error(&target, &e.error))?;
    }
    sync_dir(dir)
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| write_error(dir, &e))
}

fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "the file does not exist".into(),
        PermissionDenied => "access is denied".into(),
        AlreadyExists => "the file already exists".into(),
        _ => e.to_string(),
    }
}

fn read_error(path: &Path, e: &std::io::Error) -> StoreError {
    StoreError::Read {
        path: path.to_path_buf(),
        message: io_message(e),
    }
}

fn write_error(path: &Path, e: &std::io::Error) -> StoreError {
    StoreError::Write {
        path: path.to_path_buf(),
        message: io_message(e),
    }
}

fn serialise_error(path: &Path, e: YamlError) -> StoreError {
    StoreError::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

fn yaml_error(path: &Path, e: YamlError) -> StoreError {
    let path = path.to_path_buf();
    match e {
        YamlError::TooLarge { size, limit } => StoreError::TooLarge {
            path,
            size: size as u64,
            limit,
        },
        YamlError::Budget {
            line,
            column,
            exceeded,
        } => StoreError::AliasBomb {
            path,
            line,
            column,
            exceeded,
        },
        YamlError::Invalid {
            line,
            column,
            message,
        } => StoreError::Malformed {
            path,
            line,
            column,
            message,
        },
        YamlError::Other(message) | YamlError::Serialize(message) => {
            StoreError::Invalid { path, message }
        }
    }
}
