//! The cmdlet catalog: signatures, help and examples from `cmdlets/*.yaml`, compiled into the
//! binary. It drives binding, Get-Help, Get-Command and Tab completion.

pub mod schema;
