//! Evaluation: gold loading and validation, scoring, reports. (In progress.)
