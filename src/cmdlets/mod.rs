//! Behaviour behind the catalog: built-in PowerShell cmdlets and the Lync nouns.

pub mod builtin;
pub mod lync;
