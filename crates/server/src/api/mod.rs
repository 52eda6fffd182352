//! JSON API v1 handlers. Each reads its parameters through [`Params`] (errors name the
//! parameter), runs one store query on a pooled connection and answers JSON; errors are
//! `{"error": {"code", "message"}}`.

pub mod schema;

use attache_model::{AnnotatedDocument, Document, Event, Feed, MentionType, StoryCluster};
use attache_store::analytics::{
    Analytics, Counterpart, EntityDetail, EntityQuery, EntitySummary, EventTypeCount, Graph,
    GraphQuery, SeriesPoint,
};
use attache_store::{
    ActorSummary, DocumentSummary, InsertOutcome, PeopleFilter, PersonRole, SearchHit, Stats, Store,
};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::params::{DEFAULT_PAGE, Params};
use crate::state::{AppState, unannotated};

pub type ApiResult<T> = Result<Json<T>, ApiError>;

#[derive(Debug, Serialize)]
pub struct EventsResponse {
    pub events: Vec<Event>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
    pub limit: usize,
}

#[derive(Debug, Serialize)]
pub struct ActorsResponse {
    pub actors: Vec<ActorSummary>,
}

#[derive(Debug, Serialize)]
pub struct ActorResponse {
    pub actor: ActorSummary,
    pub counterparts: Vec<Counterpart>,
    pub event_types: Vec<EventTypeCount>,
    pub people: Vec<EntitySummary>,
    pub months: Vec<SeriesPoint>,
}

#[derive(Debug, Serialize)]
pub struct CounterpartsResponse {
    pub actor: String,
    pub counterparts: Vec<Counterpart>,
}

#[derive(Debug, Serialize)]
pub struct EntitiesResponse {
    pub entities: Vec<EntitySummary>,
}

#[derive(Debug, Serialize)]
pub struct DocumentsResponse {
    pub documents: Vec<DocumentSummary>,
}

#[derive(Debug, Serialize)]
pub struct DocumentResponse {
    #[serde(flatten)]
    pub document: AnnotatedDocument,
    /// The story cluster the document belongs to.
    pub story: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct StoriesResponse {
    pub stories: Vec<StoryCluster>,
}

#[derive(Debug, Serialize)]
pub struct FeedsResponse {
    pub feeds: Vec<Feed>,
}

#[derive(Debug, Serialize)]
pub struct SearchResponse {
    pub query: String,
    pub hits: Vec<SearchHit>,
}

#[derive(Debug, Serialize)]
pub struct SeriesResponse {
    pub bucket: &'static str,
    pub points: Vec<SeriesPoint>,
}

#[derive(Debug, Serialize)]
pub struct GraphResponse {
    pub since: Option<String>,
    pub until: Option<String>,
    #[serde(flatten)]
    pub graph: Graph,
}

/// Body of `POST /api/v1/documents`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewDocument {
    pub title: String,
    pub text: String,
    pub url: Option<String>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    /// RFC 3339 timestamp.
    pub published: Option<String>,
}

/// Body of `POST /api/v1/feeds`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewFeed {
    pub url: String,
    pub title: Option<String>,
}

fn body<T>(b: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    b.map(|Json(v)| v).map_err(|e| match e {
        JsonRejection::MissingJsonContentType(_) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send the body as JSON with Content-Type: application/json",
        ),
        JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "the request body is too large",
            )
        }
        other => ApiError::bad_request(format!("body: {}", other.body_text())),
    })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Endpoints that change data need `Authorization: Bearer <token>` matching the configured
/// token; without a configured token they are refused.
pub(crate) fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &state.token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "writes_disabled",
            "this server has no API token configured, so it accepts no changes",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match given {
        Some(g) if constant_time_eq(g.as_bytes(), token.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "the bearer token is wrong",
        )),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "this endpoint needs an Authorization: Bearer <token> header",
        )),
    }
}

pub async fn events(State(st): State<AppState>, p: Params) -> ApiResult<EventsResponse> {
    let filter = p.event_filter()?;
    let pair = p.pair("pair")?;
    let limit = p.limit(DEFAULT_PAGE)?;
    let cursor = p.string("cursor");
    let page = st
        .db
        .read(move |s| match pair {
            Some((a, b)) => s.pair_page(&a, &b, &filter, cursor.as_deref(), limit),
            None => s.events_page(&filter, cursor.as_deref(), limit),
        })
        .await?;
    Ok(Json(EventsResponse {
        events: page.events,
        next_cursor: page.next,
        limit,
    }))
}

