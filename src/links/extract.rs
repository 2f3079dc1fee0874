//! Which URLs of a document the checker visits.

use crate::document::{Document, LinkKind};

use super::LinkOccurrence;

/// Every external URL occurrence in the document, in source order: inline, reference and
/// autolinks, images and badges, HTML `href`/`src`, bare URLs, and reference definitions
/// that no link uses (a used definition is checked through its uses). In-document
/// anchors (`#x`) and relative paths are not the checker's business; code spans and blocks
/// never reach the model. Non-http schemes are passed on so that they are listed as skipped.
pub fn occurrences(doc: &Document) -> Vec<LinkOccurrence> {
    let mut out: Vec<LinkOccurrence> = doc
        .links
        .iter()
        .filter(|l| l.kind != LinkKind::Definition || !l.used)
        .filter(|l| is_external(doc.url_of(l)))
        .map(|l| LinkOccurrence {
            url: doc.url_of(l).trim().to_string(),
            span: l.span.clone(),
        })
        .chain(doc.bare_urls.iter().map(|u| LinkOccurrence {
            url: doc.text(&u.span).to_string(),
            span: u.span.clone(),
        }))
        .collect();
    out.sort_by_key(|o| o.span.start);
    out
}

/// An absolute URL with a scheme (`https:`, `mailto:`, `ftp:`), as opposed to an anchor or a path.
fn is_external(url: &str) -> bool {
    let url = url.trim();
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    !scheme.is_empty()
        && scheme.len() <= 32
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_every_external_url_once_per_place() {
        let md = "# T\n\n- [a](https://a.b) [r][ref] <https://auto.c> ![i](https://img.d/x.png)\n- [local](#t) [file](docs/x.md) [mail](mailto:x@y.z)\n- bare https://bare.e and `https://code.f`\n\n<a href=\"https://html.g\">h</a>\n\n```\nhttps://block.h\n```\n\n[ref]: https://ref.i\n[unused]: https://unused.j\n";
        let doc = Document::parse(md);
        let urls: Vec<String> = occurrences(&doc).into_iter().map(|o| o.url).collect();
        assert_eq!(
            urls,
            [
                "https://a.b",
                "https://ref.i",
                "https://auto.c",
                "https://img.d/x.png",
                "mailto:x@y.z",
                "https://bare.e",
                "https://html.g",
                "https://unused.j",
            ]
        );
    }

    #[test]
    fn spans_point_at_each_occurrence() {
        let md = "[a](https://x.y)\n\n[b](https://x.y)\n";
        let doc = Document::parse(md);
        let occ = occurrences(&doc);
        assert_eq!(occ.len(), 2);
        assert_eq!(doc.position(occ[1].span.start).line, 3);
    }
}
