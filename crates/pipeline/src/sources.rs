//! Inputs from the command line: files, directories (walked recursively, sorted), JSONL files
//! (one document per line) and stdin, read lazily one at a time.
//!
//! Kinds by extension: `.txt`/`.text`/`.md` are plain text (first line is the title),
//! `.html`/`.htm`/`.xhtml` HTML, `.jsonl`/`.ndjson` one JSON document per line. A file named
//! explicitly with another extension (or stdin) is sniffed; inside directories such files and
//! hidden entries are skipped.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::dates::parse_date;
use crate::{Hints, InputKind, RawInput};

/// A source named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Path(PathBuf),
    Stdin,
}

/// How sources are read.
#[derive(Debug, Clone)]
pub struct SourceOptions {
    /// Largest text or HTML file read (bytes); larger files fail with a message.
    pub max_file_bytes: u64,
    /// Largest JSONL line (bytes).
    pub max_line_bytes: u64,
    /// Metadata applied to every input that is a single named file or stdin (not to files
    /// found in directories nor to JSONL records, which carry their own).
    pub hints: Hints,
}

impl Default for SourceOptions {
    fn default() -> Self {
        SourceOptions {
            max_file_bytes: 64 * 1024 * 1024,
            max_line_bytes: 64 * 1024 * 1024,
            hints: Hints::default(),
        }
    }
}

/// An input that could not be read, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub origin: String,
    pub message: String,
    /// Bytes this input accounts for (for progress).
    pub bytes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Text,
    Html,
    Jsonl,
}

#[derive(Debug)]
struct Planned {
    origin: String,
    path: Option<PathBuf>,
    kind: Option<FileKind>,
    size: u64,
    named: bool,
}

fn kind_by_extension(path: &Path) -> Option<FileKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" | "md" => Some(FileKind::Text),
        "html" | "htm" | "xhtml" => Some(FileKind::Html),
        "jsonl" | "ndjson" => Some(FileKind::Jsonl),
        _ => None,
    }
}

fn sniff(bytes: &[u8]) -> FileKind {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        FileKind::Jsonl
    } else if trimmed.starts_with("<!doctype html")
        || trimmed.starts_with("<html")
        || (trimmed.starts_with('<') && (head.contains("<body") || head.contains("<p")))
    {
        FileKind::Html
    } else {
        FileKind::Text
    }
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0
        && entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.'))
}

/// The inputs of a run, read lazily.
pub struct Inputs {
    queue: VecDeque<Planned>,
    errors: VecDeque<InputError>,
    jsonl: Option<(String, Box<dyn BufRead + Send>, usize)>,
    opts: SourceOptions,
    total_bytes: u64,
    skipped: usize,
}

impl Inputs {
    /// Plan the inputs of `sources`: walk directories, stat files. Problems found here (missing
    /// paths, unreadable directories) come out of the iterator as errors.
    pub fn new(sources: &[Source], opts: SourceOptions) -> Self {
        let mut queue = VecDeque::new();
        let mut errors = VecDeque::new();
        let mut skipped = 0;
        for source in sources {
            match source {
                Source::Stdin => queue.push_back(Planned {
                    origin: "-".into(),
                    path: None,
                    kind: None,
                    size: 0,
                    named: true,
                }),
                Source::Path(path) => {
                    let meta = match std::fs::metadata(path) {
                        Ok(m) => m,
                        Err(e) => {
                            errors.push_back(InputError {
                                origin: path.display().to_string(),
                                message: io_message(&e),
                                bytes: 0,
                            });
                            continue;
                        }
                    };
                    if meta.is_dir() {
                        let walker = walkdir::WalkDir::new(path)
                            .follow_links(true)
                            .sort_by_file_name()
                            .into_iter()
                            .filter_entry(|e| !is_hidden(e));
                        for entry in walker {
                            match entry {
                                Ok(e) if e.file_type().is_file() => {
                                    match kind_by_extension(e.path()) {
                                        Some(kind) => queue.push_back(Planned {
                                            origin: e.path().display().to_string(),
                                            path: Some(e.path().to_path_buf()),
                                            kind: Some(kind),
                                            size: e.metadata().map(|m| m.len()).unwrap_or(0),
                                            named: false,
                                        }),
                                        None => skipped += 1,
                                    }
                                }
                                Ok(_) => {}
                                Err(e) => errors.push_back(InputError {
                                    origin: e
                                        .path()
                                        .map(|p| p.display().to_string())
                                        .unwrap_or_else(|| path.display().to_string()),
                                    message: e
                                        .io_error()
                                        .map(io_message)
                                        .unwrap_or_else(|| e.to_string()),
                                    bytes: 0,
                                }),
                            }
                        }
                    } else {
                        queue.push_back(Planned {
                            origin: path.display().to_string(),
                            path: Some(path.clone()),
                            kind: kind_by_extension(path),
                            size: meta.len(),
                            named: true,
                        });
                    }
                }
            }
        }
        let total_bytes = queue.iter().map(|p| p.size).sum();
        Inputs {
            queue,
            errors,
            jsonl: None,
            opts,
            total_bytes,
            skipped,
        }
    }