pub async fn event(State(st): State<AppState>, Path(id): Path<String>) -> ApiResult<Event> {
    let key = id.clone();
    st.db
        .read(move |s| s.event(&key))
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("event {id:?}")))
}

pub async fn actors(State(st): State<AppState>, p: Params) -> ApiResult<ActorsResponse> {
    let limit = p.limit(DEFAULT_PAGE)?;
    let actors = st.db.read(move |s| s.actors(limit)).await?;
    Ok(Json(ActorsResponse { actors }))
}

#[derive(Debug, Serialize)]
pub struct PeopleResponse {
    pub people: Vec<PersonRole>,
}

/// How many of a person's most recent documents the people listing names.
const PERSON_DOCUMENTS: usize = 20;

/// The people filter of a query: `country` (ISO alpha-3), `role`, `name`, `limit`.
pub(crate) fn people_filter(p: &Params, default_limit: usize) -> Result<PeopleFilter, ApiError> {
    let country = match p.str("country") {
        Some(c) if c.len() == 3 && c.bytes().all(|b| b.is_ascii_alphabetic()) => {
            Some(c.to_ascii_uppercase())
        }
        Some(c) => {
            return Err(ApiError::bad_parameter(
                "country",
                format!("{c:?} is not an ISO 3166-1 alpha-3 code such as RUS"),
            ));
        }
        None => None,
    };
    let text = |name: &str| -> Result<Option<String>, ApiError> {
        match p.str(name).map(str::trim) {
            Some(v) if v.chars().count() > 200 => {
                Err(ApiError::bad_parameter(name, "at most 200 characters"))
            }
            Some("") | None => Ok(None),
            Some(v) => Ok(Some(v.to_string())),
        }
    };
    Ok(PeopleFilter {
        country,
        role: text("role")?,
        name: text("name")?,
        documents: Some(PERSON_DOCUMENTS),
        limit: Some(p.limit(default_limit)?),
    })
}

pub async fn people(State(st): State<AppState>, p: Params) -> ApiResult<PeopleResponse> {
    let filter = people_filter(&p, DEFAULT_PAGE)?;
    let people = st.db.read(move |s| s.people(&filter)).await?;
    Ok(Json(PeopleResponse { people }))
}

/// Everything the actor page shows, for the API and the web page alike.
pub(crate) async fn actor_profile(
    st: &AppState,
    code: String,
    p: &Params,
) -> Result<ActorResponse, ApiError> {
    let mut filter = p.event_filter()?;
    filter.actor = None;
    let limit = p.limit(DEFAULT_PAGE)?;
    let shown = code.clone();
    st.db
        .read(move |s| {
            let Some(actor) = s.actor(&code)? else {
                return Err(attache_store::StoreError::NotFound(format!(
                    "actor {code:?}"
                )));
            };
            let counterparts = s.counterparts(&code, &filter, limit)?;
            let event_types = s.event_types(&code, &filter)?;
            let people = s.entities(&EntityQuery {
                kind: Some(MentionType::Person),
                actor: Some(code.clone()),
                limit,
                ..EntityQuery::default()
            })?;
            let mut series = filter.clone();
            series.actor = Some(code.clone());
            let months = s.time_series(&series, attache_store::analytics::Bucket::Month)?;
            Ok(ActorResponse {
                actor,
                counterparts,
                event_types,
                people,
                months,
            })
        })
        .await
        .map_err(|e| {
            if e.code == "not_found" {
                ApiError::not_found(format!("actor {shown:?}"))
            } else {
                e
            }
        })
}

pub async fn actor(
    State(st): State<AppState>,
    Path(code): Path<String>,
    p: Params,
) -> ApiResult<ActorResponse> {
    Ok(Json(actor_profile(&st, code, &p).await?))
}

pub async fn counterparts(
    State(st): State<AppState>,
    Path(code): Path<String>,
    p: Params,
) -> ApiResult<CounterpartsResponse> {
    let mut filter = p.event_filter()?;
    filter.actor = None;
    let limit = p.limit(DEFAULT_PAGE)?;
    let actor = code.clone();
    let counterparts = st
        .db
        .read(move |s| s.counterparts(&code, &filter, limit))
        .await?;
    Ok(Json(CounterpartsResponse {
        actor,
        counterparts,
    }))
}

