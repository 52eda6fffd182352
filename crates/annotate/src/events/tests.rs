use super::fallback_actors::FallbackActors;
use super::*;