    /// Total size of the planned files (stdin counts as 0).
    pub fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    /// Files inside directories that were skipped because of their extension.
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    fn next_jsonl(&mut self) -> Option<Result<RawInput, InputError>> {
        let (origin, reader, line_no) = self.jsonl.as_mut()?;
        let max = self.opts.max_line_bytes;
        loop {
            *line_no += 1;
            let mut buf = Vec::new();
            let read = reader.by_ref().take(max + 1).read_until(b'\n', &mut buf);
            let at = format!("{origin}:{line_no}");
            match read {
                Err(e) => {
                    let err = InputError {
                        origin: at,
                        message: io_message(&e),
                        bytes: 0,
                    };
                    self.jsonl = None;
                    return Some(Err(err));
                }
                Ok(0) => {
                    self.jsonl = None;
                    return None;
                }
                Ok(n) => {
                    if n as u64 > max && buf.last() != Some(&b'\n') {
                        // Skip the rest of the over-long line.
                        let mut sink = Vec::new();
                        let _ = reader.read_until(b'\n', &mut sink);
                        return Some(Err(InputError {
                            origin: at,
                            message: format!("line longer than {} bytes", max),
                            bytes: (n + sink.len()) as u64,
                        }));
                    }
                    if buf.iter().all(|b| b.is_ascii_whitespace()) {
                        continue;
                    }
                    return Some(jsonl_record(&at, &buf));
                }
            }
        }
    }

    fn read_planned(&mut self, p: Planned) -> Option<Result<RawInput, InputError>> {
        let fail = |message: String| InputError {
            origin: p.origin.clone(),
            message,
            bytes: p.size,
        };
        let max = self.opts.max_file_bytes;
        // JSONL files stream line by line; they are not subject to the file size limit.
        if p.kind == Some(FileKind::Jsonl)
            && let Some(path) = &p.path
        {
            return match File::open(path) {
                Ok(f) => {
                    self.jsonl = Some((p.origin.clone(), Box::new(BufReader::new(f)), 0));
                    self.next()
                }
                Err(e) => Some(Err(fail(io_message(&e)))),
            };
        }
        if p.size > max {
            return Some(Err(fail(format!(
                "file too large ({}; the limit is {})",
                human_bytes(p.size),
                human_bytes(max)
            ))));
        }
        let bytes = match &p.path {
            Some(path) => match File::open(path) {
                Ok(f) => read_capped(f, max),
                Err(e) => return Some(Err(fail(io_message(&e)))),
            },
            None => read_capped(std::io::stdin().lock(), max),
        };
        let bytes = match bytes {
            Ok(Some(b)) => b,
            Ok(None) => {
                return Some(Err(fail(format!(
                    "input too large (the limit is {})",
                    human_bytes(max)
                ))));
            }
            Err(e) => return Some(Err(fail(io_message(&e)))),
        };
        let kind = p.kind.unwrap_or_else(|| sniff(&bytes));
        if kind == FileKind::Jsonl {
            let origin = p.origin.clone();
            self.jsonl = Some((origin, Box::new(std::io::Cursor::new(bytes)), 0));
            return self.next();
        }
        Some(Ok(RawInput {
            origin: p.origin,
            kind: if kind == FileKind::Html {
                InputKind::Html
            } else {
                InputKind::Text
            },
            bytes,
            content_type: None,
            hints: if p.named {
                self.opts.hints.clone()
            } else {
                Hints::default()
            },
        }))
    }
}

impl Iterator for Inputs {
    type Item = Result<RawInput, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.errors.pop_front() {
            return Some(Err(e));
        }
        if self.jsonl.is_some()
            && let Some(item) = self.next_jsonl()
        {
            return Some(item);
        }
        let planned = self.queue.pop_front()?;
        self.read_planned(planned)
    }
}

/// Read at most `max` bytes; None when the input is longer.
fn read_capped(r: impl Read, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    r.take(max + 1).read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= max).then_some(buf))
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

/// "1.5 MB".
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KB", "MB", "GB"];
    let mut v = n as f64;
    let mut unit = 0;
    while v >= 1000.0 && unit < UNITS.len() - 1 {
        v /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} bytes")
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

