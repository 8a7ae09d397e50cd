//! The interactive shell (reedline): prompt, colouring, completion, history.
