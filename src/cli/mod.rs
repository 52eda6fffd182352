//! Command-line arguments (clap) and their validation into [`Settings`].

use std::path::PathBuf;
use std::process::ExitCode;

use attache_model::DatePrecision;
use attache_pipeline::dates::parse_date;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use jiff::Timestamp;

/// attache: news event intelligence. Follows what you add, reads every article, and tells you
/// who did what to whom, where and when, with the sentence that proves it.
#[derive(Debug, Parser)]
#[command(
    name = "attache",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Database file [default: $XDG_DATA_HOME/attache/attache.db].
    #[arg(long, global = true, env = "ATTACHE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Don't show progress bars.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add documents: files, directories (recursively), JSONL files, or - for stdin.
    ///
    /// .txt/.text/.md files are plain text whose first line is the title; .html/.htm pages give
    /// their title and text; .jsonl files hold one JSON object per line with "text" (or "html")
    /// and optionally "title", "url", "site_name" (or "source"), "published", "byline",
    /// "language". Feed files (.rss/.atom/.rdf/.xml, or any named file that is a feed) add
    /// every item once, without following the feed (see `feeds add`); an http(s) URL is fetched
    /// and added as a feed when it is one, else as an article page. Content already stored is
    /// recognised and not stored again.
    Add(AddArgs),
    /// Show a stored document (by id or id prefix) with its annotations, or an event by id.
    Show(ShowArgs),
    /// Full-text search over titles and texts (FTS5 syntax: words, "phrases", OR, NOT, prefix*).
    Search(SearchArgs),
    /// List coded events, latest first.
    Events(EventsArgs),
    /// List actors by number of events, or (with --people) people and their roles.
    Actors(ActorsArgs),
    /// Summarise what the database holds.
    Stats(StatsArgs),
    /// Load the bundled sample corpus into a fresh database, show what it holds and serve it.
    Demo(DemoArgs),
    /// Serve the web pages and the JSON API (/api/v1, described at /api/openapi.json).
    Serve(ServeArgs),
    /// Extract one document (file or - for stdin) and print it as JSON; nothing is stored.
    Extract(ExtractArgs),
    /// Extract and annotate one document and print the result as JSON; nothing is stored.
    Annotate(ExtractArgs),
    /// Re-run the analysis over every stored document (after an upgrade).
    Reprocess,
    /// List stories: texts carried by several documents (copies, lightly edited republications),
    /// with their origin, first and last seen, and each copy's delay and credit.
    Stories(StoriesArgs),
    /// Summarise the republishing network per outlet: originals, copies, who copies whom.
    Outlets(OutletsArgs),
    /// Parse one feed (file, http(s) URL, or - for stdin) and print it as JSON; nothing is
    /// stored.
    Feed(FeedArgs),
    /// Manage followed feeds: add, list, remove, import and export (OPML).
    Feeds(FeedsArgs),
    /// Fetch every feed that is due, once, and store its new items as documents.
    ///
    /// Conditional GET with the stored ETag/Last-Modified; a server's Retry-After is honoured;
    /// a broken feed is recorded (see `feeds list`) and the others go on. Items whose feed text
    /// is only a summary get their article page fetched (robots.txt applies).
    Poll(PollArgs),
}

#[derive(Debug, Args)]
pub struct FeedArgs {
    /// A feed file, an http(s) URL, or - for stdin.
    pub source: String,
    /// Allow fetching from private, loopback and link-local addresses.
    #[arg(long)]
    pub allow_private: bool,
}

#[derive(Debug, Args)]
pub struct FeedsArgs {
    #[command(subcommand)]
    pub command: FeedsCommand,
}

#[derive(Debug, Subcommand)]
pub enum FeedsCommand {
    /// Follow a feed: an http(s) URL or a local feed file. It is fetched and parsed once to
    /// check it (unless --no-check).
    Add(FeedsAddArgs),
    /// List followed feeds with their polling state.
    List(FeedsListArgs),
    /// Stop following a feed (by id or URL).
    Remove(FeedsRemoveArgs),
    /// Follow every feed of an OPML subscription list (file or - for stdin).
    Import(FeedsImportArgs),
    /// Print the followed feeds as an OPML 2.0 subscription list.
    Export,
}

#[derive(Debug, Args)]
pub struct FeedsAddArgs {
    /// Feed URL (http or https) or path to a local feed file.
    pub address: String,
    /// Allow this feed (and its article pages) on private, loopback and link-local addresses.
    #[arg(long)]
    pub allow_private: bool,
    /// Don't fetch the feed to check it; only check the address.
    #[arg(long)]
    pub no_check: bool,
}

#[derive(Debug, Args)]
pub struct FeedsListArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct FeedsRemoveArgs {
    /// Feed id (see `feeds list`) or URL.
    pub feed: String,
}

