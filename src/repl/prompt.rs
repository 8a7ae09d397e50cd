//! The prompt, in PowerShell's shape with the store's state in it:
//! `PS lyncsh:jacobs.com [v7, draft +3]> `, `>> ` on continuation lines, and
//! `[lyncserver.jacobs.local]: PS …> ` while remoting.

use std::borrow::Cow;

use reedline::{Color, Prompt, PromptEditMode, PromptHistorySearch, PromptHistorySearchStatus};

/// What the prompt tells about the store, taken from the workspace after each command.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoreStatus {
    /// The default SIP domain of the draft (`jacobs.com`).
    pub sip_domain: Option<String>,
    /// The version `Enable-CsTopology` made current.
    pub enabled_version: Option<u64>,
    /// The newest published version.
    pub latest_version: Option<u64>,
    /// Changes in the draft that are not published yet.
    pub draft_changes: usize,
    /// The computer an `Enter-PSSession` is connected to.
    pub remote_computer: Option<String>,
}

impl StoreStatus {
    /// The prompt text before the `> ` indicator.
    pub fn prompt(&self) -> String {
        let mut text = String::new();
        if let Some(computer) = &self.remote_computer {
            text.push_str(&format!("[{computer}]: "));
        }
        text.push_str("PS lyncsh");
        if let Some(domain) = &self.sip_domain {
            text.push(':');
            text.push_str(domain);
        }
        let mut state = vec![self.version_text()];
        if self.draft_changes > 0 {
            state.push(format!("draft +{}", self.draft_changes));
        }
        text.push_str(&format!(" [{}]", state.join(", ")));
        text
    }

    fn version_text(&self) -> String {
        match (self.enabled_version, self.latest_version) {
            (Some(enabled), Some(latest)) if latest > enabled => {
                format!("v{enabled} (v{latest} not enabled)")
            }
            (Some(enabled), _) => format!("v{enabled}"),
            (None, Some(latest)) => format!("v{latest} not enabled"),
            (None, None) => "unpublished".to_string(),
        }
    }

    /// The line printed when the shell exits with a draft that is not published, or `None`.
    pub fn unpublished_notice(&self) -> Option<String> {
        let n = self.draft_changes;
        (n > 0).then(|| {
            format!(
                "The draft has {n} unpublished change{} (kept in the store); \
                 Publish-CsTopology or Enable-CsTopology applies {}.",
                if n == 1 { "" } else { "s" },
                if n == 1 { "it" } else { "them" }
            )
        })
    }
}

/// The reedline prompt: the status line, then `> `; continuation lines get `>> `.
pub struct ShellPrompt {
    left: String,
}

impl ShellPrompt {
    pub fn new(status: &StoreStatus) -> ShellPrompt {
        ShellPrompt {
            left: status.prompt(),
        }
    }
}

impl Prompt for ShellPrompt {
    fn render_prompt_left(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.left)
    }

    fn render_prompt_right(&self) -> Cow<'_, str> {
        Cow::Borrowed("")
    }

    fn render_prompt_indicator(&self, _mode: PromptEditMode) -> Cow<'_, str> {
        Cow::Borrowed("> ")
    }

    fn render_prompt_multiline_indicator(&self) -> Cow<'_, str> {
        Cow::Borrowed(">> ")
    }

    fn render_prompt_history_search_indicator(&self, search: PromptHistorySearch) -> Cow<'_, str> {
        // PSReadLine's words for Ctrl-R.
        let failed = match search.status {
            PromptHistorySearchStatus::Passing => "",
            PromptHistorySearchStatus::Failing => "failing ",
        };
        Cow::Owned(format!("({failed}bck-i-search: {}) ", search.term))
    }

    // PowerShell's prompt is in the console's own colour, not reedline's green.
    fn get_prompt_color(&self) -> Color {
        Color::Default
    }

    fn get_prompt_multiline_color(&self) -> Color {
        Color::Default
    }

    fn get_indicator_color(&self) -> Color {
        Color::Default
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(enabled: Option<u64>, latest: Option<u64>, draft: usize) -> StoreStatus {
        StoreStatus {
            sip_domain: Some("jacobs.com".into()),
            enabled_version: enabled,
            latest_version: latest,
            draft_changes: draft,
            remote_computer: None,
        }
    }

    #[test]
    fn shows_domain_version_and_draft_changes() {
        assert_eq!(
            status(Some(7), Some(7), 3).prompt(),
            "PS lyncsh:jacobs.com [v7, draft +3]"
        );
        assert_eq!(
            status(Some(7), Some(7), 0).prompt(),
            "PS lyncsh:jacobs.com [v7]"
        );
    }

    #[test]
    fn tells_when_the_latest_version_is_not_enabled() {
        assert_eq!(
            status(Some(7), Some(8), 1).prompt(),
            "PS lyncsh:jacobs.com [v7 (v8 not enabled), draft +1]"
        );
        assert_eq!(
            status(None, Some(1), 0).prompt(),
            "PS lyncsh:jacobs.com [v1 not enabled]"
        );
        assert_eq!(
            status(None, None, 2).prompt(),
            "PS lyncsh:jacobs.com [unpublished, draft +2]"
        );
    }

    #[test]
    fn remoting_prefix_and_missing_domain() {
        let s = StoreStatus {
            remote_computer: Some("lyncserver.jacobs.local".into()),
            ..status(Some(2), Some(2), 0)
        };
        assert_eq!(
            s.prompt(),
            "[lyncserver.jacobs.local]: PS lyncsh:jacobs.com [v2]"
        );
        let s = StoreStatus {
            sip_domain: None,
            ..status(Some(2), Some(2), 0)
        };
        assert_eq!(s.prompt(), "PS lyncsh [v2]");
    }

    #[test]
    fn reedline_pieces() {
        let p = ShellPrompt::new(&status(Some(7), Some(7), 3));
        assert_eq!(
            format!(
                "{}{}",
                p.render_prompt_left(),
                p.render_prompt_indicator(PromptEditMode::Emacs)
            ),
            "PS lyncsh:jacobs.com [v7, draft +3]> "
        );
        assert_eq!(p.render_prompt_multiline_indicator(), ">> ");
        let search = PromptHistorySearch::new(PromptHistorySearchStatus::Failing, "Set".into());
        assert_eq!(
            p.render_prompt_history_search_indicator(search),
            "(failing bck-i-search: Set) "
        );
    }

    #[test]
    fn unpublished_notice_only_with_changes() {
        assert_eq!(status(Some(1), Some(1), 0).unpublished_notice(), None);
        let one = status(Some(1), Some(1), 1).unpublished_notice().unwrap();
        assert!(
            one.starts_with("The draft has 1 unpublished change ("),
            "{one}"
        );
        assert!(one.len() < 120, "fits a line: {one}");
        assert!(one.contains("Publish-CsTopology"));
        assert!(one.contains("Enable-CsTopology"));
    }
}
