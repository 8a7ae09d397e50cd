//! lyncsh: the Lync Server 2010 Management Shell, offline, over a versioned YAML document.
//!
//! Layers, each knowing only those below it:
//! - [`lang`]: lexer, parser and syntax tree of the PowerShell subset (knows nothing of Lync);
//! - [`catalog`]: cmdlet signatures, help and examples loaded from `cmdlets/*.yaml`;
//! - [`engine`]: values, binder, evaluator, pipelines, error records and formatting;
//! - [`topology`]: the document model, its store, validation and diffs (knows no language);
//! - [`cmdlets`]: the behaviour behind each catalog noun, built-ins apart from Lync ones;
//! - [`repl`] and [`cli`]: the interactive shell and the command line.

pub mod catalog;
pub mod cli;
pub mod cmdlets;
pub mod engine;
pub mod lang;
pub mod repl;
pub mod topology;
