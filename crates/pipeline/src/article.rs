//! The extract stage as the pipeline runs it: `attache-extract` over HTML pages and plain text
//! (main text, metadata, boilerplate and calls to action removed, syndication markers kept as
//! provenance), with the caller's hints applied last.

use attache_extract::{ExtractError, Options, extract_html, extract_text_bytes};

use crate::basic::apply_hints;
use crate::{Extracted, Extractor, InputKind, RawInput, StageError};

/// Article extraction for HTML and plain text.
#[derive(Debug, Default, Clone, Copy)]
pub struct ArticleExtractor;

impl Extractor for ArticleExtractor {
    fn name(&self) -> &'static str {
        "article extraction (main text and metadata; menus, disclaimers, calls to action and \
         syndication trailers removed from HTML and text, kept as provenance)"
    }

    fn extract(&self, input: &RawInput) -> Result<Extracted, StageError> {
        let opts = Options {
            url: input.hints.url.clone(),
            content_type: input.content_type.clone(),
            published: input.hints.published.map(|t| {
                (
                    t,
                    input
                        .hints
                        .published_precision
                        .unwrap_or(attache_model::DatePrecision::Day),
                )
            }),
            ..Options::default()
        };
        let result = match input.kind {
            InputKind::Html => extract_html(&input.bytes, &opts),
            InputKind::Text => extract_text_bytes(&input.bytes, &opts),
        };
        let x = result.map_err(|e| match e {
            ExtractError::Empty => StageError::Empty,
            ExtractError::Binary => StageError::Binary,
            ExtractError::NoArticle(_) => StageError::NoArticle,
            other => StageError::Invalid(other.to_string()),
        })?;
        let mut document = x.to_document();
        apply_hints(&mut document, &input.hints);
        document.input = Some(input.origin.clone());
        Ok(Extracted {
            document,
            warnings: x.warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Hints;

    #[test]
    fn text_trailers_become_provenance() {
        let para = "The minister held talks in Muscat on regional security and energy \
                    cooperation with his counterpart, and both sides agreed to meet again soon.";
        let text = format!(
            "Talks in Muscat\n{para}\n\n{para} The talks lasted two days.\n\n{para} Officials \
             described them as constructive.\nfrom RT World News https://ift.tt/abc\nvia IFTTT\n"
        );
        let input = RawInput {
            origin: "t.txt".into(),
            kind: InputKind::Text,
            bytes: text.as_bytes().to_vec(),
            content_type: None,
            hints: Hints {
                site_name: Some("Relay".into()),
                ..Hints::default()
            },
        };
        let x = ArticleExtractor.extract(&input).unwrap();
        let d = x.document;
        assert_eq!(d.title, "Talks in Muscat");
        assert!(!d.text.contains("IFTTT"), "{}", d.text);
        let s = d.syndication.expect("syndication");
        assert_eq!(s.via, vec!["IFTTT".to_string()]);
        assert_eq!(d.site_name.as_deref(), Some("Relay"), "hints win");
    }
}
