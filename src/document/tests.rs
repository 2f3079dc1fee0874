use super::*;

fn line_col(doc: &Document, offset: usize) -> (usize, usize) {
    let p = doc.position(offset);
    (p.line, p.column)
}

#[test]
fn heading_tree_and_sections() {
    let doc = Document::parse("# T\n\n## A\n\n### A1\n\n- x\n\n## B\n");
    let levels: Vec<u8> = doc.headings.iter().map(|h| h.level).collect();
    assert_eq!(levels, [1, 2, 3, 2]);
    assert_eq!(doc.headings[2].parent, Some(1));
    assert_eq!(doc.headings[1].children, [2]);
    assert_eq!(doc.headings[3].parent, Some(0));
    // A's section runs to B; A1 is inside it.
    assert_eq!(doc.headings[1].section_span.end, doc.headings[3].span.start);
    assert_eq!(doc.entries[0].section, Some(2));
    assert!(doc.section_has_entries(1));
    assert!(!doc.section_has_entries(3));
}

#[test]
fn heading_text_for_slugs_drops_images_html_and_link_urls() {
    let doc =
        Document::parse("## ![logo](x.png) Tools <sup>new</sup> [Docs](https://d.e) `code`\n");
    assert_eq!(doc.headings[0].text, "Tools new Docs code");
    // The space after the image stays, as on GitHub (like an emoji: `🎉 Party` → `-party`).
    assert_eq!(doc.slug_of(&doc.headings[0]), "-tools-new-docs-code");
    assert_eq!(doc.links.iter().filter(|l| l.heading == Some(0)).count(), 2);
}

#[test]
fn text_slug_is_the_trimmed_texts_slug_inside_the_anchor() {
    let doc = Document::parse(
        "## ![logo](x.png) Tools ![b](b.png)\n## Tools\n## Tools\n## <img src=\"a.png\">  -A- \n## -A-\n",
    );
    let got: Vec<(&str, &str)> = doc
        .headings
        .iter()
        .map(|h| (doc.slug_of(h), doc.text_slug_of(h)))
        .collect();
    assert_eq!(
        got,
        [
            ("-tools-", "tools"),
            ("tools", "tools"),
            ("tools-1", "tools"),
            ("---a-", "-a-"),
            ("-a-", "-a-"),
        ]
    );
    for h in &doc.headings {
        assert_eq!(doc.text_slug_of(h), crate::document::slug::slugify(&h.text));
    }
}

#[test]
fn entries_as_list_items_paragraphs_and_table_rows() {
    let md = "# T\n\n- [a](https://a.b) - A.\n  - [nested](https://n.b)\n1. [b](https://b.c)\n\n[c](https://c.d) - led by a link\n\nJust prose with [a link](https://p.q).\n\n| Name | Year |\n|---|---|\n| [d](https://d.e) | 2020 |\n";
    let doc = Document::parse(md);
    let kinds: Vec<_> = doc.entries.iter().map(|e| (e.kind, e.depth)).collect();
    assert_eq!(
        kinds,
        [
            (EntryKind::ListItem, 0),
            (EntryKind::ListItem, 1),
            (EntryKind::ListItem, 0),
            (EntryKind::Paragraph, 0),
            (EntryKind::TableRow, 0),
        ]
    );
    // The parent item's own content stops before its nested list.
    assert_eq!(doc.text(&doc.entries[0].content), "[a](https://a.b) - A.");
    assert_eq!(doc.entries[0].links.len(), 1);
    assert_eq!(doc.years_of(&doc.entries[4]), [2020]);
    assert!(doc.blocks.iter().any(|b| b.kind == BlockKind::Prose));
}

#[test]
fn each_entry_has_its_own_links_and_years() {
    // A nested item, a badge row that stops being an entry, an image beside a link, a row.
    let md = "# T\n\n- [a](https://a.b) [![b](https://i.b)](https://b.b) x 2021\n  - [n](https://n.b) 2022\n\n[![x 2019](https://x.png)](https://x.y) 2018\n\n**C 2020**\n[c](https://c.d) and [e](https://e.f) 2023\n\n| Name |\n|---|\n| [d](https://d.e) |\n";
    let doc = Document::parse(md);
    let urls: Vec<Vec<&str>> = doc
        .entries
        .iter()
        .map(|e| {
            doc.links_of(e)
                .iter()
                .map(|&l| doc.url_of(&doc.links[l]))
                .collect()
        })
        .collect();
    assert_eq!(
        urls,
        [
            vec!["https://a.b", "https://b.b"],
            vec!["https://n.b"],
            vec!["https://c.d", "https://e.f"],
            vec!["https://d.e"],
        ]
    );
    let years: Vec<&[u16]> = doc.entries.iter().map(|e| doc.years_of(e)).collect();
    assert_eq!(years, [&[2021][..], &[2022], &[2020, 2023], &[]]);
}

#[test]
fn bold_title_paragraphs_are_entries_but_notes_are_not() {
    let md = "**A Paper** \\\n*Authors* \\\n[[Paper](https://a.b)] \\\n2022\n\n**Note:** see [this](https://n.o).\n";
    let doc = Document::parse(md);
    assert_eq!(doc.entries.len(), 1);
    assert_eq!(doc.years_of(&doc.entries[0]), [2022]);
    assert!(doc.text(&doc.entries[0].content).starts_with("**A Paper**"));
}

#[test]
fn badge_rows_are_not_entries() {
    let doc =
        Document::parse("# T\n\n[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n");
    assert!(doc.entries.is_empty());
    assert!(doc.links.iter().any(|l| l.image_only));
}

