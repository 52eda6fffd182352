//! The routes table: every path the server answers, its handler and, for the JSON API, its
//! description. [`router`] builds the axum router from it and [`openapi`] the OpenAPI
//! description, so the two cannot disagree.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, delete, get, post};
use serde_json::{Map, Value, json};

use crate::state::AppState;
use crate::{api, web};

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    Path,
    Query,
}

/// A documented parameter.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    pub place: In,
    /// JSON schema type: "string" or "integer".
    pub kind: &'static str,
    pub description: &'static str,
}

const fn q(name: &'static str, kind: &'static str, description: &'static str) -> Param {
    Param {
        name,
        place: In::Query,
        kind,
        description,
    }
}

const fn path(name: &'static str, description: &'static str) -> Param {
    Param {
        name,
        place: In::Path,
        kind: "string",
        description,
    }
}

/// The description of an API route.
#[derive(Debug, Clone, Copy)]
pub struct ApiDoc {
    pub id: &'static str,
    pub tag: &'static str,
    pub summary: &'static str,
    pub params: &'static [Param],
    /// Component schema of the request body.
    pub body: Option<&'static str>,
    /// Component schema of the success response (None for 204).
    pub response: Option<&'static str>,
    /// Status of a success.
    pub status: u16,
    /// Whether the route needs the bearer token.
    pub auth: bool,
}

/// One row of the routes table.
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub handler: fn() -> MethodRouter<AppState>,
    /// Present for JSON API routes.
    pub api: Option<ApiDoc>,
}

const LIMIT: Param = q("limit", "integer", "page size (default 50, at most 500)");
const OFFSET: Param = q("offset", "integer", "rows to skip");
const ACTOR: Param = q(
    "actor",
    "string",
    "actor code prefix (RUS, EGYMIL) or exact name, on either side",
);
const DYAD: Param = q(
    "dyad",
    "string",
    "directed pair SOURCE,TARGET (or SOURCE-TARGET) of code prefixes or names",
);
const PAIR: Param = q(
    "pair",
    "string",
    "two actors A,B: events between them in either direction",
);
const SINCE: Param = q(
    "since",
    "string",
    "earliest event date: 2025, 2025-02 or 2025-02-26",
);
const UNTIL: Param = q(
    "until",
    "string",
    "latest event date, inclusive: 2025, 2025-02 or 2025-02-26",
);
const CAMEO: Param = q("cameo", "string", "CAMEO event code prefix (04, 042)");
const TOPIC: Param = q("topic", "string", "topic");
const DOCUMENT: Param = q(
    "document",
    "string",
    "only events reported by this document",
);
const CURSOR: Param = q("cursor", "string", "next_cursor of the previous page");
const EVENT_FILTERS: &[Param] = &[
    ACTOR, DYAD, PAIR, SINCE, UNTIL, CAMEO, TOPIC, DOCUMENT, LIMIT, CURSOR,
];

#[allow(clippy::too_many_arguments)]
const fn doc(
    id: &'static str,
    tag: &'static str,
    summary: &'static str,
    params: &'static [Param],
    body: Option<&'static str>,
    response: Option<&'static str>,
    status: u16,
    auth: bool,
) -> Option<ApiDoc> {
    Some(ApiDoc {
        id,
        tag,
        summary,
        params,
        body,
        response,
        status,
        auth,
    })
}

