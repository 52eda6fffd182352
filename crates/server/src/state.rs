//! Shared state of the server: a small pool of SQLite connections on one WAL database (one
//! writer, several readers, so that reads still answer while the database is written), the
//! in-memory relation index that answers graph queries (built in the background at start,
//! appended to as events arrive, rebuilt when events were replaced), and a cache of relation
//! graphs.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Duration, Instant};

use attache_model::{AnnotatedDocument, Annotations, Document};
use attache_store::analytics::{Analytics, Graph, GraphQuery};
use attache_store::sqlite::RelationIndex;
use attache_store::{SqliteStore, StoreError};

use crate::error::ApiError;

/// Turns a document posted to the API into an annotated one before it is stored (the CLI
/// passes the pipeline here). Without one, posted documents are stored without annotations.
pub type Annotator = Arc<dyn Fn(Document) -> AnnotatedDocument + Send + Sync>;

/// Connections to one database file.
pub struct Db {
    path: std::path::PathBuf,
    writer: Mutex<SqliteStore>,
    readers: Vec<Mutex<SqliteStore>>,
    next: AtomicUsize,
}

fn lock(m: &Mutex<SqliteStore>) -> MutexGuard<'_, SqliteStore> {
    // A panic while holding a connection leaves the connection itself usable.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Db {
    /// Open the database at `path` (creating and migrating it when needed) with `readers`
    /// read connections (at least one).
    pub fn open(path: &Path, readers: usize) -> Result<Self, StoreError> {
        let writer = SqliteStore::open(path)?;
        let readers = (0..readers.max(1))
            .map(|_| SqliteStore::open(path).map(Mutex::new))
            .collect::<Result<_, _>>()?;
        Ok(Db {
            path: path.to_path_buf(),
            writer: Mutex::new(writer),
            readers,
            next: AtomicUsize::new(0),
        })
    }

    fn reader(&self) -> MutexGuard<'_, SqliteStore> {
        let n = self.readers.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        for i in 0..n {
            if let Ok(guard) = self.readers[(start + i) % n].try_lock() {
                return guard;
            }
        }
        lock(&self.readers[start % n])
    }

    /// Run a read on a pooled connection, off the async threads.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&SqliteStore) -> Result<T, StoreError> + Send + 'static,
    {
        let db = Arc::clone(self);
        tokio::task::spawn_blocking(move || f(&db.reader()))
            .await
            .map_err(|e| ApiError::internal(format!("query task failed: {e}")))?
            .map_err(ApiError::from)
    }

    /// Run a write on the writer connection, off the async threads.
    pub async fn write<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut SqliteStore) -> Result<T, StoreError> + Send + 'static,
    {
        let db = Arc::clone(self);
        tokio::task::spawn_blocking(move || f(&mut lock(&db.writer)))
            .await
            .map_err(|e| ApiError::internal(format!("write task failed: {e}")))?
            .map_err(ApiError::from)
    }
}

/// How long a cached graph is trusted without checking the database generation.
const GRAPH_FRESH: Duration = Duration::from_secs(2);
/// The most graphs kept.
const GRAPH_CACHE: usize = 128;

struct Cached {
    generation: u64,
    checked: Instant,
    graph: Arc<Graph>,
}

/// How long the relation index is trusted without looking for new events.
const RELATIONS_FRESH: Duration = Duration::from_secs(2);

/// The relation index and its bookkeeping.
#[derive(Default)]
struct Relations {
    index: RwLock<Option<RelationIndex>>,
    /// When the index was last compared with the database (None: compare before next use).
    checked: Mutex<Option<Instant>>,
    building: AtomicBool,
}

impl Relations {
    /// Build the index on a thread of its own from a fresh connection, unless a build runs.
    fn build(self: &Arc<Self>, path: std::path::PathBuf) {
        if self.building.swap(true, Ordering::SeqCst) {
            return;
        }
        let me = Arc::clone(self);
        let spawned = std::thread::Builder::new()
            .name("attache-relations".into())
            .spawn(move || {
                let started = Instant::now();
                match SqliteStore::open(&path).and_then(|s| s.load_relations()) {
                    Ok(index) => {
                        tracing::info!(
                            "relation index: {} events, ~{} MB, built in {:.2} s",
                            index.len(),
                            index.heap_bytes() / (1 << 20),
                            started.elapsed().as_secs_f64()
                        );
                        *me.index.write().unwrap_or_else(|p| p.into_inner()) = Some(index);
                        *me.checked.lock().unwrap_or_else(|p| p.into_inner()) = None;
                    }
                    Err(e) => tracing::warn!("relation index not built: {e}"),
                }
                me.building.store(false, Ordering::SeqCst);
            });
        if spawned.is_err() {
            self.building.store(false, Ordering::SeqCst);
        }
    }

