//! The engine: values, binding, evaluation, pipelines, error records and output formatting.

pub mod binder;
pub mod command;
pub mod convert;
pub mod error;
mod eval;
pub mod format;
pub mod ops;
pub mod registry;
pub mod scope;
pub mod session;
pub mod strformat;
pub mod value;
pub mod wildcard;

pub use session::{Host, RunResult, RunStatus, Session, SessionOptions};
