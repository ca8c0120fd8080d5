//! `session.co_medication`: a recent session lists a co-medication that
//! patient guides single out (the list and how names are matched:
//! [`crate::co_medications`]).

use chrono::NaiveDate;

use crate::co_medications::{self, Group};
use crate::model::Session;

use super::wording;
use super::{Finding, Rule, Scope};

/// One logged entry that names listed co-medications, and the sessions that
/// logged it.
struct Logged<'a> {
    text: &'a str,
    groups: Vec<&'static Group>,
    days: Vec<NaiveDate>,
    sessions: Vec<&'a Session>,
}

/// `session.co_medication`: a session within the session window (14 local
/// days ending with T's day) lists a co-medication from the list. The
/// newest such session defines the occurrence; every such session is
/// evidence.
pub(super) fn co_medication(scope: &Scope<'_>) -> Option<Finding> {
    // Entries in the order first logged, each with the sessions that logged it.
    let mut logged: Vec<Logged<'_>> = Vec::new();
    let mut sessions: Vec<&Session> = Vec::new();
    for s in super::sessions::recent(scope) {
        let mut listed = false;
        for entry in &s.co_medications {
            let groups: Vec<&'static Group> = co_medications::matches(entry).into_iter().map(|m| m.group).collect();
            if groups.is_empty() {
                continue;
            }
            listed = true;
            let text = entry.trim();
            let at = match logged.iter().position(|item| item.text == text) {
                Some(at) => at,
                None => {
                    logged.push(Logged { text, groups, days: Vec::new(), sessions: Vec::new() });
                    logged.len() - 1
                }
            };
            let item = &mut logged[at];
            item.days.push(s.started_at.local_day());
            if !item.sessions.iter().any(|seen| seen.id == s.id) {
                item.sessions.push(s);
            }
        }
        if listed {
            sessions.push(s);
        }
    }
    let newest = *sessions.last()?;
    let year = scope.year();
    let items: Vec<String> = logged
        .iter()
        .map(|item| {
            let text = item.text;
            let what: Vec<&str> = item.groups.iter().map(|g| g.what.as_str()).collect();
            let plural = if item.sessions.len() == 1 { "session" } else { "sessions" };
            format!("{text} ({}) with your {plural} on {}", wording::and_list(&what), wording::days(&item.days, year))
        })
        .collect();
    // What is known, once per group, in the list's order.
    let known: Vec<&str> = co_medications::groups()
        .iter()
        .filter(|g| logged.iter().any(|item| item.groups.iter().any(|m| std::ptr::eq(*m, *g))))
        .map(|g| g.known.as_str())
        .collect();
    let them = if logged.len() == 1 { "this" } else { "these" };
    Some(Finding {
        rule: Rule::SessionCoMedication,
        key: vec![newest.id],
        evidence: sessions.iter().map(|s| s.id).collect(),
        first_seen: newest.started_at,
        message: format!("You logged {}. {}", items.join("; "), known.join(" ")),
        action: format!(
            "Discuss {them} with {} before your next session. Keep taking your prescribed medicines as prescribed \
             unless your prescriber tells you otherwise.",
            wording::clinician(&scope.journal.profile)
        ),
    })
}
