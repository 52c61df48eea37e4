//! The streaming engine of `kashif extract`. The calling thread reads
//! inputs (files, JSONL lines: raw bytes, no decoding or parsing) and groups
//! them into chunks (about `CHUNK_BYTES` of text, so the hand-off cost stays
//! small for short articles while a long document travels alone); `threads`
//! worker threads decode, parse, extract and format whole chunks into byte
//! buffers, a long document's output leaving in parts as its windows are
//! done; one writer thread puts the buffers back in input order (a reorder
//! buffer keyed by chunk number), refuses duplicate ids and writes. Reading,
//! extraction and writing overlap. An in-flight budget (chunks and text bytes) bounds memory
//! however far the reader or a fast worker runs ahead of a slow one. The
//! output bytes and the order of messages on stderr are those of a serial run.
//!
//! The rules compile on the writer thread (`Compile`) while the reader
//! reads and the workers parse the first chunks ahead (JSON, UTF-8): on
//! this 2-core machine start-up would otherwise leave one core idle.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io::{BufWriter, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::Duration;

use kashif::io::formats::{self, Format};
use kashif::{ExtractOptions, Extractor};

use super::{write, Item, Place, Progress};

/// A chunk is sent once it holds this many bytes of text…
pub const CHUNK_BYTES: usize = 64 * 1024;
/// …or this many documents, whichever comes first.
pub const CHUNK_DOCS: usize = 64;
/// Near the end of an input of known size (the last `TAIL_CHUNKS` full
/// chunks per worker) chunks are this small, so the workers finish
/// together instead of one waiting for the other's last chunk.
const TAIL_CHUNK_BYTES: usize = 8 * 1024;
const TAIL_CHUNKS: usize = 2;
/// Text bytes read but not yet written, at most (a larger chunk travels alone).
const MAX_IN_FLIGHT_BYTES: usize = 16 << 20;
/// Chunks read but not yet written, at most, per worker thread.
const MAX_IN_FLIGHT_CHUNKS_PER_THREAD: usize = 4;
/// Chunks read but not yet written, at most, while the rules compile (the
/// workers parse them ahead; the byte budget still holds).
const MAX_IN_FLIGHT_CHUNKS_COMPILING: usize = 128;
/// How long a worker parsing ahead waits for a chunk before it looks
/// whether the rules are compiled.
const PARSE_AHEAD_POLL: Duration = Duration::from_millis(1);

/// The extractor, compiled once by whichever thread asks first (the writer
/// does as the run starts); the others wait for it.
pub struct Compile<'a> {
    built: OnceLock<Result<Extractor, i32>>,
    build: Mutex<Option<Build<'a>>>,
}

/// Compiles the extractor, or prints why not and gives the exit code.
type Build<'a> = Box<dyn FnOnce() -> Result<Extractor, i32> + Send + 'a>;

impl<'a> Compile<'a> {
    /// `build` compiles the extractor, or prints why not and gives the exit code.
    pub fn new(build: impl FnOnce() -> Result<Extractor, i32> + Send + 'a) -> Self {
        Compile {
            built: OnceLock::new(),
            build: Mutex::new(Some(Box::new(build))),
        }
    }

    /// The extractor, compiled now or waited for.
    pub fn get(&self) -> Result<&Extractor, i32> {
        let built = self.built.get_or_init(|| {
            let build = self
                .build
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            // Taken by an earlier attempt that panicked: that panic is reported.
            build.map_or(Err(101), |build| build())
        });
        built.as_ref().map_err(|&code| code)
    }

    /// Compiled (or failed) already.
    fn done(&self) -> bool {
        self.built.get().is_some()
    }

    /// The exit code of a failed compilation.
    pub fn failed(&self) -> Option<i32> {
        self.built
            .get()
            .and_then(|built| built.as_ref().err().copied())
    }
}

/// What the pipeline needs to extract and write.
pub struct Settings<'a> {
    pub compile: &'a Compile<'a>,
    /// Printed on stderr once the rules compiled, before any other message.
    pub warnings: Vec<String>,
    pub options: &'a ExtractOptions,
    pub format: Format,
    /// Worker threads extracting in parallel (at least 1).
    pub threads: usize,
    /// Total input bytes, for the progress bar, when known.
    pub total_bytes: Option<u64>,
}

/// How a run ended.
pub struct Outcome {
    /// Some input was refused or failed (its message is on stderr).
    pub failed: bool,
    /// The first write failure; the run stopped there.
    pub write_error: Option<String>,
}

