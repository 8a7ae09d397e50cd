//! New-CsWebLink: an in-memory web link for Set-CsAutodiscoverConfiguration -WebLinks.

use crate::catalog::Catalog;
use crate::engine::command::{BoundParameters, Cmdlet, CommandContext};
use crate::engine::error::ErrorRecord;
use crate::engine::value::{PsObject, Value};

pub struct NewWebLink;

impl Cmdlet for NewWebLink {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        _input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        let def = Catalog::embedded()
            .object("CsWebLink")
            .expect("the catalog defines CsWebLink");
        let mut link = PsObject::new(def.type_name.clone());
        for p in &def.properties {
            link.properties
                .insert(p.name.clone(), params.string(&p.name).into());
        }
        cx.write_output(link.into_value());
        Ok(())
    }
}
