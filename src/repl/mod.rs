//! The interactive shell (reedline): prompt, colouring, completion, history.

pub mod candidates;
pub mod history;
pub mod identities;
pub mod interrupt;
pub mod pager;
pub mod prompt;
