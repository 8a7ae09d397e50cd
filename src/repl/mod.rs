//! The interactive shell (reedline): prompt, colouring, completion, history.

pub mod history;
pub mod interrupt;
pub mod pager;
pub mod prompt;