pub(crate) fn entity_query(p: &Params) -> Result<EntityQuery, ApiError> {
    let kind = p
        .str("type")
        .map(|t| {
            MentionType::parse(&t.to_ascii_uppercase()).ok_or_else(|| {
                ApiError::bad_parameter(
                    "type",
                    "expected PERSON, ORG, COUNTRY, CITY, LOCATION, NATIONALITY or DATE",
                )
            })
        })
        .transpose()?;
    Ok(EntityQuery {
        kind,
        country: p.string("country"),
        actor: p.actor("actor")?,
        name: p.string("name"),
        limit: p.limit(DEFAULT_PAGE)?,
        offset: p.usize("offset")?.unwrap_or(0),
    })
}

pub async fn entities(State(st): State<AppState>, p: Params) -> ApiResult<EntitiesResponse> {
    let q = entity_query(&p)?;
    let entities = st.db.read(move |s| s.entities(&q)).await?;
    Ok(Json(EntitiesResponse { entities }))
}

pub async fn entity(
    State(st): State<AppState>,
    Path(id): Path<String>,
    p: Params,
) -> ApiResult<EntityDetail> {
    let limit = p.limit(DEFAULT_PAGE)?;
    let key = id.clone();
    st.db
        .read(move |s| s.entity(&key, limit))
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("entity {id:?}")))
}

pub async fn documents(State(st): State<AppState>, p: Params) -> ApiResult<DocumentsResponse> {
    let limit = p.limit(DEFAULT_PAGE)?;
    let offset = p.usize("offset")?.unwrap_or(0);
    let documents = st.db.read(move |s| s.documents(limit, offset)).await?;
    Ok(Json(DocumentsResponse { documents }))
}

pub(crate) async fn load_document(st: &AppState, id: String) -> Result<DocumentResponse, ApiError> {
    let key = id.clone();
    st.db
        .read(move |s| {
            let Some(document) = s.document(&key)? else {
                return Ok(None);
            };
            let story = s.cluster_of_document(&document.document.id)?;
            Ok(Some(DocumentResponse { document, story }))
        })
        .await?
        .ok_or_else(|| ApiError::not_found(format!("document {id:?}")))
}

pub async fn document(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<DocumentResponse> {
    Ok(Json(load_document(&st, id).await?))
}

pub async fn add_document(
    State(st): State<AppState>,
    headers: HeaderMap,
    b: Result<Json<NewDocument>, JsonRejection>,
) -> Result<(StatusCode, Json<InsertOutcome>), ApiError> {
    authorize(&st, &headers)?;
    let new = body(b)?;
    if new.title.trim().is_empty() && new.text.trim().is_empty() {
        return Err(ApiError::bad_request("body: title and text are both empty"));
    }
    if new.title.chars().count() > 2000 {
        return Err(ApiError::bad_parameter(
            "title",
            "longer than 2000 characters",
        ));
    }
    let mut doc = Document::new(new.title, new.text);
    doc.url = new.url;
    doc.site_name = new.site_name;
    doc.language = new.language;
    if let Some(p) = new.published {
        doc.published =
            Some(p.parse().map_err(|_| {
                ApiError::bad_parameter("published", "expected an RFC 3339 timestamp")
            })?);
    }
    doc.fetched = Some(jiff::Timestamp::now());
    doc.input = Some("api".into());
    let annotator = st.annotator.clone();
    let annotated = tokio::task::spawn_blocking(move || match annotator {
        Some(a) => a(doc),
        None => unannotated(doc),
    })
    .await
    .map_err(|e| ApiError::internal(format!("annotation failed: {e}")))?;
    let outcome = st
        .db
        .write(move |s| s.insert_batch(std::slice::from_ref(&annotated)))
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal("the store returned no outcome"))?;
    st.wrote();
    let status = match outcome {
        InsertOutcome::Added { .. } => StatusCode::CREATED,
        InsertOutcome::Duplicate { .. } => StatusCode::OK,
    };
    Ok((status, Json(outcome)))
}

pub async fn stories(State(st): State<AppState>, p: Params) -> ApiResult<StoriesResponse> {
    let limit = p.limit(DEFAULT_PAGE)?;
    let stories = st.db.read(move |s| s.clusters(limit)).await?;
    Ok(Json(StoriesResponse { stories }))
}

