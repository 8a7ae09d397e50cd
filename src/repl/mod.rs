//! The interactive shell: what an admin gets from `lyncsh` on a terminal. Reedline does the
//! line editing; the pieces it calls are small units that need no terminal:
//! - [`prompt`]: `PS lyncsh:jacobs.com [v7, draft +3]> ` and `>> `;
//! - [`highlight`]: PSReadLine's colours from the lexer's tokens, unknown commands in red;
//! - [`validate`]: Enter continues an unfinished statement instead of running it;
//! - [`complete`] (with [`context`], [`candidates`], [`identities`]): Tab;
//! - [`hint`]: history prediction and parameter help;
//! - [`history`], [`pager`], [`host`], [`interrupt`].
//!
//! The shell only runs when standard input is a terminal; the CLI reads scripts from pipes
//! plainly, so nothing here can hang a pipeline.

pub mod candidates;
pub mod complete;
pub mod context;
pub mod highlight;
pub mod hint;
pub mod history;
pub mod host;
pub mod identities;
pub mod interrupt;
pub mod pager;
pub mod prompt;
pub mod validate;

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use nu_ansi_term::{Color, Style};
use reedline::{
    default_emacs_keybindings, ColumnarMenu, Emacs, KeyCode, KeyModifiers, MenuBuilder, Reedline,
    ReedlineEvent, ReedlineMenu, Signal,
};

use crate::catalog::Catalog;
use crate::cmdlets::lync::computer::LocalComputer;
use crate::engine::session::{Host, RunStatus, Session};
use crate::lang::lexer::highlight_tokens;
use crate::lang::token::TokenClass;
use crate::topology::workspace::Workspace;
use complete::{CompletionData, SharedData};
use host::HostControl;
use identities::DocumentIdentities;
use interrupt::Interrupt;
use prompt::{ShellPrompt, StoreStatus};

const COMPLETION_MENU: &str = "completion_menu";

/// How the CLI starts the shell.
#[derive(Clone, Default)]
pub struct ReplOptions {
    /// Colour on (a terminal, and `NO_COLOR` not set).
    pub color: bool,
    /// The history file; `None` means `LYNCSH_HISTORY` or the user's data directory.
    pub history_path: Option<PathBuf>,
    /// The control of the host made by [`host`], if the session was built with it: long
    /// help pages then go through the pager.
    pub host: Option<HostControl>,
    /// The computer the Lync cmdlets act on (`lync::register` returns it): the prompt shows
    /// `[fqdn]: ` after Enter-PSSession, and `-Thumbprint` completes its certificates. Without
    /// it the shell assumes the first front end, as the cmdlets do by default.
    pub computer: Option<LocalComputer>,
}

/// The host an interactive session should be built with (red errors, yellow warnings, paged
/// help); pass the control in [`ReplOptions::host`].
pub fn host(color: bool) -> (Box<dyn Host>, HostControl) {
    let (host, control) = host::ReplHost::new(color);
    (Box::new(host), control)
}

/// Runs the interactive shell until `exit` or Ctrl-D; returns the exit code.
pub fn run(session: Session, ws: Rc<RefCell<Workspace>>, options: ReplOptions) -> i32 {
    let catalog = session.catalog();
    let data: SharedData = Arc::new(Mutex::new(CompletionData::default()));
    let (history, warning) =
        history::DedupHistory::open(options.history_path.clone().or_else(history::default_path));
    if let Some(warning) = warning {
        eprintln!("{warning}");
    }
    let mut editor = editor(catalog, Arc::clone(&data), history, options.color);
    let mut shell = Shell {
        session,
        ws,
        data,
        interrupt: Interrupt::install(),
        host: options.host,
        computer: options.computer.unwrap_or_default(),
        pager: pager::Pager::from_environment(),
    };
    loop {
        let status = shell.refresh();
        match editor.read_line(&ShellPrompt::new(&status)) {
            Ok(Signal::Success(line)) => {
                if let Some(code) = shell.run_entry(&line) {
                    return shell.leave(code);
                }
                // Other sessions' lines become available to Up and Ctrl-R.
                let _ = editor.sync_history();
            }
            // Reedline has already cleared the line; the draft is untouched.
            Ok(Signal::CtrlC) => {}
            Ok(Signal::CtrlD) => return shell.leave(0),
            Ok(_) => {}
            Err(e) => {
                eprintln!("lyncsh: the terminal failed: {e}");
                return shell.leave(1);
            }
        }
    }
}

