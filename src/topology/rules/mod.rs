//! Validation rules beyond Topology Builder's structural checks, registered with the engine in
//! [`super::validate`] by the cmdlets that own them.

pub mod lync;
