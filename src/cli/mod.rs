//! The command line: PowerShell-style argv, batch modes, exit codes, plans.