/// One JSONL record: `{"title", "text" | "html", "url", "site_name" | "source", "published",
/// "byline", "language"}`.
fn jsonl_record(origin: &str, line: &[u8]) -> Result<RawInput, InputError> {
    let fail = |message: String| InputError {
        origin: origin.to_string(),
        message,
        bytes: line.len() as u64,
    };
    let line = String::from_utf8_lossy(line);
    let value: serde_json::Value =
        serde_json::from_str(&line).map_err(|e| fail(format!("invalid JSON: {e}")))?;
    let obj = value
        .as_object()
        .ok_or_else(|| fail("expected a JSON object".into()))?;
    let field = |k: &str| obj.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let mut hints = Hints {
        url: field("url"),
        byline: field("byline").or_else(|| field("author")),
        site_name: field("site_name").or_else(|| field("source")),
        language: field("language"),
        ..Hints::default()
    };
    if let Some(p) = field("published").or_else(|| field("date")) {
        let (ts, precision) =
            parse_date(&p).ok_or_else(|| fail(format!("cannot read \"published\": {p:?}")))?;
        hints.published = Some(ts);
        hints.published_precision = Some(precision);
    }
    let title = field("title").map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    let (kind, bytes) = if let Some(html) = field("html") {
        hints.title = title;
        (InputKind::Html, html.into_bytes())
    } else if let Some(text) = field("text") {
        // The basic extractor reads the first line as the title.
        let body = match title {
            Some(t) => format!("{t}\n{text}"),
            None => text,
        };
        (InputKind::Text, body.into_bytes())
    } else {
        return Err(fail("record has neither \"text\" nor \"html\"".into()));
    };
    Ok(RawInput {
        origin: origin.to_string(),
        kind,
        bytes,
        content_type: None,
        hints,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(sources: &[Source]) -> Vec<Result<RawInput, InputError>> {
        Inputs::new(sources, SourceOptions::default()).collect()
    }

    #[test]
    fn directories_jsonl_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("a.txt"), "Title A\nBody A").unwrap();
        std::fs::write(d.join("sub/b.html"), "<title>B</title><p>Body B</p>").unwrap();
        std::fs::write(d.join("ignored.pdf"), "x").unwrap();
        std::fs::write(d.join(".hidden.txt"), "x").unwrap();
        std::fs::write(
            d.join("c.jsonl"),
            "{\"title\":\"C1\",\"text\":\"one\"}\n\nnot json\n{\"html\":\"<p>x</p>\",\"published\":\"2025-02\"}\n{\"title\":\"no body\"}\n",
        )
        .unwrap();
        let inputs = Inputs::new(&[Source::Path(d.to_path_buf())], SourceOptions::default());
        assert_eq!(inputs.skipped(), 1);
        let items: Vec<_> = inputs.collect();
        let origins: Vec<String> = items
            .iter()
            .map(|r| match r {
                Ok(i) => i.origin.clone(),
                Err(e) => format!("ERR {}", e.origin),
            })
            .map(|o| o.replace(&d.display().to_string(), ""))
            .collect();
        assert_eq!(
            origins,
            vec![
                "/a.txt",
                "/c.jsonl:1",
                "ERR /c.jsonl:3",
                "/c.jsonl:4",
                "ERR /c.jsonl:5",
                "/sub/b.html"
            ]
        );
        let Ok(c4) = &items[3] else { panic!() };
        assert_eq!(c4.kind, InputKind::Html);
        assert!(c4.hints.published.is_some());
        let Err(e) = &items[2] else { panic!() };
        assert!(e.message.starts_with("invalid JSON"), "{}", e.message);
    }

    #[test]
    fn missing_and_oversized_files() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.txt");
        std::fs::write(&big, vec![b'a'; 2000]).unwrap();
        let opts = SourceOptions {
            max_file_bytes: 1000,
            ..Default::default()
        };
        let items: Vec<_> = Inputs::new(
            &[
                Source::Path(dir.path().join("nope.txt")),
                Source::Path(big.clone()),
            ],
            opts,
        )
        .collect();
        let msgs: Vec<String> = items
            .into_iter()
            .map(|r| r.err().unwrap().message)
            .collect();
        assert_eq!(msgs[0], "no such file or directory");
        assert!(msgs[1].starts_with("file too large (2.0 KB"), "{}", msgs[1]);
    }

    #[test]
    fn named_files_get_hints_and_are_sniffed() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("page.dat");
        std::fs::write(&f, "<!DOCTYPE html><html><body><p>x</p></body></html>").unwrap();
        let opts = SourceOptions {
            hints: Hints {
                site_name: Some("RT".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let items: Vec<_> = Inputs::new(&[Source::Path(f)], opts).collect();
        let input = items[0].as_ref().unwrap();
        assert_eq!(input.kind, InputKind::Html);
        assert_eq!(input.hints.site_name.as_deref(), Some("RT"));
        assert_eq!(collect(&[]).len(), 0);
    }
}
