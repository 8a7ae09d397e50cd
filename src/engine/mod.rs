//! The engine: values, binding, evaluation, pipelines, error records and output formatting.

pub mod binder;
pub mod command;
pub mod convert;
pub mod error;
pub mod format;
pub mod registry;
pub mod value;