pub async fn story(State(st): State<AppState>, Path(id): Path<String>) -> ApiResult<StoryCluster> {
    let key = id.clone();
    st.db
        .read(move |s| s.cluster(&key))
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("story {id:?}")))
}

pub async fn feeds(State(st): State<AppState>) -> ApiResult<FeedsResponse> {
    let feeds = st.db.read(|s| s.feeds()).await?;
    Ok(Json(FeedsResponse { feeds }))
}

/// Check a feed URL without fetching it: http(s), a host, no credentials, no whitespace.
fn check_feed_url(url: &str) -> Result<(), ApiError> {
    let bad = |why: &str| ApiError::bad_parameter("url", why);
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| bad("expected an http:// or https:// URL"))?;
    if url.len() > 2000 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("the URL is too long or contains spaces"));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() {
        return Err(bad("the URL has no host"));
    }
    if authority.contains('@') {
        return Err(bad("credentials in feed URLs are not accepted"));
    }
    Ok(())
}

pub async fn add_feed(
    State(st): State<AppState>,
    headers: HeaderMap,
    b: Result<Json<NewFeed>, JsonRejection>,
) -> Result<(StatusCode, Json<Feed>), ApiError> {
    authorize(&st, &headers)?;
    let new = body(b)?;
    let url = new.url.trim().to_string();
    check_feed_url(&url)?;
    let mut feed = Feed::new(url);
    feed.title = new.title;
    // The feed is only recorded here; the poller fetches it through the fetch stage's guard.
    let stored = st.db.write(move |s| s.add_feed(&feed)).await?;
    st.wrote();
    Ok((StatusCode::CREATED, Json(stored)))
}

pub async fn remove_feed(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    authorize(&st, &headers)?;
    let n: i64 = id
        .parse()
        .map_err(|_| ApiError::bad_parameter("id", "expected a feed number"))?;
    let removed = st.db.write(move |s| s.remove_feed(&n.to_string())).await?;
    if removed {
        st.wrote();
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(format!("feed {n}")))
    }
}

pub async fn search(State(st): State<AppState>, p: Params) -> ApiResult<SearchResponse> {
    let query = p
        .string("q")
        .ok_or_else(|| ApiError::bad_parameter("q", "missing; give the words to search for"))?;
    let limit = p.limit(DEFAULT_PAGE)?;
    let q = query.clone();
    let hits = st.db.read(move |s| s.search(&q, limit)).await?;
    Ok(Json(SearchResponse { query, hits }))
}

pub(crate) fn graph_query(p: &Params) -> Result<GraphQuery, ApiError> {
    let max_nodes = match p.usize("max_nodes")? {
        Some(0) | None => 40,
        Some(n) => n.min(200),
    };
    Ok(GraphQuery {
        since: p.date("since")?,
        until: p.date("until")?,
        level: p.level()?,
        cameo: p.cameo()?,
        min_events: p.usize("min_events")?.unwrap_or(1) as u64,
        max_nodes,
    })
}

pub async fn graph(State(st): State<AppState>, p: Params) -> ApiResult<GraphResponse> {
    let q = graph_query(&p)?;
    let (since, until) = (q.since.clone(), q.until.clone());
    let graph = st.graph(q).await?;
    Ok(Json(GraphResponse {
        since,
        until,
        graph: (*graph).clone(),
    }))
}

pub async fn timeseries(State(st): State<AppState>, p: Params) -> ApiResult<SeriesResponse> {
    let filter = p.event_filter()?;
    if filter.actor.is_none() && filter.dyad.is_none() {
        return Err(ApiError::bad_parameter(
            "actor",
            "give an actor or a dyad to count events for",
        ));
    }
    let bucket = p.bucket()?;
    let points = st.db.read(move |s| s.time_series(&filter, bucket)).await?;
    let name = match bucket {
        attache_store::analytics::Bucket::Day => "day",
        attache_store::analytics::Bucket::Week => "week",
        attache_store::analytics::Bucket::Month => "month",
    };
    Ok(Json(SeriesResponse {
        bucket: name,
        points,
    }))
}

pub async fn stats(State(st): State<AppState>) -> ApiResult<Stats> {
    Ok(Json(st.db.read(|s| s.stats()).await?))
}

pub async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such API endpoint")
}
