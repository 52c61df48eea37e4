//! The Python module `kashif._kashif`: the kashif extractor and scorer for
//! Python. It owns the conversion between Python objects and the library's
//! types (a mention becomes the same dict as a line of `kashif extract`'s
//! JSONL), running batches on a local rayon pool with the GIL released, and
//! turning library errors into Python exceptions that carry the CLI's
//! message (file and line). The pure-Python package `kashif/` re-exports it.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use chrono::NaiveDate;
use pyo3::exceptions::{PyException, PyRuntimeError, PyUserWarning, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use rayon::prelude::*;
use serde_json::Value;

use kashif::eval::dataset::{self, GoldDoc};
use kashif::eval::report::{self, ReportOptions};
use kashif::eval::summary::{self, SplitManifest};
use kashif::{ExtractOptions, Mention, RuleFiles};

pyo3::create_exception!(
    _kashif,
    KashifError,
    PyException,
    "A rules directory, gold file or prediction that kashif cannot use; the message names the file and line, as the CLI's does."
);

/// Rule profiles this build knows (the `--profile` option of the CLI,
/// folders under rules/profiles/): `anercorp` brings back ANERcorp's own
/// labelling. A test checks the list against the embedded rules.
const PROFILES: &[&str] = &[kashif::rules::profile::ANERCORP];

fn kashif_error(e: impl std::fmt::Display) -> PyErr {
    KashifError::new_err(e.to_string())
}

/// The rule files: embedded, overlaid by `rules_dir` when given.
fn rule_files(rules_dir: Option<&PathBuf>) -> PyResult<RuleFiles> {
    rule_files_with_profile(rules_dir, None)
}

/// The embedded rules with `profile` applied, then overlaid by `rules_dir`
/// (the order of the CLI's `--profile` and `--rules`).
fn rule_files_with_profile(
    rules_dir: Option<&PathBuf>,
    profile: Option<&str>,
) -> PyResult<RuleFiles> {
    let mut files = RuleFiles::embedded();
    if let Some(name) = profile {
        files.apply_profile(name).map_err(kashif_error)?;
    }
    match rules_dir {
        Some(dir) => files.overlaid(dir).map_err(kashif_error),
        None => Ok(files),
    }
}

/// A JSON value as the Python object `json.loads` would give.
fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, json_to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// The mentions of one document as the dicts of their JSONL lines: the keys
/// and their order of `kashif::io::formats::write_jsonl` (`doc start end type
/// text value rule`, then `modifier` when there is one), built directly
/// (interned keys, one `doc` string per document) because converting through
/// a `serde_json::Value` cost more than the extraction. The tests compare
/// every field with the CLI's output, byte for byte.
fn mentions_to_py<'py>(py: Python<'py>, mentions: &[Mention]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    let mut doc: Option<(&str, Bound<'py, PyString>)> = None;
    for m in mentions {
        let doc_str = match &doc {
            Some((id, s)) if *id == m.doc.as_ref() => s.clone(),
            _ => {
                let s = PyString::new(py, &m.doc);
                doc = Some((m.doc.as_ref(), s.clone()));
                s
            }
        };
        let d = PyDict::new(py);
        d.set_item(intern!(py, "doc"), doc_str)?;
        d.set_item(intern!(py, "start"), m.start)?;
        d.set_item(intern!(py, "end"), m.end)?;
        d.set_item(intern!(py, "type"), m.label.as_str())?;
        d.set_item(intern!(py, "text"), &m.text)?;
        d.set_item(intern!(py, "value"), json_to_py(py, &m.value)?)?;
        d.set_item(intern!(py, "rule"), m.rule.as_str())?;
        if let Some(modifier) = m.modifier {
            let name = serde_json::to_value(modifier)
                .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
            d.set_item(intern!(py, "modifier"), json_to_py(py, &name)?)?;
        }
        list.append(d)?;
    }
    Ok(list)
}

/// A reference date from `None`, a `YYYY-MM-DD` string or any object with
/// `year`, `month` and `day` (`datetime.date`, `datetime.datetime`, pandas
/// `Timestamp`).
fn reference_date(dateline: Option<&Bound<'_, PyAny>>) -> PyResult<Option<NaiveDate>> {
    let Some(obj) = dateline else {
        return Ok(None);
    };
    if obj.is_none() {
        return Ok(None);
    }
    if let Ok(s) = obj.extract::<String>() {
        return NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map(Some)
            .map_err(|e| PyValueError::new_err(format!("`{s}` is not a date YYYY-MM-DD: {e}")));
    }
    let part = |name: &str| -> PyResult<i32> { obj.getattr(name)?.extract::<i32>() };
    match (part("year"), part("month"), part("day")) {
        (Ok(y), Ok(m), Ok(d)) => NaiveDate::from_ymd_opt(y, m as u32, d as u32)
            .map(Some)
            .ok_or_else(|| PyValueError::new_err(format!("{y:04}-{m:02}-{d:02} is not a date"))),
        _ => Err(PyValueError::new_err(format!(
            "dateline must be None, a YYYY-MM-DD string or a date, not {}",
            obj.get_type().name()?
        ))),
    }
}

/// The extraction pipeline with its compiled rules. Loading takes a few
/// tens of milliseconds: make one and reuse it (one per Spark executor).
#[pyclass(module = "kashif._kashif", frozen)]
struct Extractor {
    inner: kashif::Extractor,
    rules_dir: Option<PathBuf>,
    profile: Option<String>,
}

impl Extractor {
    /// Extract one document; a panic (a bug in a rule) becomes an error
    /// naming the document instead of taking the interpreter down.
    fn extract_one(
        &self,
        doc: &str,
        text: &str,
        options: &ExtractOptions,
    ) -> Result<Vec<Mention>, String> {
        catch_unwind(AssertUnwindSafe(|| self.inner.extract(doc, text, options))).map_err(|_| {
            format!("{doc}: internal error while extracting (a bug, please report it)")
        })
    }
}

#[pymethods]
impl Extractor {
    /// Compile the recognizers from the embedded rules, overlaid by the
    /// files of `rules_dir` (laid out like `rules/`, as `--rules DIR`).
    /// `profile` names a rule profile (`--profile`); an unknown one raises
    /// `ValueError`. A malformed rule file raises `KashifError` naming the
    /// file and line.
    #[new]
    #[pyo3(signature = (rules_dir=None, profile=None))]
    fn new(py: Python<'_>, rules_dir: Option<PathBuf>, profile: Option<String>) -> PyResult<Self> {
        if let Some(name) = &profile {
            if !PROFILES.contains(&name.as_str()) {
                let known = if PROFILES.is_empty() {
                    "none".to_string()
                } else {
                    PROFILES.join(", ")
                };
                return Err(PyValueError::new_err(format!(
                    "unknown profile `{name}` (this build knows: {known})"
                )));
            }
        }
        let files = rule_files_with_profile(rules_dir.as_ref(), profile.as_deref())?;
        let inner = py
            .detach(|| kashif::Extractor::new(&files))
            .map_err(kashif_error)?;
        Ok(Extractor {
            inner,
            rules_dir,
            profile,
        })
    }

    /// The mentions of one document, sorted by offset, each a dict with the
    /// keys of `kashif extract`'s JSONL (`doc start end type text value rule`,
    /// plus `modifier` when a numeric span has one). Offsets are code points
    /// of `text` (a Python `str` index), end exclusive. `dateline` (a
    /// `YYYY-MM-DD` string or a date) resolves relative dates instead of the
    /// dateline found in the text, as `--reference-date` does.
    #[pyo3(signature = (text, doc_id=None, dateline=None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: String,
        doc_id: Option<String>,
        dateline: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let options = ExtractOptions {
            reference_date: reference_date(dateline.as_ref())?,
            ..ExtractOptions::default()
        };
        let doc = doc_id.unwrap_or_else(|| "doc".to_string());
        let mentions = py
            .detach(|| self.extract_one(&doc, &text, &options))
            .map_err(PyRuntimeError::new_err)?;
        mentions_to_py(py, &mentions)
    }

    /// The mentions of many documents (one list per text, in order),
    /// extracted in parallel on a local pool of `threads` threads (default:
    /// all cores; one thread runs in the calling thread) with the GIL
    /// released. `doc_ids` defaults to the texts'
    /// indexes (`"0"`, `"1"`, …); `datelines` gives a reference date per text.
    #[pyo3(signature = (texts, threads=None, doc_ids=None, datelines=None))]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<String>,
        threads: Option<usize>,
        doc_ids: Option<Vec<String>>,
        datelines: Option<Vec<Bound<'py, PyAny>>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let n = texts.len();
        let doc_ids = match doc_ids {
            Some(ids) if ids.len() != n => {
                return Err(PyValueError::new_err(format!(
                    "doc_ids has {} items for {n} texts",
                    ids.len()
                )))
            }
            Some(ids) => ids,
            None => (0..n).map(|i| i.to_string()).collect(),
        };
        let options: Vec<ExtractOptions> = match datelines {
            Some(d) if d.len() != n => {
                return Err(PyValueError::new_err(format!(
                    "datelines has {} items for {n} texts",
                    d.len()
                )))
            }
            Some(d) => d
                .iter()
                .map(|obj| {
                    Ok(ExtractOptions {
                        reference_date: reference_date(Some(obj))?,
                        ..ExtractOptions::default()
                    })
                })
                .collect::<PyResult<_>>()?,
            None => vec![ExtractOptions::default(); n],
        };
        let threads = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let results: Vec<Result<Vec<Mention>, String>> = py
            .detach(|| -> Result<Vec<Result<Vec<Mention>, String>>, String> {
                if threads == 1 || n < 2 {
                    return Ok(texts
                        .iter()
                        .zip(&doc_ids)
                        .zip(&options)
                        .map(|((text, doc), options)| self.extract_one(doc, text, options))
                        .collect());
                }
                // A pool of its own per call: two Python threads calling at once
                // each get their threads instead of queueing on a shared pool.
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads.min(n))
                    .thread_name(|i| format!("kashif-{i}"))
                    .build()
                    .map_err(|e| format!("kashif: cannot start {threads} threads: {e}"))?;
                Ok(pool.install(|| {
                    texts
                        .par_iter()
                        .zip(doc_ids.par_iter())
                        .zip(options.par_iter())
                        .map(|((text, doc), options)| self.extract_one(doc, text, options))
                        .collect()
                }))
            })
            .map_err(PyRuntimeError::new_err)?;
        let out = PyList::empty(py);
        for result in results {
            let mentions = result.map_err(PyRuntimeError::new_err)?;
            out.append(mentions_to_py(py, &mentions)?)?;
        }
        Ok(out)
    }

    /// The rules directory overlaid on the embedded rules, if any.
    #[getter]
    fn rules_dir(&self) -> Option<PathBuf> {
        self.rules_dir.clone()
    }

    /// The rule profile, if any.
    #[getter]
    fn profile(&self) -> Option<String> {
        self.profile.clone()
    }

    fn __repr__(&self) -> String {
        format!(
            "kashif.Extractor(rules_dir={}, profile={})",
            self.rules_dir
                .as_ref()
                .map_or("None".to_string(), |d| format!(
                    "{:?}",
                    d.display().to_string()
                )),
            self.profile
                .as_ref()
                .map_or("None".to_string(), |p| format!("{p:?}"))
        )
    }
}

