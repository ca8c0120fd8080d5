use super::*;
use crate::charts::tests::fixed_journal;
use crate::model::{BladderDay, CheckIn};
use layout::PageFrame;
use sections::{NOTE_INDENT, alert_runs, day_span};

fn day(text: &str) -> NaiveDate {
    crate::time::parse_day(text).unwrap()
}

fn options(from: &str, to: &str, sections: &[Section], paper: Paper) -> ReportOptions {
    ReportOptions {
        range: DateRange::new(day(from), day(to)).unwrap(),
        sections: sections.to_vec(),
        paper,
        generated_on: day("2026-05-02"),
    }
}

fn all_sections(paper: Paper) -> ReportOptions {
    options("2026-03-01", "2026-04-30", &Section::ALL, paper)
}

/// Every line of text on the pages, joined with spaces: wrapped paragraphs
/// read back as they were written.
fn text_of(laid_out: &LaidOut) -> String {
    let lines: Vec<&str> = laid_out
        .pages
        .iter()
        .flatten()
        .filter_map(|item| match item {
            layout::Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    lines.join(" ")
}

/// The fixed journal with one note of each kind shared and one kept private.
fn journal_with_notes() -> Journal {
    let mut journal = fixed_journal();
    journal.sessions[0].share_notes = true;
    journal.sessions[0].notes = "The quiet room with the blue lamp helped me settle.".into();
    journal.sessions[0].reflection = "Woke without the usual weight on my chest.".into();
    journal.sessions[1].share_notes = false;
    journal.sessions[1].notes = "Argued with my sister about the car beforehand.".into();
    journal.sessions[1].intention = "Forgive myself for the thing in March.".into();
    let note = |c: &mut CheckIn, notes: &str, share: bool| {
        c.notes = notes.into();
        c.share_notes = share;
    };
    note(&mut journal.checkins[3], "Walked around the lake with Sam for an hour.", true);
    note(&mut journal.checkins[4], "Counted the pills in the drawer again tonight.", false);
    let diary = |d: &mut BladderDay, notes: &str, share: bool| {
        d.notes = notes.into();
        d.share_notes = share;
    };
    diary(&mut journal.bladder[33], "Stinging since lunch, drank more water.", true);
    diary(&mut journal.bladder[34], "Embarrassed to tell anyone about this.", false);
    journal
}

#[test]
fn shared_notes_are_printed_and_private_notes_never_are() {
    let laid_out = lay_out(&journal_with_notes(), None, &all_sections(Paper::A4)).unwrap();
    let text = text_of(&laid_out);
    for shared in [
        "The quiet room with the blue lamp helped me settle.",
        "Woke without the usual weight on my chest.",
        "Walked around the lake with Sam for an hour.",
        "Stinging since lunch, drank more water.",
    ] {
        assert!(text.contains(shared), "missing shared note {shared:?}");
    }
    for private in ["sister", "Forgive myself", "pills in the drawer", "Embarrassed"] {
        assert!(!text.contains(private), "private note {private:?} printed");
    }
}

#[test]
fn the_same_inputs_give_the_same_pdf() {
    let journal = journal_with_notes();
    let a = render(&journal, None, &all_sections(Paper::A4)).unwrap();
    let b = render(&journal, None, &all_sections(Paper::A4)).unwrap();
    assert!(a.starts_with(b"%PDF-"));
    assert_eq!(a, b);
    let mut later = all_sections(Paper::A4);
    later.generated_on = day("2026-05-03");
    assert_ne!(render(&journal, None, &later).unwrap(), a, "the generated date is printed");
}

#[test]
fn the_header_and_key_figures_say_what_a_clinician_needs() {
    let laid_out = lay_out(&fixed_journal(), None, &all_sections(Paper::A4)).unwrap();
    let text = text_of(&laid_out);
    assert!(text.contains("1 Mar 2026 – 30 Apr 2026 (61 days)"), "{text}");
    assert!(text.contains("Generated 2 May 2026"));
    assert!(text.contains("Sessions 10 (IV 7, sublingual 3)"), "{text}");
    assert!(text.contains("645 mg in all; mean 64.5 mg per session, 0.92 mg/kg"), "{text}");
    assert!(text.contains("250 mg; 1 day above 200 mg"), "{text}");
    assert!(
        text.contains("baseline 19 (moderately severe) on 2 Mar 2026 → latest 4 (minimal) on 26 Apr 2026; change -15 (-79 %); remission"),
        "{text}"
    );
    assert!(
        text.contains(
            "4 days with a warning sign (the rows of the Bladder diary table), of 56 diary days; visible blood on 1 day"
        ),
        "{text}"
    );
    assert!(text.contains("Alerts not evaluated for this report"), "{text}");
    assert!(text.contains(&format!("Page 1 of {}", laid_out.pages.len())));
}

#[test]
fn key_figures_follow_the_published_definitions() {
    let journal = fixed_journal();
    let range = DateRange::new(day("2026-03-01"), day("2026-04-30")).unwrap();
    let figures = key_figures(&journal, range, Some(&[]));
    assert_eq!(figures.sessions, 10);
    assert_eq!(figures.routes, [("IV", 7), ("sublingual", 3)]);
    assert_eq!(figures.max_daily_mg, 250.0);
    assert_eq!(figures.days_above_limit, 1);
    assert_eq!(figures.phq9_baseline.as_ref().map(|s| s.total), Some(19));
    assert_eq!(figures.phq9_latest.as_ref().map(|s| (s.total, s.band)), Some((4, "minimal")));
    assert_eq!((figures.phq9_response, figures.phq9_remission), (Some(true), Some(true)));
    assert_eq!((figures.bladder_days, figures.bladder_warning_days, figures.bladder_blood_days), (56, 4, 1));
    assert_eq!((figures.alerts_raised, figures.alerts_acknowledged), (Some(0), Some(0)));

    // Up to mid-March only: the latest is the second PHQ-9, not yet a response.
    let early = DateRange::new(day("2026-03-01"), day("2026-03-20")).unwrap();
    let figures = key_figures(&journal, early, None);
    assert_eq!(figures.phq9_latest.as_ref().map(|s| s.total), Some(13));
    assert_eq!((figures.phq9_response, figures.phq9_remission), (Some(false), Some(false)));
    assert_eq!(figures.alerts_raised, None);

    // A PHQ-9 first answered after treatment began is no baseline.
    let mut late = journal.clone();
    late.phq9.remove(0);
    assert_eq!(key_figures(&late, range, None).phq9_baseline, None);
    assert_eq!(key_figures(&late, range, None).phq9_response, None);
}

#[test]
fn the_outline_lists_sections_and_charts_where_they_are() {
    let laid_out = lay_out(&fixed_journal(), None, &all_sections(Paper::A4)).unwrap();
    let titles: Vec<(u8, &str)> = laid_out.bookmarks.iter().map(|b| (b.level, b.title.as_str())).collect();
    assert_eq!(&titles[..4], [(0, "Safety"), (0, "Key figures"), (0, "Charts"), (1, "PHQ-9 over time")]);
    // The six trend charts and the session-effects chart.
    assert_eq!(titles.iter().filter(|(level, _)| *level == 1).count(), 7);
    assert!(titles.contains(&(0, "Session effects")), "{titles:?}");
    assert_eq!(titles.last(), Some(&(0, "Shared notes")));
    for bookmark in &laid_out.bookmarks {
        let page = &laid_out.pages[bookmark.page];
        let heading = page.iter().find_map(|item| match item {
            layout::Item::Text { text, y, .. } if *text == bookmark.title => Some(*y),
            _ => None,
        });
        let y = heading.unwrap_or_else(|| panic!("{} is not on page {}", bookmark.title, bookmark.page + 1));
        assert!(bookmark.y < y && y - bookmark.y < 20.0, "{}: mark {} heading {y}", bookmark.title, bookmark.y);
    }
}

#[test]
fn sections_choose_what_is_printed() {
    let journal = journal_with_notes();
    let only_summary =
        lay_out(&journal, None, &options("2026-03-01", "2026-04-30", &[Section::Summary], Paper::A4)).unwrap();
    let text = text_of(&only_summary);
    assert!(text.contains("Key figures"));
    for absent in ["Charts", "Questionnaires", "Shared notes", "blue lamp", "Bladder diary on"] {
        assert!(!text.contains(absent), "{absent} printed without its section");
    }
    assert!(only_summary.charts.is_empty());
    let everything = text_of(&lay_out(&journal, None, &all_sections(Paper::A4)).unwrap());
    for heading in [
        "Key figures",
        "Charts",
        "PHQ-9 over time",
        "Sessions",
        "Questionnaires",
        "Bladder diary",
        "Alerts",
        "Shared notes",
    ] {
        assert!(everything.contains(heading), "{heading} missing");
    }
}

#[test]
fn section_names_parse_in_report_order_and_unknown_ones_are_named() {
    assert_eq!(
        parse_sections("notes, summary,charts,summary").unwrap(),
        [Section::Summary, Section::Charts, Section::Notes]
    );
    let err = parse_sections("summary,graphs").unwrap_err();
    assert_eq!(err.name, "graphs");
    assert!(err.to_string().contains("\"graphs\""));
    assert_eq!("Letter".parse::<Paper>(), Ok(Paper::Letter));
    assert!("a5".parse::<Paper>().is_err());
}

#[test]
fn alerts_in_the_period_are_listed_with_their_acknowledgements() {
    let seen = |text: &str| Timestamp::parse(text).unwrap();
    let alerts = [
        AlertSummary {
            rule: "bladder.blood".into(),
            severity: "urgent".into(),
            title: "Visible blood in urine".into(),
            message: "You logged visible blood in your urine on 5 April.".into(),
            first_seen: seen("2026-04-05T20:00:00-04:00"),
            acknowledged: Some(AlertAcknowledgement {
                at: seen("2026-04-06T09:00:00-04:00"),
                note: "Called the clinic, appointment Friday".into(),
            }),
        },
        AlertSummary {
            rule: "bladder.persistent".into(),
            severity: "advise".into(),
            title: "Long before the period".into(),
            message: "Not in this report.".into(),
            first_seen: seen("2025-12-01T10:00:00-05:00"),
            acknowledged: None,
        },
    ];
    let text = text_of(&lay_out(&fixed_journal(), Some(&alerts), &all_sections(Paper::Letter)).unwrap());
    assert!(text.contains("Alerts 1 in this period, 1 acknowledged (the rows of the Alerts table"), "{text}");
    assert!(text.contains("Visible blood in urine"));
    // Said about the patient, not to them.
    assert!(text.contains("The patient logged visible blood in their urine on 5 April."), "{text}");
    assert!(text.contains("Called the clinic, appointment Friday"));
    assert!(!text.contains("Long before the period"));
}

#[test]
fn everything_stays_inside_the_page_on_both_papers() {
    let journal = journal_with_notes();
    for paper in [Paper::A4, Paper::Letter] {
        let laid_out = lay_out(&journal, None, &all_sections(paper)).unwrap();
        let frame = laid_out.frame;
        assert_eq!((frame.width, frame.height), paper.size_pt());
        for (n, page) in laid_out.pages.iter().enumerate() {
            assert!(page.len() > 3, "page {n} is empty");
            for item in page {
                match item {
                    layout::Item::Text { x, y, style, text, .. } => {
                        assert!(*x >= frame.margin_x - 0.01, "{text:?} starts in the margin");
                        assert!(
                            x + style.width(text) <= frame.width - frame.margin_x + 0.5,
                            "{text:?} runs into the margin"
                        );
                        assert!(*y <= frame.height - 20.0, "{text:?} below the page");
                    }
                    layout::Item::Chart { x, y, w, h, .. } => {
                        assert!(*x >= frame.margin_x - 0.01 && x + w <= frame.width - frame.margin_x + 0.01);
                        assert!(y + h <= frame.height - frame.margin_bottom + 0.01);
                    }
                    _ => {}
                }
            }
        }
    }
}

#[test]
fn an_empty_period_still_makes_a_useful_report() {
    let laid_out =
        lay_out(&fixed_journal(), Some(&[]), &options("2024-01-01", "2024-01-31", &Section::ALL, Paper::A4)).unwrap();
    let text = text_of(&laid_out);
    for said in [
        "none in this period",
        "No PHQ-9 was recorded from 1 Jan 2024 to 31 Jan 2024",
        "No PHQ-9 or GAD-7 in this period.",
        "No sessions in this period.",
        "No bladder diary in this period.",
        "No alerts were raised in this period.",
        "No notes shared for this period.",
    ] {
        assert!(text.contains(said), "{said:?} missing");
    }
    render(&fixed_journal(), Some(&[]), &options("2024-01-01", "2024-01-31", &Section::ALL, Paper::A4)).unwrap();
}

#[test]
fn a_ten_year_journal_makes_a_report() {
    let journal = crate::demo::journal_of_years(day("2026-11-21"), 10);
    let ten_years = options("2016-11-22", "2026-11-21", &Section::ALL, Paper::A4);
    let pdf = render(&journal, None, &ten_years).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // For looking at: KETALOG_REPORT_DIR=/tmp cargo test -p ketalog-core ten_year
    if let Some(dir) = std::env::var_os("KETALOG_REPORT_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("ten-years.pdf"), &pdf).unwrap();
    }
    let laid_out = lay_out(&journal, None, &ten_years).unwrap();
    assert!(text_of(&laid_out).contains("Sessions 180 (IV 180)"), "{}", &text_of(&laid_out)[..600]);
}

#[test]
fn the_alert_history_lists_each_occurrence_once_with_its_latest_acknowledgement() {
    use crate::rules::{Thresholds, evaluate};
    let until = day("2026-11-21");
    let mut journal = crate::demo::journal(until);
    let year = DateRange::new(day("2025-11-22"), until).unwrap();
    let eastern = chrono::FixedOffset::west_opt(5 * 3600).unwrap();

    // Acknowledge the bladder alert of the demo's symptom week, twice.
    let during = Timestamp::parse("2026-06-14T21:00:00-04:00").unwrap();
    let bladder = evaluate(&journal, during, &Thresholds::default())
        .into_iter()
        .find(|a| a.rule.id() == "bladder.persistent")
        .expect("the demo's symptom week raises bladder.persistent");
    for (at, note) in
        [("2026-06-15T09:00:00-04:00", "Left a message"), ("2026-06-16T09:00:00-04:00", "Called the clinic")]
    {
        journal.acknowledgements.push(crate::model::Acknowledgement {
            alert_id: bladder.id.clone(),
            at: Timestamp::parse(at).unwrap(),
            note: note.into(),
            share_note: true,
        });
    }

    let history = alert_history(&journal, year, eastern, &Thresholds::default());
    let rules: Vec<&str> = history.iter().map(|a| a.rule.as_str()).collect();
    assert_eq!(rules.first(), Some(&"mood.self_harm"), "{rules:?}");
    assert!(!rules.contains(&"driving.wait"));
    // The demo reaches a PHQ-9 response in February and keeps it: listed once.
    assert_eq!(rules.iter().filter(|r| **r == "mood.response").count(), 1, "{rules:?}");
    assert!(history.windows(2).all(|w| w[0].first_seen <= w[1].first_seen));
    let mut keys: Vec<(String, Timestamp)> = history.iter().map(|a| (a.rule.clone(), a.first_seen)).collect();
    keys.dedup();
    assert_eq!(keys.len(), history.len(), "an occurrence is listed once");
    let listed = history
        .iter()
        .find(|a| a.first_seen.local_day() == bladder.first_seen.local_day() && a.rule == "bladder.persistent")
        .unwrap();
    assert_eq!(listed.acknowledged.as_ref().map(|a| a.note.as_str()), Some("Called the clinic"));

    // A later period leaves out what was first seen before it.
    let autumn = DateRange::new(day("2026-09-01"), until).unwrap();
    let later = alert_history(&journal, autumn, eastern, &Thresholds::default());
    assert!(later.iter().all(|a| autumn.contains(a.first_seen.local_day())));
    assert!(!later.iter().any(|a| a.rule == "mood.self_harm"));

    let text = text_of(
        &lay_out(&journal, Some(&history), &options("2025-11-22", "2026-11-21", &Section::ALL, Paper::A4)).unwrap(),
    );
    // Counted as the table's rows: the bladder pattern of 12–16 June is one
    // row of five occurrences, one of them acknowledged.
    let rows = alert_runs(&history.iter().collect::<Vec<_>>()).len();
    assert!(rows < history.len());
    assert!(text.contains(&format!("Alerts {rows} in this period, 0 acknowledged, 1 in part")), "{text}");
    assert!(text.contains("Called the clinic"));
}

#[test]
fn occurrences_on_consecutive_days_make_one_row() {
    let seen = |day: &str| Timestamp::parse(&format!("{day}T20:00:00-04:00")).unwrap();
    let alert = |rule: &str, day: &str, acknowledged: bool| AlertSummary {
        rule: rule.into(),
        severity: "advise".into(),
        title: format!("{rule} title"),
        message: format!("{rule} on {day}"),
        first_seen: seen(day),
        acknowledged: acknowledged.then(|| AlertAcknowledgement { at: seen(day), note: format!("seen {day}") }),
    };
    let all = [
        alert("bladder.persistent", "2026-06-12", false),
        alert("mood.worsening", "2026-06-13", false),
        alert("bladder.persistent", "2026-06-13", true),
        alert("bladder.persistent", "2026-06-14", false),
        alert("bladder.persistent", "2026-06-20", false),
        alert("mood.worsening", "2026-06-30", true),
    ];
    let refs: Vec<&AlertSummary> = all.iter().collect();
    let runs = alert_runs(&refs);
    let spans: Vec<(String, usize)> =
        runs.iter().map(|r| (day_span(r.first_day(), r.last_day()), r.occurrences.len())).collect();
    assert_eq!(
        spans,
        [
            ("12–14 Jun 2026".to_owned(), 3),
            ("13 Jun 2026".to_owned(), 1),
            ("20 Jun 2026".to_owned(), 1),
            ("30 Jun 2026".to_owned(), 1)
        ]
    );
    assert_eq!(day_span(day("2026-06-28"), day("2026-07-02")), "28 Jun – 2 Jul 2026");
    assert_eq!(day_span(day("2025-12-30"), day("2026-01-02")), "30 Dec 2025 – 2 Jan 2026");

    let range = DateRange::new(day("2026-06-01"), day("2026-06-30")).unwrap();
    let journal = fixed_journal();
    let text = text_of(
        &lay_out(
            &journal,
            Some(&all),
            &ReportOptions { range, ..options("2026-06-01", "2026-06-30", &[Section::Alerts], Paper::A4) },
        )
        .unwrap(),
    );
    assert!(text.contains("12–14 Jun 2026 (3 days)"), "{text}");
    assert!(text.contains("bladder.persistent on 2026-06-14"), "the latest wording is shown: {text}");
    assert!(!text.contains("bladder.persistent on 2026-06-12"), "{text}");
    assert!(text.contains("1 of 3; latest 13 Jun 2026: seen 2026-06-13"), "{text}");
    assert!(text.contains("30 Jun 2026: seen 2026-06-30"), "{text}");
}

#[test]
fn a_shared_note_is_never_split_from_its_heading() {
    // The notes section's shape, started at every height on the page: a
    // note's heading and lines always share a page.
    let frame = PageFrame { width: 300.0, height: 200.0, margin_x: 20.0, margin_top: 20.0, margin_bottom: 30.0 };
    for tenth in 0..1500 {
        let mut flow = Flow::new(frame);
        flow.paragraph("Shared notes", Style::HEADING, 0.0);
        flow.space(tenth as f32 / 10.0);
        let lines = layout::wrap("First line.\nSecond line.", Style::BODY, frame.content_width() - NOTE_INDENT).len();
        flow.heading("1 Mar 2026 · Check-in", Style::BODY.bold(), lines as f32 * Style::BODY.line_height(), 3);
        flow.paragraph("First line.\nSecond line.", Style::BODY, NOTE_INDENT);
        let (pages, _, _) = flow.finish();
        let page_of = |wanted: &str| {
            pages.iter().position(|p| p.iter().any(|i| matches!(i, layout::Item::Text { text, .. } if text == wanted)))
        };
        let heading = page_of("1 Mar 2026 · Check-in");
        assert_eq!(heading, page_of("Second line."), "split when started {} pt down", tenth as f32 / 10.0);
        assert_eq!(heading, page_of("First line."));
    }
}

#[test]
fn every_line_has_its_place_in_the_structure_and_repeated_headers_are_furniture() {
    let journal = crate::demo::journal(day("2026-04-30"));
    let laid_out = lay_out(&journal, None, &all_sections(Paper::A4)).unwrap();
    let blocks = &laid_out.blocks;
    assert_eq!(blocks.first(), Some(&layout::Block::Heading(1)), "the title comes first");
    let mut header_cells = std::collections::HashMap::new();
    for item in laid_out.pages.iter().flatten() {
        match item {
            layout::Item::Text { part: layout::Part::Block(b), .. } | layout::Item::Chart { block: b, .. } => {
                assert!(*b < blocks.len());
            }
            layout::Item::Text { part: layout::Part::Cell { table, row, col }, text, .. } => {
                assert!(matches!(blocks[*table], layout::Block::Table { .. }), "{text}");
                if *row == 0 && blocks[*table] == (layout::Block::Table { header: true }) {
                    *header_cells.entry((*table, *col, text.clone())).or_insert(0) += 1;
                }
            }
            _ => {}
        }
    }
    assert!(header_cells.keys().any(|(_, col, text)| *col == 0 && text == "Date"), "{header_cells:?}");
    let repeated: Vec<_> = header_cells.iter().filter(|(_, n)| **n > 1).collect();
    assert!(repeated.is_empty(), "a header is read once, however many pages it repeats on: {repeated:?}");
    let footers: Vec<&str> = laid_out.pages[0]
        .iter()
        .filter_map(|i| match i {
            layout::Item::Text { part: layout::Part::Artifact, text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(footers.iter().any(|t| t.starts_with("Page 1 of")), "{footers:?}");
    for level in [2, 3] {
        assert!(blocks.contains(&layout::Block::Heading(level)), "no level-{level} heading");
    }
    assert!(blocks.iter().any(|b| matches!(b, layout::Block::Figure { alt } if !alt.is_empty())));
}

/// The text of one page, lines joined with spaces.
fn page_text(laid_out: &LaidOut, page: usize) -> String {
    let lines: Vec<&str> = laid_out.pages[page]
        .iter()
        .filter_map(|item| match item {
            layout::Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    lines.join(" ")
}

/// The body rows of the first table after the section heading `heading`,
/// each a list of its cells' text (a cell's lines joined with spaces).
fn table_rows(laid_out: &LaidOut, heading: &str) -> Vec<Vec<String>> {
    let texts: Vec<(&layout::Part, &str)> = laid_out
        .pages
        .iter()
        .flatten()
        .filter_map(|item| match item {
            layout::Item::Text { text, part, .. } => Some((part, text.as_str())),
            _ => None,
        })
        .collect();
    let heading_block = (0..laid_out.blocks.len())
        .find(|&i| {
            matches!(laid_out.blocks[i], layout::Block::Heading(2))
                && texts.iter().any(|(part, text)| **part == layout::Part::Block(i) && *text == heading)
        })
        .unwrap_or_else(|| panic!("no section {heading:?}"));
    let table = (heading_block..laid_out.blocks.len())
        .find(|&i| matches!(laid_out.blocks[i], layout::Block::Table { header: true }))
        .unwrap_or_else(|| panic!("no table under {heading:?}"));
    let mut rows: std::collections::BTreeMap<usize, std::collections::BTreeMap<usize, Vec<&str>>> =
        std::collections::BTreeMap::new();
    for (part, text) in &texts {
        if let layout::Part::Cell { table: t, row, col } = part
            && *t == table
            && *row > 0
        {
            rows.entry(*row).or_default().entry(*col).or_default().push(text);
        }
    }
    rows.into_values().map(|cells| cells.into_values().map(|lines| lines.join(" ")).collect()).collect()
}

/// The fixed journal's report with the alerts its rules raise.
fn with_alerts(journal: &Journal, options: &ReportOptions) -> LaidOut {
    let offset = chrono::FixedOffset::west_opt(5 * 3600).unwrap();
    let alerts = alert_history(journal, options.range, offset, &crate::rules::Thresholds::default());
    lay_out(journal, Some(&alerts), options).unwrap()
}

#[test]
fn the_first_page_puts_safety_first_and_says_what_a_clinician_asks() {
    let laid_out = with_alerts(&fixed_journal(), &all_sections(Paper::A4));
    let first = page_text(&laid_out, 0);
    let at = |text: &str| first.find(text).unwrap_or_else(|| panic!("{text:?} not on page 1: {first}"));
    assert!(at("Safety") < at("Key figures"), "{first}");
    for fact in [
        "PHQ-9 item 9 above 0 on 1 of the 5 PHQ-9s in this period (the Item 9 column): 1 on 2 Mar 2026 \
         (\u{201c}Several days\u{201d}), not acknowledged",
        "Sessions 10 (IV 7, sublingual 3), the rows of the Sessions table; the last on 12 Apr 2026, IV ketamine 35 mg",
        "median 2.5 days between session days (shortest 1, longest 17; the latest 10); 18 days from the last to the \
         end of the period",
        "Check-ins on 52 of the 61 days of this period (85 %)",
        "Dissociation rated at 10 of 10 sessions (the patient's own 0–10 rating); median 4, highest 4",
        "Side effects none noted at the 10 sessions",
        "250 mg; 1 day above 200 mg",
        "After IV sessions, the patient's mood over the next three days",
    ] {
        at(fact);
    }
    // The crisis prompt of 2 March and the blood of 5 April, said about the patient.
    at("2 crisis or urgent alerts not acknowledged (rows of the Alerts table)");
    at("2 Mar 2026 · crisis · Thoughts of death or self-harm: On 2 March the patient answered");
    at(
        "5 Apr 2026 · urgent · Blood in the patient's urine: The patient logged visible blood in their urine on 5 April",
    );
    for second_person in [" you ", " your ", "You ", "Your "] {
        assert!(!first.contains(second_person), "{second_person:?} on page 1: {first}");
    }
}

#[test]
fn the_first_page_counts_what_the_tables_list() {
    let laid_out = with_alerts(&fixed_journal(), &all_sections(Paper::A4));
    let text = text_of(&laid_out);
    let sessions = table_rows(&laid_out, "Sessions").len();
    assert!(text.contains(&format!("Sessions {sessions} (")), "{sessions} rows: {text}");
    let item9 = table_rows(&laid_out, "Questionnaires")
        .iter()
        .filter(|row| row.get(3).is_some_and(|item9| !item9.is_empty() && item9 != "0"))
        .count();
    assert!(text.contains(&format!("above 0 on {item9} of the 5 PHQ-9s")), "{item9} rows: {text}");
    let warning = table_rows(&laid_out, "Bladder diary").len();
    assert!(text.contains(&format!("{warning} days with a warning sign (the rows of the Bladder diary table)")));
    let alerts = table_rows(&laid_out, "Alerts");
    assert!(text.contains(&format!("Alerts {} in this period", alerts.len())), "{} rows: {text}", alerts.len());
    for row in &alerts {
        let row = row.join(" ");
        assert!(!row.contains(" you ") && !row.contains("Your ") && !row.contains(" your "), "{row}");
    }
}

#[test]
fn the_sessions_table_lists_sessions_in_time_order_whatever_order_the_journal_holds() {
    let mut journal = fixed_journal();
    journal.sessions.reverse();
    let laid_out = with_alerts(&journal, &all_sections(Paper::A4));
    let days: Vec<NaiveDate> = table_rows(&laid_out, "Sessions")
        .iter()
        .map(|row| NaiveDate::parse_from_str(&row[0], "%d %b %Y").expect("a day in the first column"))
        .collect();
    assert!(days.len() > 2, "{days:?}");
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
}

#[test]
fn lines_that_say_nothing_for_this_patient_are_left_out() {
    // 1–20 March: IV sessions of 35 mg only.
    let laid_out = with_alerts(&fixed_journal(), &options("2026-03-01", "2026-03-20", &Section::ALL, Paper::A4));
    let first = page_text(&laid_out, 0);
    assert!(first.contains("Sessions 6 (IV 6)"), "{first}");
    assert!(!first.contains("Bioavailable"), "an IV-only period has no estimate to give: {first}");
    assert!(!first.contains("above 200 mg"), "{first}");
    assert!(first.contains("Highest day 35 mg"), "{first}");
    // With a sublingual session both are said.
    let laid_out = with_alerts(&fixed_journal(), &all_sections(Paper::A4));
    let first = page_text(&laid_out, 0);
    assert!(first.contains("Bioavailable an estimated"), "{first}");
}

#[test]
fn the_session_effects_section_holds_the_aligned_chart_and_the_summaries() {
    let laid_out = with_alerts(&fixed_journal(), &all_sections(Paper::A4));
    let text = text_of(&laid_out);
    let chart = laid_out.charts.iter().find(|c| c.id == "session-effects").expect("the aligned chart");
    assert!(chart.title == "Mood around session days");
    assert!(text.contains("Session effects"), "{text}");
    assert!(text.contains(&chart.alt_text[..40]), "{text}");
    for measure in ["the patient's mood", "the patient's anxiety", "the patient's sleep"] {
        assert!(text.contains(measure), "{measure}: {text}");
    }
    assert!(!text.contains("your mood") && !text.contains("Talk them over"), "{text}");
}
