//! Lync's identities for configuration objects: `Global`, `site:<name>`,
//! `service:<Role>:<fqdn>`, `tag:<name>` (or a bare policy name), and the global-relative
//! names of list nouns (a hosting provider's name, a federated domain).

use std::fmt;

/// A parsed identity, printed the way Get- cmdlets print it (`Site:Redmond`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Global,
    Site(String),
    Service {
        role: String,
        fqdn: String,
    },
    Tag(String),
    /// A global-relative name (hosting provider, allowed/blocked domain).
    Name(String),
}

impl Scope {
    /// Parses `text` against a noun's allowed scopes (an [`ObjectDef`]'s `scopes`: `global`,
    /// `site`, `service:<Role>`, `tag`, `name`). The error says which forms are accepted.
    ///
    /// [`ObjectDef`]: crate::catalog::schema::ObjectDef
    pub fn parse(text: &str, allowed: &[String]) -> Result<Scope, String> {
        let text = text.trim();
        let allows = |s: &str| allowed.iter().any(|a| a.eq_ignore_ascii_case(s));
        if allows("name") {
            if text.is_empty() {
                return Err("The identity cannot be empty.".into());
            }
            return Ok(Scope::Name(text.to_string()));
        }
        let lower = text.to_ascii_lowercase();
        let scope = if lower == "global" {
            Scope::Global
        } else if let Some(rest) = strip_prefix_ci(text, "site:") {
            Scope::Site(rest.to_string())
        } else if let Some(rest) = strip_prefix_ci(text, "tag:") {
            Scope::Tag(rest.to_string())
        } else if let Some(rest) = strip_prefix_ci(text, "service:") {
            let (role, fqdn) = rest.split_once(':').unwrap_or((rest, ""));
            let canonical = allowed.iter().find_map(|a| {
                strip_prefix_ci(a, "service:").filter(|r| r.eq_ignore_ascii_case(role))
            });
            match canonical {
                Some(role) if !fqdn.is_empty() => Scope::Service {
                    role: role.to_string(),
                    fqdn: fqdn.to_string(),
                },
                _ => {
                    return Err(format!(
                        "\"{text}\" is not a valid identity. {}",
                        accepted(allowed)
                    ))
                }
            }
        } else if allows("tag") && !text.is_empty() && !text.contains(':') {
            // Per-user policies may be named without their "tag:" prefix.
            Scope::Tag(text.to_string())
        } else {
            return Err(format!(
                "\"{text}\" is not a valid identity. {}",
                accepted(allowed)
            ));
        };
        let kind = match &scope {
            Scope::Global => "global",
            Scope::Site(_) => "site",
            Scope::Tag(_) => "tag",
            Scope::Service { .. } | Scope::Name(_) => return Ok(scope),
        };
        if !allows(kind) || matches!(&scope, Scope::Site(n) | Scope::Tag(n) if n.is_empty()) {
            return Err(format!(
                "\"{text}\" is not a valid identity. {}",
                accepted(allowed)
            ));
        }
        Ok(scope)
    }

    pub fn is_global(&self) -> bool {
        matches!(self, Scope::Global)
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::Global => f.write_str("Global"),
            Scope::Site(n) => write!(f, "Site:{n}"),
            Scope::Service { role, fqdn } => write!(f, "Service:{role}:{fqdn}"),
            Scope::Tag(n) => write!(f, "Tag:{n}"),
            Scope::Name(n) => f.write_str(n),
        }
    }
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// "Use Global, site:<name> or service:WebServer:<fqdn>."
fn accepted(allowed: &[String]) -> String {
    let forms: Vec<String> = allowed
        .iter()
        .map(|a| match a.to_ascii_lowercase().as_str() {
            "global" => "Global".to_string(),
            "site" => "site:<site name>".to_string(),
            "tag" => "tag:<policy name>".to_string(),
            other => match strip_prefix_ci(a, "service:") {
                Some(role) => format!("service:{role}:<pool fqdn>"),
                None => other.to_string(),
            },
        })
        .collect();
    match forms.split_last() {
        Some((last, [])) => format!("Use {last}."),
        Some((last, rest)) => format!("Use {} or {last}.", rest.join(", ")),
        None => String::new(),
    }
}

/// PowerShell's wildcard match, case-insensitive, as -Filter uses it.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    crate::engine::wildcard::wildcard_match(pattern, text, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scopes(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn parses_scoped_identities_and_prints_them_as_lync() {
        let allowed = scopes(&["global", "site", "service:WebServer"]);
        assert_eq!(
            Scope::parse("global", &allowed).unwrap().to_string(),
            "Global"
        );
        assert_eq!(
            Scope::parse("site:Redmond", &allowed).unwrap().to_string(),
            "Site:Redmond"
        );
        assert_eq!(
            Scope::parse("service:webserver:pool.contoso.com", &allowed)
                .unwrap()
                .to_string(),
            "Service:WebServer:pool.contoso.com"
        );
        let err = Scope::parse("service:Registrar:pool", &allowed).unwrap_err();
        assert_eq!(
            err,
            "\"service:Registrar:pool\" is not a valid identity. Use Global, site:<site name> or service:WebServer:<pool fqdn>."
        );
        assert!(Scope::parse("tag:Sales", &allowed).is_err());
    }

    #[test]
    fn bare_policy_names_are_tags_and_list_names_are_verbatim() {
        let policy = scopes(&["global", "site", "tag"]);
        assert_eq!(
            Scope::parse("Sales", &policy).unwrap(),
            Scope::Tag("Sales".into())
        );
        let name = scopes(&["name"]);
        assert_eq!(
            Scope::parse("push.lync.com", &name).unwrap(),
            Scope::Name("push.lync.com".into())
        );
    }

    #[test]
    fn wildcards_follow_powershell() {
        assert!(wildcard_match("site:*", "Site:Redmond"));
        assert!(wildcard_match("*.com", "fabrikam.com"));
        assert!(!wildcard_match("*.com", "fabrikam.net"));
        assert!(wildcard_match("[rg]*", "Redmond"));
        assert!(!wildcard_match("[rg]*", "Dublin"));
        assert!(wildcard_match("f?b*", "fabrikam.com"));
    }
}