#[derive(Debug, Args)]
pub struct FeedsImportArgs {
    /// OPML file, or - for stdin.
    pub path: String,
    /// Allow the imported feeds on private, loopback and link-local addresses.
    #[arg(long)]
    pub allow_private: bool,
}

#[derive(Debug, Args)]
pub struct PollArgs {
    /// Poll every feed now, due or not.
    #[arg(long)]
    pub all: bool,
    /// Keep polling: sleep until the next feed is due, poll again; Ctrl-C stops between polls.
    #[arg(long)]
    pub watch: bool,
    /// With --watch: the longest sleep between two polls, in seconds.
    #[arg(long, default_value_t = 300, value_name = "SECS", requires = "watch")]
    pub interval: u64,
    /// Print the run's summary as JSON (one object per poll) instead of a line.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct StoriesArgs {
    /// Only stories this outlet originated or carried (names compared loosely: "RT",
    /// "rt.com" and "RT World News" are one outlet).
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// Only stories last seen on or after this date (2025-11-21, 2025-11, 2025 or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Most stories to show.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub struct OutletsArgs {
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Files, directories, - (stdin), feed files (RSS, Atom, RDF, JSON Feed) or http(s) URLs of
    /// feeds or article pages.
    #[arg(required = true, value_name = "PATH|URL")]
    pub paths: Vec<String>,
    /// Allow URLs (and the article pages of feeds) on private, loopback and link-local
    /// addresses.
    #[arg(long)]
    pub allow_private: bool,
    #[command(flatten)]
    pub meta: MetaArgs,
    /// Largest text or HTML file to read, in MB.
    #[arg(long, default_value_t = 64, value_name = "MB")]
    pub max_size: u64,
}

/// Metadata for a single document.
#[derive(Debug, Args, Clone, Default)]
pub struct MetaArgs {
    /// Publication date of the document (2025-11-21, 2025-11, 2025 or an RFC 3339 time); only
    /// with a single file or stdin.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// The outlet that published the document; only with a single file or stdin.
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// The document's URL; only with a single file or stdin.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; a non-loopback address needs --token.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Bearer token (16+ characters) for the API endpoints that change data; without one they
    /// are refused.
    #[arg(long, env = "ATTACHE_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Don't poll the followed feeds in the background (by default feeds are polled when due,
    /// as `attache poll --watch` does).
    #[arg(long)]
    pub no_poll: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Only load and summarise; don't start the server.
    #[arg(long)]
    pub no_serve: bool,
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Document id (or a unique prefix of at least 4 digits) or event id.
    pub id: String,
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Jsonl,
    Csv,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Most rows to show.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ActorsArgs {
    /// List the people and roles learned from the documents (name, role, country, code,
    /// first and last seen, documents) instead of actors by events.
    #[arg(long)]
    pub people: bool,
    /// Only this country (ISO 3166-1 alpha-3: RUS, EGY): actors whose country it is, or
    /// people holding a role of that country.
    #[arg(long, value_parser = parse_iso3)]
    pub country: Option<String>,
    /// Only roles whose title contains TEXT, any case ("defense", "security council"); for
    /// actors, codes whose sector does ("military", "GOV").
    #[arg(long, value_name = "TEXT")]
    pub role: Option<String>,
    #[command(flatten)]
    pub list: ListArgs,
}

/// A country code: three letters (any case), returned upper-case.
fn parse_iso3(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(t.to_ascii_uppercase())
    } else {
        Err(format!(
            "{s:?} is not an ISO 3166-1 alpha-3 country code (three letters, such as RUS)"
        ))
    }
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (several words are joined).
    #[arg(required = true)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Actor code prefix (RUS, EGYMIL) or actor name, on either side.
    #[arg(long)]
    pub actor: Option<String>,
    /// Directed dyad SOURCE,TARGET of actor code prefixes (RUS,EGY; RUS-EGY works too).
    #[arg(long)]
    pub dyad: Option<String>,
    /// Earliest event date (2025, 2025-02, 2025-02-26).
    #[arg(long)]
    pub since: Option<String>,
    /// Latest event date, inclusive (2025, 2025-02, 2025-02-26).
    #[arg(long)]
    pub until: Option<String>,
    /// CAMEO code prefix (04 for every consultation, 042 for visits).
    #[arg(long)]
    pub cameo: Option<String>,
    /// Topic, such as military or energy.
    #[arg(long)]
    pub topic: Option<String>,
    /// Most events to show.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Output format; gdelt and plover are event-data exports (README, "Event exports").
    #[arg(long, value_enum, default_value_t = EventsFormat::Table)]
    pub format: EventsFormat,
}

/// Output formats of `attache events`: the listing formats plus two event-data exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventsFormat {
    Table,
    Json,
    Jsonl,
    Csv,
    /// The GDELT 2.0 event table: 61 tab-separated columns, no header line.
    Gdelt,
    /// PLOVER JSON Lines with the field names of NGEC, the coder that produces POLECAT.
    Plover,
}