/// The routes table.
pub fn routes() -> Vec<Route> {
    vec![
        // JSON API v1.
        Route {
            method: Method::GET,
            path: "/api/v1/events",
            handler: || get(api::events),
            api: doc(
                "listEvents",
                "events",
                "Events matching filters, latest first, by cursor pages",
                EVENT_FILTERS,
                None,
                Some("EventsResponse"),
                200,
                false,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/v1/events/{id}",
            handler: || get(api::event),
            api: doc(
                "getEvent",
                "events",
                "One event with its evidence",
                const { &[path("id", "event id")] },
                None,
                Some("Event"),
                200,
                false,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/v1/actors",
            handler: || get(api::actors),
            api: doc(
                "listActors",
                "actors",
                "Actors by number of events",
                const { &[LIMIT] },
                None,
                Some("ActorsResponse"),
                200,
                false,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/v1/people",
            handler: || get(api::people),
            api: doc(
                "listPeople",
                "actors",
                "People and their roles learned from the documents (title, country, CAMEO code, \
                 first and last seen, evidence sentence, documents), most recently seen first",
                const {
                    &[
                        q(
                            "country",
                            "string",
                            "ISO 3166-1 alpha-3 code of the role's country (RUS)",
                        ),
                        q("role", "string", "part of the title, any case (defense)"),
                        q("name", "string", "part of the person's name, any case"),
                        LIMIT,
                    ]
                },
                None,
                Some("PeopleResponse"),
                200,
                false,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/v1/actors/{code}",
            handler: || get(api::actor),
            api: doc(
                "getActor",
                "actors",
                "An actor: counterparts, event types, people and roles, events per month",
                const {
                    &[
                        path("code", "actor code prefix or name"),
                        SINCE,
                        UNTIL,
                        CAMEO,
                        LIMIT,
                    ]
                },
                None,
                Some("ActorResponse"),
                200,
                false,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/v1/actors/{code}/counterparts",
            handler: || get(api::counterparts),
            api: doc(
                "listCounterparts",
                "actors",
                "Actors on the other side of an actor's events",
                const {
                    &[
                        path("code", "actor code prefix or name"),
                        SINCE,
                        UNTIL,
                        CAMEO,
                        LIMIT,
                    ]
                },
                None,
                Some("CounterpartsResponse"),
                200,
                false,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/v1/entities",
            handler: || get(api::entities),
            api: doc(
                "listEntities",
                "entities",
                "People, organisations and places by mentions",
                const {
                    &[
                        q(
                            "type",
                            "string",
                            "PERSON, ORG, COUNTRY, CITY, LOCATION, NATIONALITY or DATE",
                        ),
                        q("country", "string", "ISO alpha-3 country"),
                        ACTOR,
                        q("name", "string", "part of the name"),
                        LIMIT,
                        OFFSET,
                    ]
                },
                None,
                Some("EntitiesResponse"),
                200,
                false,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/v1/entities/{id}",
            handler: || get(api::entity),
            api: doc(
                "getEntity",
                "entities",
                "An entity with its roles and the documents that mention it",
                const { &[path("id", "entity id"), LIMIT] },
                None,
                Some("EntityDetail"),
                200,
                false,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/v1/documents",
            handler: || get(api::documents),
            api: doc(
                "listDocuments",
                "documents",
                "Documents, newest added first",
                const { &[LIMIT, OFFSET] },
                None,
                Some("DocumentsResponse"),
                200,
                false,
            ),
        },
        Route {
            method: Method::POST,
            path: "/api/v1/documents",
            handler: || post(api::add_document),
            api: doc(
                "addDocument",
                "documents",
                "Add a document (needs the bearer token)",
                const { &[] },
                Some("NewDocument"),
                Some("InsertOutcome"),
                201,
                true,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/v1/documents/{id}",
            handler: || get(api::document),
            api: doc(
                "getDocument",
                "documents",
                "A document with its annotations (sentences, mentions, entities, time expressions, events)",
                const { &[path("id", "document id or unique prefix")] },
                None,
                Some("DocumentResponse"),
                200,
                false,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/v1/stories",
            handler: || get(api::stories),
            api: doc(
                "listStories",
                "stories",
                "Story clusters, largest first, with origin and copies",
                const { &[LIMIT] },
                None,
                Some("StoriesResponse"),
                200,
                false,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/v1/stories/{id}",
            handler: || get(api::story),
            api: doc(
                "getStory",
                "stories",
                "One story cluster with its copy chain",
                const { &[path("id", "story id")] },
                None,
                Some("Story"),
                200,
                false,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/v1/feeds",
            handler: || get(api::feeds),
            api: doc(
                "listFeeds",
                "feeds",
                "Feeds and their polling status",
                const { &[] },
                None,
                Some("FeedsResponse"),
                200,
                false,
            ),
        },
        Route {
            method: Method::POST,
            path: "/api/v1/feeds",
            handler: || post(api::add_feed),
            api: doc(
                "addFeed",
                "feeds",
                "Subscribe to a feed (needs the bearer token)",
                const { &[] },
                Some("NewFeed"),
                Some("Feed"),
                201,
                true,
            ),
        },
        Route {
            method: Method::DELETE,
            path: "/api/v1/feeds/{id}",
            handler: || delete(api::remove_feed),
            api: doc(
                "removeFeed",
                "feeds",
                "Unsubscribe from a feed (needs the bearer token)",
                const { &[path("id", "feed number")] },
                None,
                None,
                204,
                true,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/v1/search",
            handler: || get(api::search),
            api: doc(
                "search",
                "search",
                "Full-text search over titles and texts",
                const {
                    &[
                        q("q", "string", "words to search for (FTS5 syntax accepted)"),
                        LIMIT,
                    ]
                },
                None,
                Some("SearchResponse"),
                200,
                false,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/v1/graph",
            handler: || get(api::graph),
            api: doc(
                "graph",
                "analysis",
                "Relation graph: actors as nodes, edges weighted by events per QuadClass, for a time window",
                const {
                    &[
                        SINCE,
                        UNTIL,
                        q("level", "string", "country (default) or actor"),
                        CAMEO,
                        q("min_events", "integer", "drop edges with fewer events"),
                        q(
                            "max_nodes",
                            "integer",
                            "keep the busiest nodes (default 40, at most 200)",
                        ),
                    ]
                },
                None,
                Some("GraphResponse"),
                200,
                false,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/v1/timeseries",
            handler: || get(api::timeseries),
            api: doc(
                "timeseries",
                "analysis",
                "Events per day, week or month for an actor or a dyad",
                const {
                    &[
                        ACTOR,
                        DYAD,
                        SINCE,
                        UNTIL,
                        CAMEO,
                        TOPIC,
                        q("bucket", "string", "day (default), week or month"),
                    ]
                },
                None,
                Some("SeriesResponse"),
                200,
                false,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/v1/stats",
            handler: || get(api::stats),
            api: doc(
                "stats",
                "status",
                "Counts of what the store holds",
                const { &[] },
                None,
                Some("Stats"),
                200,
                false,
            ),
        },
        Route {
            method: Method::GET,
            path: "/api/openapi.json",
            handler: || get(openapi_handler),
            api: None,
        },
        // Web pages.
        Route {
            method: Method::GET,
            path: "/",
            handler: || get(web::dashboard::page),
            api: None,
        },
        Route {
            method: Method::GET,
            path: "/events",
            handler: || get(web::events::list),
            api: None,
        },
        Route {
            method: Method::GET,
            path: "/events/{id}",
            handler: || get(web::events::one),
            api: None,
        },
        Route {
            method: Method::GET,
            path: "/actors",
            handler: || get(web::actor::list),
            api: None,
        },
        Route {
            method: Method::GET,
            path: "/actors/{code}",
            handler: || get(web::actor::page),
            api: None,
        },
        Route {
            method: Method::GET,
            path: "/entities/{id}",
            handler: || get(web::actor::entity),
            api: None,
        },
        Route {
            method: Method::GET,
            path: "/documents",
            handler: || get(web::document::list),
            api: None,
        },
        Route {
            method: Method::GET,
            path: "/documents/{id}",
            handler: || get(web::document::page),
            api: None,
        },
        Route {
            method: Method::GET,
            path: "/stories",
            handler: || get(web::stories::list),
            api: None,
        },
        Route {
            method: Method::GET,
            path: "/stories/{id}",
            handler: || get(web::stories::page),
            api: None,
        },
        Route {
            method: Method::GET,
            path: "/feeds",
            handler: || get(web::feeds::page),
            api: None,
        },
        Route {
            method: Method::GET,
            path: "/search",
            handler: || get(web::search::page),
            api: None,
        },
        Route {
            method: Method::GET,
            path: "/static/app.css",
            handler: || get(web::stylesheet),
            api: None,
        },
    ]
}

/// The Content-Security-Policy of every response: nothing from outside, no scripts at all,
/// styles only from this server, no framing.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                       form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

async fn security_headers(req: axum::extract::Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    res
}

/// The router over `state`, with security headers and a request body limit.
pub fn router(state: AppState, max_body_bytes: usize) -> Router {
    let mut r: Router<AppState> = Router::new();
    for route in routes() {
        r = r.route(route.path, (route.handler)());
    }
    r.nest("/api", Router::new().fallback(api::not_found))
        .fallback(web::not_found)
        .layer(DefaultBodyLimit::max(max_body_bytes))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

async fn openapi_handler() -> impl IntoResponse {
    axum::Json(openapi())
}

/// The OpenAPI 3.1 description of the JSON API, built from the routes table.
pub fn openapi() -> Value {
    let mut paths: Map<String, Value> = Map::new();
    for route in routes() {
        let Some(d) = route.api else { continue };
        let params: Vec<Value> = d
            .params
            .iter()
            .map(|p| {
                json!({
                    "name": p.name,
                    "in": if p.place == In::Path { "path" } else { "query" },
                    "required": p.place == In::Path,
                    "description": p.description,
                    "schema": {"type": p.kind},
                })
            })
            .collect();
        let error = json!({"description": "error", "content": {"application/json":
            {"schema": {"$ref": "#/components/schemas/Error"}}}});
        let mut responses = Map::new();
        let ok = match d.response {
            Some(schema) => json!({"description": "success", "content": {"application/json":
                {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}}),
            None => json!({"description": "success, no content"}),
        };
        responses.insert(d.status.to_string(), ok);
        responses.insert("400".into(), error.clone());
        if route.path.contains('{') {
            responses.insert("404".into(), error.clone());
        }
        if d.auth {
            responses.insert("401".into(), error.clone());
            responses.insert("403".into(), error.clone());
        }
        responses.insert("default".into(), error);
        let mut op = json!({
            "operationId": d.id,
            "tags": [d.tag],
            "summary": d.summary,
            "parameters": params,
            "responses": responses,
        });
        if let Some(body) = d.body {
            op["requestBody"] = json!({"required": true, "content": {"application/json":
                {"schema": {"$ref": format!("#/components/schemas/{body}")}}}});
        }
        if d.auth {
            op["security"] = json!([{"bearer": []}]);
        }
        let entry = paths
            .entry(route.path.to_string())
            .or_insert_with(|| json!({}));
        entry[route.method.as_str().to_ascii_lowercase()] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "attache API",
            "version": "1",
            "description": "News events, actors, documents, stories and feeds stored by attache. \
                            Errors are {\"error\": {\"code\", \"message\"}} with a stable code.",
        },
        "paths": paths,
        "components": {
            "schemas": api::schema::components(),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    })
}
