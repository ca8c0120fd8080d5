//! The clinician PDF summary.