/// Documents (or the errors that replaced them) read together, in order.
struct Chunk {
    seq: u64,
    text_bytes: usize,
    items: Vec<Item>,
}

/// What became of one item of a chunk.
enum Event {
    /// A document's output follows (unless its id was seen before).
    Start { id: Arc<str>, place: Place },
    /// A document's output ends at this offset of the chunk's buffer.
    Written { end: usize, text_bytes: usize },
    /// Part of a long document's output ends at this offset; the rest follows.
    Part { end: usize },
    /// The item failed; the message goes to stderr.
    Failed(String),
    /// The output could not be formatted; the run stops.
    Fatal(String),
}

/// A chunk extracted and formatted, or a part of it: a long document's
/// output leaves in parts of about `PART_BYTES` as its windows are done,
/// so it is never held whole.
struct Done {
    seq: u64,
    text_bytes: usize,
    output: Vec<u8>,
    events: Vec<Event>,
    /// The chunk's last part.
    last: bool,
}

/// A long document's output is handed to the writer once this much of it
/// is formatted (JSONL and CSV; brat numbers its lines and CoNLL needs the
/// whole document, so those are written whole).
const PART_BYTES: usize = 1 << 20;

/// A first guess of a chunk's output bytes per byte of its text (JSONL
/// writes about 2.6 on news articles), for its buffer's first size.
const OUTPUT_BYTES_PER_TEXT_BYTE: usize = 3;

/// The in-flight budget: the reader takes a share before sending a chunk,
/// the writer gives it back once the chunk is written.
struct Budget {
    /// (chunks, text bytes) in flight.
    state: Mutex<(usize, usize)>,
    freed: Condvar,
    max_chunks: usize,
    /// The rules are compiling: more chunks may wait, parsed ahead.
    compiling: AtomicBool,
}

impl Budget {
    fn lock(&self) -> MutexGuard<'_, (usize, usize)> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn acquire(&self, bytes: usize) {
        let mut state = self.lock();
        loop {
            let max_chunks = if self.compiling.load(Ordering::Relaxed) {
                self.max_chunks.max(MAX_IN_FLIGHT_CHUNKS_COMPILING)
            } else {
                self.max_chunks
            };
            if state.0 == 0 || (state.0 < max_chunks && state.1 + bytes <= MAX_IN_FLIGHT_BYTES) {
                break;
            }
            state = self
                .freed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.0 += 1;
        state.1 += bytes;
    }

    fn release(&self, bytes: usize) {
        let mut state = self.lock();
        state.0 = state.0.saturating_sub(1);
        state.1 = state.1.saturating_sub(bytes);
        self.freed.notify_all();
    }
}

/// The reader's end of the pipeline: items pushed here are extracted and
/// written in the order pushed.
pub struct Feeder<'a> {
    jobs: Sender<Chunk>,
    budget: &'a Budget,
    stop: &'a AtomicBool,
    seq: u64,
    items: Vec<Item>,
    text_bytes: usize,
    /// Input bytes not read yet, when the input's size is known and more
    /// than one worker shares it.
    unread: Option<u64>,
    /// Below this many unread bytes, chunks are `TAIL_CHUNK_BYTES` long.
    tail_bytes: u64,
}

impl Feeder<'_> {
    /// Queue one item; a full chunk goes to the workers.
    pub fn push(&mut self, item: Item) {
        if self.stopped() {
            return;
        }
        let len = item.len();
        self.text_bytes += len;
        self.items.push(item);
        let chunk_bytes = match &mut self.unread {
            Some(unread) => {
                // The line's end or the file's name are not counted: near enough.
                *unread = unread.saturating_sub(len as u64 + 1);
                if *unread < self.tail_bytes {
                    TAIL_CHUNK_BYTES
                } else {
                    CHUNK_BYTES
                }
            }
            None => CHUNK_BYTES,
        };
        if self.text_bytes >= chunk_bytes || self.items.len() >= CHUNK_DOCS {
            self.send();
        }
    }

    /// True once a write failed: reading more is pointless.
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn send(&mut self) {
        if self.items.is_empty() {
            return;
        }
        let chunk = Chunk {
            seq: self.seq,
            text_bytes: std::mem::take(&mut self.text_bytes),
            items: std::mem::replace(&mut self.items, Vec::with_capacity(CHUNK_DOCS)),
        };
        self.budget.acquire(chunk.text_bytes);
        self.seq += 1;
        // The workers outlive the feeder, so the send cannot fail.
        let _ = self.jobs.send(chunk);
    }
}