/// Score predictions against gold, as `kashif eval --pred FILE --format json`
/// does, and return that report as a dict (with the by-document table, each
/// document's split read from `corpus/split.csv` when there is one).
///
/// `gold_path` is a gold directory (every `<doc>.csv` in it is scored) or one
/// gold CSV file; `corpus` is the directory of the documents (`<doc>.txt`),
/// by default the `corpus` directory beside the gold directory. `pred` is
/// the JSONL text of the predictions (the Python wrapper serializes a list
/// of mention dicts or reads a file); `pred_name` names it in error messages.
#[pyfunction]
#[pyo3(signature = (gold_path, pred_jsonl, pred_name, corpus=None, rules_dir=None, errors=false))]
fn evaluate_jsonl<'py>(
    py: Python<'py>,
    gold_path: PathBuf,
    pred_jsonl: String,
    pred_name: String,
    corpus: Option<PathBuf>,
    rules_dir: Option<PathBuf>,
    errors: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let gold_dir = if gold_path.is_dir() {
        gold_path.clone()
    } else {
        gold_path
            .parent()
            .map_or_else(|| PathBuf::from("."), PathBuf::from)
    };
    let corpus = corpus.unwrap_or_else(|| gold_dir.join("..").join("corpus"));
    let files = rule_files(rules_dir.as_ref())?;
    let (report, unknown) = py
        .detach(|| -> Result<(Value, Vec<String>), String> {
            let docs: Vec<GoldDoc> = if gold_path.is_dir() {
                dataset::load_corpus(&corpus, &gold_path).map_err(|m| m.join("\n"))?
            } else {
                vec![dataset::load_gold_file(&corpus, &gold_path).map_err(|m| m.join("\n"))?]
            };
            let (scored, unknown) = dataset::with_predictions(docs, &pred_name, &pred_jsonl)
                .map_err(|e| e.to_string())?;
            let known = report::known_rule_ids(&files);
            let ev = kashif::eval::evaluate(&scored, &known);
            let opts = ReportOptions {
                errors,
                rule_report: false,
            };
            let manifest = SplitManifest::read(&corpus).map_err(|e| e.to_string())?;
            let by_doc = summary::doc_table(&scored, manifest.as_ref());
            Ok((summary::json_report(&ev, opts, &by_doc, None), unknown))
        })
        .map_err(KashifError::new_err)?;
    if !unknown.is_empty() {
        let message = format!(
            "{pred_name}: ignoring predictions for {} document(s) without gold: {}",
            unknown.len(),
            unknown.join(", ")
        );
        let category = py.get_type::<PyUserWarning>();
        PyErr::warn(py, &category, &std::ffi::CString::new(message)?, 1)?;
    }
    json_to_py(py, &report)
}

/// The names of the rule profiles this build knows.
#[pyfunction]
fn profiles() -> Vec<&'static str> {
    PROFILES.to_vec()
}

#[pymodule]
fn _kashif(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Extractor>()?;
    m.add_function(wrap_pyfunction!(evaluate_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(profiles, m)?)?;
    m.add("KashifError", m.py().get_type::<KashifError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