#[test]
fn link_kinds_including_html_and_definitions() {
    let md = "[a](https://a.b) [r][ref] <https://auto.link> ![i](https://img.png) <a href=\"https://h.tml\">h</a>\n\n<p><a href=\"https://block.html\" id=\"anchor\">x</a></p>\n\n[ref]: https://ref.def\n[unused]: https://unused.def\n";
    let doc = Document::parse(md);
    let got: Vec<(LinkKind, &str)> = doc.links.iter().map(|l| (l.kind, doc.url_of(l))).collect();
    assert!(got.contains(&(LinkKind::Inline, "https://a.b")));
    assert!(got.contains(&(LinkKind::Reference, "https://ref.def")));
    assert!(got.contains(&(LinkKind::Autolink, "https://auto.link")));
    assert!(got.contains(&(LinkKind::Image, "https://img.png")));
    assert!(got.contains(&(LinkKind::Html, "https://h.tml")));
    assert!(got.contains(&(LinkKind::Html, "https://block.html")));
    let defs: Vec<(&str, bool)> = doc
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Definition)
        .map(|l| (doc.url_of(l), l.used))
        .collect();
    assert_eq!(
        defs,
        [("https://ref.def", true), ("https://unused.def", false)]
    );
    assert!(doc.has_anchor("anchor"));
    // Spans point at the URL in the source for HTML links.
    let html = doc
        .links
        .iter()
        .find(|l| doc.url_of(l) == "https://h.tml")
        .unwrap();
    assert_eq!(doc.text(&html.span), "https://h.tml");
}

#[test]
fn bare_urls_outside_links_and_code_only() {
    let md = "See https://a.b/x, `https://code.c` and [https://t.t](https://t.t).\n\n```\nhttps://block.b\n```\n\n- item https://i.t/p_(x)\n";
    let doc = Document::parse(md);
    let urls: Vec<&str> = doc.bare_urls.iter().map(|u| doc.text(&u.span)).collect();
    assert_eq!(urls, ["https://a.b/x", "https://i.t/p_(x)"]);
    assert_eq!(doc.bare_urls[1].entry, Some(0));
}

#[test]
fn comments_are_kept() {
    let doc = Document::parse("<!-- lint disable x -->\n\ntext <!--inline-->\n");
    let texts: Vec<&str> = doc.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["lint disable x", "inline"]);
}

#[test]
fn unterminated_comment_ending_in_multibyte_text() {
    // Found by tests/properties.rs: the text was cut three bytes before the end, inside `文`.
    let doc = Document::parse("<!-- unterminated comment\n中文  ");
    assert_eq!(doc.comments.len(), 1);
    assert_eq!(doc.comments[0].text, "unterminated comment\n中文");
    assert_eq!(doc.comments[0].span, 0..doc.source.len());
    let empty = Document::parse("<!-->\n");
    assert_eq!(empty.comments[0].text, "");
}

#[test]
fn positions_with_crlf_bom_tabs_and_multibyte_text() {
    let md = "\u{feff}# Tï\r\n\r\n-\t[é](https://e.f) 中文 [x](https://x.y)\r\n";
    let doc = Document::parse(md);
    assert_eq!(line_col(&doc, doc.headings[0].span.start), (1, 1));
    let x = doc
        .links
        .iter()
        .find(|l| doc.url_of(l) == "https://x.y")
        .unwrap();
    // "-", tab, "[é](https://e.f)" (16 chars), space, "中文", space → column 23.
    assert_eq!(line_col(&doc, x.span.start), (3, 23));
    let end = doc.end_position(&x.span);
    assert_eq!((end.line, end.column), (3, 38));
}

#[test]
fn toc_found_without_contents_heading() {
    let md =
        "# T\n\n**What's in here:**\n* [A](#a)\n\n* [B](#b)\n\n## A\n- [x](https://x.y)\n## B\n";
    let doc = Document::parse(md);
    let toc = doc.toc.expect("toc detected");
    assert_eq!(toc.entries.len(), 2);
}

#[test]
fn no_toc_when_anchor_list_follows_its_targets() {
    let md = "# T\n## A\n## B\n\n- [A](#a)\n- [B](#b)\n";
    assert!(Document::parse(md).toc.is_none());
}

#[test]
fn conventions_are_inferred_from_the_list() {
    let md = "# T\n- A: [p](https://a/1) | [c](https://c/1) | 2020\n- B: [p](https://a/2) | [c](https://c/2)\n- C - [p](https://a/3)\n";
    let doc = Document::parse(md);
    let ls = doc.conventions.link_separator.as_ref().unwrap();
    assert_eq!(
        (
            ls.separator.as_str(),
            ls.display.as_str(),
            ls.following,
            ls.grouped
        ),
        ("|", " | ", 2, 2)
    );
    let ts = doc.conventions.title_separator.as_ref().unwrap();
    assert_eq!((ts.separator, ts.separated, ts.titled), (':', 3, 3));
    assert_eq!(
        doc.conventions.years_preamble,
        conventions::YearStats { dated: 0, total: 0 }
    );
    assert_eq!(
        doc.conventions.years[0],
        conventions::YearStats { dated: 1, total: 3 }
    );
}

#[test]
fn never_panics_on_odd_input() {
    for md in [
        "- [x](https://a.b) ICML ٢٢ 20٢٢",
        "",
        "\n",
        "#",
        "- ",
        "[",
        "[x](",
        "<a href=",
        "| a |\n|-",
        "\u{feff}",
        "***\n---\n",
        "> - [a](#b)\n",
        "[^1]\n\n[^1]: note",
    ] {
        let doc = Document::parse(md);
        let _ = crate::rules::check(&doc);
    }
}