/// Run the pipeline: `read` pushes the input items into the feeder (on the
/// calling thread) while the workers and the writer run.
pub fn run(settings: &Settings<'_>, read: impl FnOnce(&mut Feeder<'_>)) -> Outcome {
    let threads = settings.threads.max(1);
    let budget = Budget {
        state: Mutex::new((0, 0)),
        freed: Condvar::new(),
        max_chunks: MAX_IN_FLIGHT_CHUNKS_PER_THREAD * threads,
        compiling: AtomicBool::new(true),
    };
    let stop = AtomicBool::new(false);
    let spare_buffers: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());
    let parsed_ahead: Mutex<BTreeMap<u64, Parsed>> = Mutex::new(BTreeMap::new());
    let (jobs_tx, jobs_rx) = mpsc::channel::<Chunk>();
    let jobs_rx = Mutex::new(jobs_rx);
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (jobs_rx, ahead, stop, spare, budget) =
                (&jobs_rx, &parsed_ahead, &stop, &spare_buffers, &budget);
            scope.spawn(move || work(settings, jobs_rx, ahead, &done_tx, stop, spare, budget));
        }
        drop(done_tx);
        let writer =
            scope.spawn(|| write_in_order(settings, done_rx, &budget, &stop, &spare_buffers));
        let mut feeder = Feeder {
            jobs: jobs_tx,
            budget: &budget,
            stop: &stop,
            seq: 0,
            items: Vec::with_capacity(CHUNK_DOCS),
            text_bytes: 0,
            unread: settings.total_bytes.filter(|_| threads > 1),
            tail_bytes: (TAIL_CHUNKS * CHUNK_BYTES * threads) as u64,
        };
        read(&mut feeder);
        feeder.send();
        drop(feeder);
        writer.join().unwrap_or_else(|_| Outcome {
            failed: true,
            write_error: Some("internal error in the output writer".to_string()),
        })
    })
}

/// A chunk's items decoded and parsed, or the messages that replace them.
struct Parsed {
    seq: u64,
    text_bytes: usize,
    docs: Vec<Result<(kashif::io::Document, Place), String>>,
}

impl Chunk {
    fn parse(self) -> Parsed {
        Parsed {
            seq: self.seq,
            text_bytes: self.text_bytes,
            docs: self.items.into_iter().map(Item::parse).collect(),
        }
    }
}