    /// The graph from the index, brought up to date first; None when there is no usable index
    /// (not built yet, or events were replaced and a rebuild was started).
    fn graph(
        self: &Arc<Self>,
        store: &SqliteStore,
        path: &Path,
        query: &GraphQuery,
    ) -> Result<Option<Graph>, StoreError> {
        let due = {
            let checked = self.checked.lock().unwrap_or_else(|p| p.into_inner());
            checked.is_none_or(|t| t.elapsed() >= RELATIONS_FRESH)
        };
        if due {
            let mut guard = self.index.write().unwrap_or_else(|p| p.into_inner());
            let Some(index) = guard.as_mut() else {
                drop(guard);
                self.build(path.to_path_buf());
                return Ok(None);
            };
            if !store.refresh_relations(index)? {
                *guard = None;
                drop(guard);
                self.build(path.to_path_buf());
                return Ok(None);
            }
            *self.checked.lock().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now());
        }
        let guard = self.index.read().unwrap_or_else(|p| p.into_inner());
        Ok(guard.as_ref().map(|index| index.graph(query)))
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub(crate) db: Arc<Db>,
    pub(crate) token: Option<Arc<str>>,
    pub(crate) annotator: Option<Annotator>,
    graphs: Arc<Mutex<HashMap<GraphQuery, Cached>>>,
    relations: Arc<Relations>,
}

impl AppState {
    /// State over an open pool; `token` guards the endpoints that change data (without one
    /// they are refused).
    pub fn new(db: Db, token: Option<String>) -> Self {
        let relations = Arc::new(Relations::default());
        relations.build(db.path.clone());
        AppState {
            db: Arc::new(db),
            token: token.filter(|t| !t.is_empty()).map(Arc::from),
            annotator: None,
            graphs: Arc::new(Mutex::new(HashMap::new())),
            relations,
        }
    }

    /// Open the database at `path` with `readers` read connections.
    pub fn open(path: &Path, readers: usize, token: Option<String>) -> Result<Self, StoreError> {
        Ok(Self::new(Db::open(path, readers)?, token))
    }

    /// Annotate documents posted to the API with `annotator` before storing them.
    pub fn with_annotator(mut self, annotator: Annotator) -> Self {
        self.annotator = Some(annotator);
        self
    }

    pub fn db(&self) -> &Arc<Db> {
        &self.db
    }

    /// Note that this server changed the database (drops cached graphs).
    pub(crate) fn wrote(&self) {
        self.graphs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        *self
            .relations
            .checked
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// The relation graph for `query`, from the cache while the database has not changed.
    pub(crate) async fn graph(&self, query: GraphQuery) -> Result<Arc<Graph>, ApiError> {
        let cached = {
            let map = self.graphs.lock().unwrap_or_else(|p| p.into_inner());
            map.get(&query).map(|c| {
                (
                    c.generation,
                    c.checked.elapsed() < GRAPH_FRESH,
                    c.graph.clone(),
                )
            })
        };
        if let Some((_, true, graph)) = cached {
            return Ok(graph);
        }
        let q = query.clone();
        let known = cached.as_ref().map(|c| c.0);
        let relations = Arc::clone(&self.relations);
        let path = self.db.path.clone();
        let (generation, graph) = self
            .db
            .read(move |s| {
                let generation = s.generation()?;
                if known == Some(generation) {
                    return Ok((generation, None));
                }
                let graph = match relations.graph(s, &path, &q)? {
                    Some(g) => g,
                    None => s.graph(&q)?,
                };
                Ok((generation, Some(Arc::new(graph))))
            })
            .await?;
        let graph = match (graph, cached) {
            (Some(g), _) => g,
            (None, Some((_, _, g))) => g,
            (None, None) => return Err(ApiError::internal("graph cache lost an entry")),
        };
        let mut map = self.graphs.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= GRAPH_CACHE && !map.contains_key(&query) {
            map.clear();
        }
        map.insert(
            query,
            Cached {
                generation,
                checked: Instant::now(),
                graph: graph.clone(),
            },
        );
        Ok(graph)
    }
}

/// A document posted without an annotator: stored as it is.
pub(crate) fn unannotated(document: Document) -> AnnotatedDocument {
    AnnotatedDocument {
        document,
        annotations: Annotations::default(),
    }
}
