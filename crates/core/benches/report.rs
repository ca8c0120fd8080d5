//! Timing of the charts and the PDF summary on sample journals of one and
//! ten years. Not a test: it prints the median and 95th percentile of
//! repeated runs, to compare with the budgets (all charts ≤ 50 ms; the PDF
//! of one year ≤ 150 ms, of ten years ≤ 600 ms).
//!
//! Run with `cargo bench -p ketalog-core --bench report`.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ketalog_core::charts::{self, DateRange};
use ketalog_core::demo;
use ketalog_core::report::{self, Paper, ReportOptions, Section};

fn time(label: &str, runs: usize, budget_ms: u64, mut work: impl FnMut()) {
    work(); // warm up: font parsing and first allocations
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    samples.sort_unstable();
    let median = samples[runs / 2];
    let p95 = samples[(runs * 95 / 100).min(runs - 1)];
    let verdict = if p95 <= Duration::from_millis(budget_ms) { "within" } else { "OVER" };
    println!(
        "{label:<28} median {:>7.1} ms   p95 {:>7.1} ms   ({verdict} the {budget_ms} ms budget, {runs} runs)",
        median.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3
    );
}

fn main() {
    let until = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    for (years, runs, chart_budget, pdf_budget) in [(1u32, 40, 50, 150), (10, 10, 50, 600)] {
        let journal = demo::journal_of_years(until, years);
        let from = journal.bladder.first().unwrap().date;
        let range = DateRange::new(from, until).unwrap();
        let options = ReportOptions { range, sections: Section::ALL.to_vec(), paper: Paper::A4, generated_on: until };
        let pdf = report::render(&journal, None, &options).unwrap();
        println!(
            "{years} year(s): {} sessions, {} check-ins, {} diary days; PDF {} KiB",
            journal.sessions.len(),
            journal.checkins.len(),
            journal.bladder.len(),
            pdf.len() / 1024
        );
        let drawn = charts::all(&journal, range).unwrap();
        let counts: Vec<String> = drawn.iter().map(|c| format!("{} {}", c.id, c.element_count())).collect();
        println!(
            "SVG elements, {years} year(s): {} in all ({})",
            drawn.iter().map(charts::Chart::element_count).sum::<usize>(),
            counts.join(", ")
        );
        let each: Vec<String> = charts::ChartKind::ALL
            .iter()
            .zip(&drawn)
            .map(|(kind, chart)| {
                let start = Instant::now();
                for _ in 0..runs {
                    black_box(kind.draw(black_box(&journal), range, charts::Theme::Light).unwrap());
                }
                format!("{} {:.2} ms", chart.id, start.elapsed().as_secs_f64() * 1e3 / runs as f64)
            })
            .collect();
        println!("each chart, {years} year(s), mean: {}", each.join(", "));
        time(&format!("all charts, {years} year(s)"), runs, chart_budget, || {
            black_box(charts::all(black_box(&journal), range).unwrap());
        });
        let offset = chrono::FixedOffset::west_opt(5 * 3600).unwrap();
        let thresholds = ketalog_core::rules::Thresholds::default();
        let alerts = report::alert_history(&journal, range, offset, &thresholds);
        time(&format!("PDF, {years} year(s)"), runs, pdf_budget, || {
            black_box(report::render(black_box(&journal), Some(&alerts), &options).unwrap());
        });
        // Not budgeted: the alert history the command builds before the PDF.
        time(&format!("alert history, {years} year(s)"), runs, pdf_budget, || {
            black_box(report::alert_history(black_box(&journal), range, offset, &thresholds));
        });
    }
}