/// A worker: take chunks, parse them, extract and format each document
/// into one buffer. While the rules compile it parses the chunks it can
/// get into `ahead` (the budget lets more of them wait then), which every
/// worker then takes from first, in input order, so they share that work.
fn work(
    settings: &Settings<'_>,
    jobs: &Mutex<Receiver<Chunk>>,
    ahead: &Mutex<BTreeMap<u64, Parsed>>,
    done: &Sender<Done>,
    stop: &AtomicBool,
    spare: &Mutex<Vec<Vec<u8>>>,
    budget: &Budget,
) {
    let recv = |wait: Option<Duration>| {
        let jobs = jobs.lock().unwrap_or_else(PoisonError::into_inner);
        match wait {
            Some(wait) => jobs.recv_timeout(wait),
            None => jobs.recv().map_err(|_| RecvTimeoutError::Disconnected),
        }
    };
    let lock_ahead = || ahead.lock().unwrap_or_else(PoisonError::into_inner);
    while !settings.compile.done() {
        match recv(Some(PARSE_AHEAD_POLL)) {
            Ok(chunk) => {
                let parsed = chunk.parse();
                lock_ahead().insert(parsed.seq, parsed);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    let Ok(extractor) = settings.compile.get() else {
        // Nothing can be extracted: reading stops, and the chunks read go.
        stop.store(true, Ordering::Relaxed);
        let parsed_ahead = std::mem::take(&mut *lock_ahead());
        for parsed in parsed_ahead.into_values() {
            budget.release(parsed.text_bytes);
        }
        while let Ok(chunk) = recv(None) {
            budget.release(chunk.text_bytes);
        }
        return;
    };
    let take_buffer = || {
        spare
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .unwrap_or_default()
    };
    // A worker that parsed ahead looks here before it waits for a chunk,
    // so none is left behind.
    let next = || {
        // (The lock is let go before waiting for a chunk.)
        let first = lock_ahead().pop_first();
        match first {
            Some((_, parsed)) => Some(parsed),
            None => recv(None).ok().map(Chunk::parse),
        }
    };
    while let Some(parsed) = next() {
        if !extract_chunk(settings, extractor, parsed, done, stop, &take_buffer) {
            return;
        }
    }
}

/// Extract and format the documents of a parsed chunk and send the output
/// on; false once the writer is gone.
fn extract_chunk(
    settings: &Settings<'_>,
    extractor: &Extractor,
    parsed: Parsed,
    done: &Sender<Done>,
    stop: &AtomicBool,
    take_buffer: &dyn Fn() -> Vec<u8>,
) -> bool {
    let mut part = Done {
        seq: parsed.seq,
        text_bytes: parsed.text_bytes,
        output: take_buffer(),
        events: Vec::with_capacity(parsed.docs.len()),
        last: false,
    };
    // Room for the chunk's output at once (JSONL writes about 2.6 bytes a
    // byte of text): a new buffer grown document by document was moved
    // about six times before the writer gave it back for reuse. A long
    // document's output leaves in parts, so no more than a part is asked.
    part.output
        .reserve((OUTPUT_BYTES_PER_TEXT_BYTE * parsed.text_bytes).min(PART_BYTES));
    for item in parsed.docs {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let event = match item {
            Err(message) => Event::Failed(message),
            Ok((doc, place)) => {
                part.events.push(Event::Start {
                    id: doc.id.clone(),
                    place,
                });
                extract_one(
                    settings,
                    extractor,
                    &doc,
                    &mut part,
                    &mut |part: &mut Done| {
                        // Send what is formatted; the chunk goes on in a new buffer.
                        let next = Done {
                            seq: part.seq,
                            text_bytes: part.text_bytes,
                            output: take_buffer(),
                            events: Vec::new(),
                            last: false,
                        };
                        done.send(std::mem::replace(part, next)).is_ok()
                    },
                )
            }
        };
        part.events.push(event);
    }
    part.last = true;
    done.send(part).is_ok()
}

/// Extract one document and append its output to `part.output`; a long
/// document in JSONL or CSV sends each `PART_BYTES` of output on with `send`
/// (after a `Part` event) as soon as its windows are done.
fn extract_one(
    settings: &Settings<'_>,
    extractor: &Extractor,
    doc: &kashif::io::Document,
    part: &mut Done,
    send: &mut dyn FnMut(&mut Done) -> bool,
) -> Event {
    let mut start = part.output.len();
    let mut sent_parts = false;
    let streams = matches!(settings.format, Format::Jsonl | Format::Csv);
    // A bug in a rule must cost one document, not the run: the panic
    // message is printed above this document's error.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if !streams {
            let mentions = extractor.extract(&doc.id, &doc.text, settings.options);
            return write(&mut part.output, settings.format, doc, &mentions);
        }
        let mut result = Ok(());
        extractor.extract_windows(&doc.id, &doc.text, settings.options, |mentions| {
            if result.is_err() {
                return;
            }
            result = write(&mut part.output, settings.format, doc, &mentions);
            if result.is_ok() && part.output.len() >= PART_BYTES {
                part.events.push(Event::Part {
                    end: part.output.len(),
                });
                sent_parts = true;
                if !send(part) {
                    result = Err(kashif::Error::Invalid("the output writer stopped".into()));
                }
                start = 0;
            }
        });
        result
    }));
    match run {
        Ok(Ok(())) => Event::Written {
            end: part.output.len(),
            text_bytes: doc.text.len(),
        },
        Ok(Err(e)) => {
            part.output.truncate(start);
            Event::Fatal(match e {
                kashif::Error::Io(io) => io.to_string(),
                other => other.to_string(),
            })
        }
        Err(_) => {
            part.output.truncate(start);
            Event::Failed(if sent_parts {
                format!(
                    "{}: internal error while extracting (a bug, please report it); the output of this document is incomplete",
                    doc.id
                )
            } else {
                format!(
                    "{}: internal error while extracting (a bug, please report it); document skipped",
                    doc.id
                )
            })
        }
    }
}

/// Documents' outputs that follow one another in a chunk's buffer, not
/// written yet.
#[derive(Default)]
struct Run {
    bytes: std::ops::Range<usize>,
    /// The text bytes of each document whose output ends in the run.
    documents: Vec<usize>,
}

impl Run {
    /// Write the run (unless a write failed before) and start the next
    /// where it ends; the first failure is the outcome's.
    fn write(
        &mut self,
        out: &mut impl Write,
        output: &[u8],
        progress: &mut Progress,
        outcome: &mut Outcome,
    ) {
        if outcome.write_error.is_none() && !self.bytes.is_empty() {
            if let Err(e) = out.write_all(&output[self.bytes.clone()]) {
                outcome.write_error = Some(e.to_string());
            }
        }
        if outcome.write_error.is_none() {
            for &text_bytes in &self.documents {
                progress.document(text_bytes);
            }
        }
        self.documents.clear();
        self.bytes.start = self.bytes.end;
    }
}