fn editor(
    catalog: &'static Catalog,
    data: SharedData,
    history: history::DedupHistory,
    color: bool,
) -> Reedline {
    let mut keys = default_emacs_keybindings();
    // PSReadLine's MenuComplete: Tab opens the menu and then cycles; Shift+Tab goes back.
    keys.add_binding(
        KeyModifiers::NONE,
        KeyCode::Tab,
        ReedlineEvent::UntilFound(vec![
            ReedlineEvent::Menu(COMPLETION_MENU.into()),
            ReedlineEvent::MenuNext,
        ]),
    );
    keys.add_binding(
        KeyModifiers::SHIFT,
        KeyCode::BackTab,
        ReedlineEvent::MenuPrevious,
    );
    keys.add_binding(
        KeyModifiers::CONTROL,
        KeyCode::Char(' '),
        ReedlineEvent::Menu(COMPLETION_MENU.into()),
    );
    let menu = ColumnarMenu::default()
        .with_name(COMPLETION_MENU)
        // Keeps the prompt's `> ` while the menu is open.
        .with_marker("> ")
        .with_text_style(Style::new())
        .with_selected_text_style(Style::new().fg(Color::Black).on(Color::LightGray))
        .with_description_text_style(Style::new().fg(Color::DarkGray));
    Reedline::create()
        .with_history(Box::new(history))
        .with_completer(Box::new(complete::ShellCompleter::new(
            catalog,
            Arc::clone(&data),
        )))
        .with_quick_completions(true)
        .with_partial_completions(true)
        .with_menu(ReedlineMenu::EngineCompleter(Box::new(menu)))
        .with_highlighter(Box::new(highlight::ShellHighlighter::new(
            catalog,
            Arc::clone(&data),
        )))
        .with_hinter(Box::new(hint::ShellHinter::new(catalog, data)))
        .with_validator(Box::new(validate::ShellValidator))
        .with_edit_mode(Box::new(Emacs::new(keys)))
        .with_ansi_colors(color)
}

/// What the loop holds between entries.
struct Shell {
    session: Session,
    ws: Rc<RefCell<Workspace>>,
    data: SharedData,
    interrupt: Interrupt,
    host: Option<HostControl>,
    computer: LocalComputer,
    pager: pager::Pager,
}

impl Shell {
    /// Brings the completion snapshot up to date and returns the prompt's store state.
    fn refresh(&mut self) -> StoreStatus {
        let ws = self.ws.borrow();
        let catalog = self.session.catalog();
        let local = self.computer.fqdn(ws.doc()).ok();
        *complete::lock(&self.data) = CompletionData {
            aliases: self.session.aliases(),
            functions: self.session.function_names(),
            variables: self.session.variable_names(),
            identities: Box::new(DocumentIdentities::new(ws.doc().clone(), catalog, local)),
        };
        StoreStatus {
            remote_computer: self.computer.chosen(),
            ..store_status(&ws)
        }
    }

    /// Runs one entry as a unit of work on the store: the draft is re-read if another shell
    /// changed it, and written back afterwards. Returns the exit code when it was `exit`.
    fn run_entry(&mut self, line: &str) -> Option<i32> {
        if line.trim().is_empty() {
            return None;
        }
        if let Err(e) = self.ws.borrow_mut().checkpoint() {
            self.warn(&format!("the draft could not be re-read: {e}"));
        }
        let paging = self.host.as_ref().filter(|_| is_help_entry(line));
        if let Some(control) = paging {
            control.capture();
        }
        let session = &mut self.session;
        let result = self.interrupt.while_running(|| session.run(line));
        self.pager.note_entry(line);
        if let Some(control) = paging {
            let interrupt = &self.interrupt;
            let _ = pager::show(&control.release(), &self.pager, &mut || {
                interrupt.take();
            });
        }
        if let Err(e) = self.ws.borrow_mut().persist() {
            self.warn(&format!("the draft could not be saved: {e}"));
        }
        // A Ctrl-C the command did not consume must not stop the next one.
        self.interrupt.take();
        match result.status {
            RunStatus::Exited(code) => Some(code),
            _ => None,
        }
    }

    fn warn(&self, message: &str) {
        eprintln!("{}", Color::Yellow.paint(format!("WARNING: {message}")));
    }

    /// Says so when unpublished changes stay in the draft, then gives the exit code back.
    fn leave(&self, code: i32) -> i32 {
        if let Some(notice) = store_status(&self.ws.borrow()).unpublished_notice() {
            println!("{notice}");
        }
        code
    }
}

/// The prompt's store state from the workspace; a store that cannot be read shows no version.
pub fn store_status(ws: &Workspace) -> StoreStatus {
    let store = ws.store();
    StoreStatus {
        sip_domain: ws
            .doc()
            .topology
            .default_sip_domain()
            .map(|d| d.name.clone()),
        enabled_version: store.enabled().ok().flatten(),
        latest_version: store.latest_version().ok().filter(|v| *v > 0),
        draft_changes: ws.draft_changes_count().unwrap_or(0),
        remote_computer: None,
    }
}

/// `Get-Help X`, `help X`, `man X` or `X -?`: output worth paging.
pub fn is_help_entry(line: &str) -> bool {
    let tokens = highlight_tokens(line);
    let text = |span: &crate::lang::Span| &line[span.start..span.end];
    let first_command = tokens
        .iter()
        .find(|(_, class)| *class == TokenClass::Command)
        .map(|(span, _)| text(span));
    first_command.is_some_and(|c| {
        ["Get-Help", "help", "man"]
            .iter()
            .any(|h| h.eq_ignore_ascii_case(c))
    }) || tokens
        .iter()
        .any(|(span, class)| *class == TokenClass::Parameter && text(span) == "-?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_entries() {
        assert!(is_help_entry("Get-Help Set-CsWebServer -Full"));
        assert!(is_help_entry("help about_CommonParameters"));
        assert!(is_help_entry("Set-CsWebServer -?"));
        assert!(!is_help_entry("Get-CsSite"));
        assert!(!is_help_entry("Write-Output 'Get-Help'"));
    }

    #[test]
    fn store_state_of_a_new_store() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        let status = store_status(&ws);
        assert_eq!(status.sip_domain.as_deref(), Some("jacobs.com"));
        assert_eq!(status.draft_changes, 0);
        assert!(status.latest_version.is_some());
    }
}
