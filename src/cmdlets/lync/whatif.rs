//! `-WhatIf` change lists for every Lync cmdlet that edits the draft. Rather than each cmdlet
//! describing what it would do, [`WhatIfPreview`] lets the cmdlet really edit the draft while
//! its What-if lines are printed, lists what changed in the form `lyncsh plan` uses, and then
//! puts the draft back as it was, so the list is exactly what the cmdlet would do.

use std::rc::Rc;

use super::SharedDoc;
use crate::catalog::schema::CmdletDef;
use crate::engine::command::{BoundParameters, Cmdlet, CommandContext, FunctionSource};
use crate::engine::error::ErrorRecord;
use crate::engine::format::FormatOptions;
use crate::engine::value::Value;
use crate::topology::diff::object_changes;
use crate::topology::report::change_lines;

/// Wraps one Lync cmdlet; without `-WhatIf` it only passes the call on.
pub struct WhatIfPreview {
    pub inner: Rc<dyn Cmdlet>,
    pub doc: SharedDoc,
}

impl Cmdlet for WhatIfPreview {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        if !cx.what_if() {
            return self.inner.run(cx, params, input);
        }
        let snapshot = self.doc.borrow().snapshot();
        let result = {
            let mut preview = Preview {
                cx: &mut *cx,
                proceeding: false,
            };
            self.inner.run(&mut preview, params, input)
        };
        let changes = object_changes(&snapshot.doc, self.doc.borrow().doc());
        self.doc.borrow_mut().restore(snapshot);
        let color = cx.format_options().color;
        for change in &changes {
            cx.write_host(&change_lines(change, color, &|_| String::new()), false);
        }
        result
    }

    fn takes_whole_pipeline(&self) -> bool {
        self.inner.takes_whole_pipeline()
    }
}

/// The cmdlet's context under `-WhatIf`: the What-if line is printed as usual, but the
/// operation goes ahead on the draft. The objects, verbose messages and warnings the cmdlet
/// writes once it goes ahead report an operation that does not happen, so they are dropped,
/// as PowerShell shows nothing of a skipped operation; errors still show.
struct Preview<'a> {
    cx: &'a mut dyn CommandContext,
    proceeding: bool,
}

impl CommandContext for Preview<'_> {
    fn write_output(&mut self, value: Value) {
        if !self.proceeding {
            self.cx.write_output(value);
        }
    }
    fn write_verbose(&mut self, message: &str) {
        if !self.proceeding {
            self.cx.write_verbose(message);
        }
    }
    fn write_warning(&mut self, message: &str) {
        if !self.proceeding {
            self.cx.write_warning(message);
        }
    }
    fn write_error(&mut self, error: ErrorRecord) {
        self.cx.write_error(error);
    }
    fn write_host(&mut self, text: &str, newline: bool) {
        self.cx.write_host(text, newline);
    }
    fn should_process(&mut self, target: &str, action: &str) -> bool {
        // Prints the What-if line; under -WhatIf the real context always says no.
        self.cx.should_process(target, action);
        self.proceeding = true;
        true
    }
    fn what_if(&self) -> bool {
        self.cx.what_if()
    }
    fn invoke_block(
        &mut self,
        block: &Value,
        dollar_underscore: Option<Value>,
        args: Vec<Value>,
    ) -> Result<Vec<Value>, ErrorRecord> {
        self.cx.invoke_block(block, dollar_underscore, args)
    }
    fn get_variable(&self, name: &str) -> Option<Value> {
        self.cx.get_variable(name)
    }
    fn set_variable(&mut self, name: &str, value: Value) {
        self.cx.set_variable(name, value);
    }
    fn definition(&self) -> &CmdletDef {
        self.cx.definition()
    }
    fn interactive(&self) -> bool {
        self.cx.interactive()
    }
    fn variables(&self) -> Vec<(String, Value)> {
        self.cx.variables()
    }
    fn aliases(&self) -> Vec<(String, String)> {
        self.cx.aliases()
    }
    fn set_alias(&mut self, name: &str, target: &str) -> bool {
        self.cx.set_alias(name, target)
    }
    fn functions(&self) -> Vec<String> {
        self.cx.functions()
    }
    fn format_options(&self) -> FormatOptions {
        self.cx.format_options()
    }
    fn read_host(&mut self, prompt: &str) -> Option<String> {
        self.cx.read_host(prompt)
    }
    fn function_definition(&self, name: &str) -> Option<FunctionSource> {
        self.cx.function_definition(name)
    }
    fn remove_variable(&mut self, name: &str) -> bool {
        self.cx.remove_variable(name)
    }
    fn invoke_script(&mut self, source: &str) -> Result<Vec<Value>, ErrorRecord> {
        self.cx.invoke_script(source)
    }
}