/// The writer: put finished chunks back in input order and write them.
fn write_in_order(
    settings: &Settings<'_>,
    done: Receiver<Done>,
    budget: &Budget,
    stop: &AtomicBool,
    spare: &Mutex<Vec<Vec<u8>>>,
) -> Outcome {
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let compiled = settings.compile.get();
    budget.compiling.store(false, Ordering::Relaxed);
    if compiled.is_err() {
        return Outcome {
            failed: true,
            write_error: None,
        };
    }
    let mut progress = Progress::new(settings.total_bytes);
    let mut outcome = Outcome {
        failed: false,
        write_error: None,
    };
    for warning in &settings.warnings {
        progress.warn(&format!("kashif extract: warning: {warning}"));
    }
    let mut first_output = true;
    // Document id → where it was first read; a later document with the same
    // id is refused (its output, already extracted, is dropped).
    let mut seen: HashMap<Arc<str>, Place> = HashMap::new();
    let mut skipping = false;
    // Parts of chunks not yet writable, in the order each chunk sent them.
    let mut pending: BTreeMap<u64, VecDeque<Done>> = BTreeMap::new();
    let mut next = 0u64;
    for finished in done {
        pending.entry(finished.seq).or_default().push_back(finished);
        while let Some(mut chunk) = pending.get_mut(&next).and_then(VecDeque::pop_front) {
            if chunk.last {
                pending.remove(&next);
                next += 1;
            }
            let mut start = 0;
            // The documents' outputs that follow one another in the chunk
            // are written with one call (mostly larger than the writer's
            // buffer, so not copied into it): before anything else is
            // said and at the chunk's end.
            let mut run = Run::default();
            for event in chunk.events.drain(..) {
                if outcome.write_error.is_some() {
                    break;
                }
                match event {
                    Event::Start { id, place } => match seen.get(&id) {
                        Some(first) => {
                            run.write(&mut out, &chunk.output, &mut progress, &mut outcome);
                            progress.warn(&format!(
                                "kashif extract: {place}: duplicate document id `{id}` (first read from {first}); document skipped"
                            ));
                            outcome.failed = true;
                            skipping = true;
                        }
                        None => {
                            seen.insert(id, place);
                        }
                    },
                    Event::Written { end, .. } | Event::Part { end } if skipping => {
                        skipping = matches!(event, Event::Part { .. });
                        start = end;
                    }
                    Event::Written { end, .. } | Event::Part { end } => {
                        if first_output && settings.format == Format::Csv {
                            if let Err(e) = formats::write_csv(&mut out, &[], true) {
                                outcome.write_error = Some(match e {
                                    kashif::Error::Io(io) => io.to_string(),
                                    other => other.to_string(),
                                });
                                break;
                            }
                        }
                        first_output = false;
                        if run.bytes.end != start {
                            // A skipped document's output lies between.
                            run.write(&mut out, &chunk.output, &mut progress, &mut outcome);
                            run.bytes = start..start;
                        }
                        run.bytes.end = end;
                        if let Event::Written { text_bytes, .. } = event {
                            run.documents.push(text_bytes);
                        }
                        start = end;
                    }
                    Event::Failed(message) => {
                        run.write(&mut out, &chunk.output, &mut progress, &mut outcome);
                        progress.warn(&format!("kashif extract: {message}"));
                        outcome.failed = true;
                    }
                    Event::Fatal(message) => {
                        run.write(&mut out, &chunk.output, &mut progress, &mut outcome);
                        if outcome.write_error.is_none() {
                            outcome.write_error = Some(message);
                        }
                    }
                }
            }
            run.write(&mut out, &chunk.output, &mut progress, &mut outcome);
            if outcome.write_error.is_some() {
                stop.store(true, Ordering::Relaxed);
            }
            if chunk.last {
                budget.release(chunk.text_bytes);
            }
            chunk.output.clear();
            let mut spare = spare.lock().unwrap_or_else(PoisonError::into_inner);
            if spare.len() < 2 * settings.threads.max(1) {
                spare.push(chunk.output);
            }
        }
    }
    if outcome.write_error.is_none() {
        if let Err(e) = out.flush() {
            outcome.write_error = Some(e.to_string());
        }
    }
    progress.finish();
    outcome
}