/// A dyad `SOURCE,TARGET` (or `SOURCE-TARGET`) of actor code prefixes, upper-cased; None when
/// it is not two codes (letters and digits) joined by one comma or hyphen.
pub fn parse_dyad(s: &str) -> Option<(String, String)> {
    let (a, b) = s.split_once([',', '-'])?;
    let code = |p: &str| {
        let p = p.trim();
        (!p.is_empty() && p.bytes().all(|c| c.is_ascii_alphanumeric()))
            .then(|| p.to_ascii_uppercase())
    };
    Some((code(a)?, code(b)?))
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// A file, or - for stdin.
    pub path: String,
    #[command(flatten)]
    pub meta: MetaArgs,
}

/// Validated settings for one run.
#[derive(Debug)]
pub struct Settings {
    pub db: PathBuf,
    /// Whether the database path was chosen by the user (flag or environment).
    pub db_explicit: bool,
    pub progress: bool,
    pub command: Command,
}

/// Metadata parsed from [`MetaArgs`].
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub published: Option<(Timestamp, DatePrecision)>,
    pub source: Option<String>,
    pub url: Option<String>,
}

impl MetaArgs {
    pub fn is_empty(&self) -> bool {
        self.published.is_none() && self.source.is_none() && self.url.is_none()
    }

    pub fn validate(&self) -> Result<Meta, String> {
        let published = match &self.published {
            Some(p) => Some(parse_date(p).ok_or_else(|| {
                format!(
                    "--published {p:?} is not a date (use 2025-11-21, 2025-11, 2025 or RFC 3339)"
                )
            })?),
            None => None,
        };
        if let Some(url) = &self.url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            return Err(format!("--url {url:?} is not an http(s) URL"));
        }
        Ok(Meta {
            published,
            source: self.source.clone(),
            url: self.url.clone(),
        })
    }
}

/// The default database path: `$XDG_DATA_HOME/attache/attache.db`.
pub fn default_db() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("attache")
        .join("attache.db")
}

/// Parse and validate the command line; on `--help`, `--version` or a usage error, print and
/// return the exit code.
pub fn parse() -> Result<Settings, ExitCode> {
    let command = Cli::command().after_long_help(crate::cmd::stages_help());
    let cli = command
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match cli {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return Err(ExitCode::from(if e.use_stderr() { 2 } else { 0 }));
        }
    };
    let usage = |msg: String| {
        eprintln!("attache: {msg}");
        ExitCode::from(2)
    };
    match &cli.command {
        Command::Add(a) => {
            if let Err(m) = a.meta.validate() {
                return Err(usage(m));
            }
            let single = a.paths.len() == 1
                && (a.paths[0] == "-" || !std::path::Path::new(&a.paths[0]).is_dir());
            if !a.meta.is_empty() && !single {
                return Err(usage(
                    "--published, --source and --url apply to a single file or stdin".into(),
                ));
            }
            if a.max_size == 0 {
                return Err(usage("--max-size must be at least 1 (MB)".into()));
            }
        }
        Command::Poll(p) if p.watch && p.interval == 0 => {
            return Err(usage("--interval must be at least 1 (second)".into()));
        }
        Command::Stories(a) => {
            if let Some(d) = &a.since
                && parse_date(d).is_none()
            {
                return Err(usage(format!(
                    "--since {d:?} is not a date (use 2025-11-21, 2025-11, 2025 or RFC 3339)"
                )));
            }
        }
        Command::Extract(a) | Command::Annotate(a) => {
            if let Err(m) = a.meta.validate() {
                return Err(usage(m));
            }
        }
        Command::Events(e) => {
            if let Some(d) = &e.dyad
                && parse_dyad(d).is_none()
            {
                return Err(usage(format!(
                    "--dyad {d:?} must be two actor codes joined by a comma or hyphen (RUS,EGY or RUS-EGY)"
                )));
            }
            for (flag, v) in [("--since", &e.since), ("--until", &e.until)] {
                if let Some(v) = v
                    && !valid_date_prefix(v)
                {
                    return Err(usage(format!(
                        "{flag} {v:?} is not a date (use 2025, 2025-02 or 2025-02-26)"
                    )));
                }
            }
        }
        _ => {}
    }
    let (db, db_explicit) = match &cli.db {
        Some(p) => (p.clone(), true),
        None => (default_db(), false),
    };
    Ok(Settings {
        db,
        db_explicit,
        progress: !cli.quiet,
        command: cli.command,
    })
}

fn valid_date_prefix(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}

/// `tracing` to stderr, filtered by `RUST_LOG` (default: warnings).
pub fn init_logging(_settings: &Settings) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time()
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn date_prefixes() {
        assert!(valid_date_prefix("2025"));
        assert!(valid_date_prefix("2025-02"));
        assert!(valid_date_prefix("2025-02-26"));
        assert!(!valid_date_prefix("25"));
        assert!(!valid_date_prefix("2025-2"));
        assert!(!valid_date_prefix("yesterday"));
    }
}
