//! Small text scanners the parser uses: bare URLs, years, HTML attributes.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// Bare http(s) URLs in `text`, as byte ranges relative to it. Trailing punctuation is
/// trimmed the way GitHub's autolinker does (`.`, `,`, `:`, `;`, `!`, `?`, quotes,
/// `*`, `_`, `~`, and a `)` without its `(`).
pub fn bare_urls(text: &str) -> Vec<Range<usize>> {
    url_candidates(text)
        .filter_map(|m| {
            let url = trim_url(&text[m.clone()]);
            // `http://` alone is not a URL.
            let scheme_len = if url.starts_with("https") { 8 } else { 7 };
            (url.len() > scheme_len).then(|| m.start..m.start + url.len())
        })
        .collect()
}

/// The leftmost-first matches of `https?://[^\s<>"`]+` (`\s` as Unicode white space), found
/// from `http` with memchr's substring search instead of a regex engine: a long line of
/// URLs cost thousands of instructions per match in the regex's per-search setup.
fn url_candidates(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    static HTTP: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(b"http"));
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let start = at + HTTP.find(&bytes[at..])?;
            let rest = &bytes[start + 4..];
            let scheme_end = if rest.starts_with(b"://") {
                start + 7
            } else if rest.starts_with(b"s://") {
                start + 8
            } else {
                at = start + 1;
                continue;
            };
            let len = text[scheme_end..]
                .char_indices()
                .find(|&(_, c)| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
                .map_or(text.len() - scheme_end, |(i, _)| i);
            if len == 0 {
                at = start + 1;
                continue;
            }
            at = scheme_end + len;
            return Some(start..at);
        }
    })
}

fn trim_url(url: &str) -> &str {
    // The brackets are counted once and the counts kept up to date while trimming: counting
    // again for each trimmed character costs the square of a long run of `)`.
    let count = |c: u8| memchr::memchr_iter(c, url.as_bytes()).count();
    let (open_paren, mut close_paren) = (count(b'('), count(b')'));
    let (open_bracket, mut close_bracket) = (count(b'['), count(b']'));
    let mut end = url.len();
    while let Some(last) = url[..end].chars().next_back() {
        let trim = match last {
            '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '_' | '~' => true,
            ')' => close_paren > open_paren,
            ']' => close_bracket > open_bracket,
            _ => false,
        };
        if !trim {
            break;
        }
        match last {
            ')' => close_paren -= 1,
            ']' => close_bracket -= 1,
            _ => {}
        }
        end -= last.len_utf8();
    }
    &url[..end]
}

/// Whether `b` is a word byte for an ASCII `\b`: non-ASCII bytes are not.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The runs of ASCII digits in `bytes`, as ranges.
fn digit_runs(bytes: &[u8]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        // Most text holds no digit: skip it eight bytes at a time.
        while let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if has_ascii_digit(word) {
                break;
            }
            i += 8;
        }
        while i < bytes.len() && !bytes[i].is_ascii_digit() {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        (start < i).then_some(start..i)
    })
}

/// Whether any of the eight bytes of `word` is an ASCII digit (`0x30..=0x39`): the
/// "has a byte between m and n" bit trick, exact for every byte value (no carry or borrow
/// crosses bytes, and bytes with the high bit set are excluded by `!word`).
fn has_ascii_digit(word: u64) -> bool {
    const ONES: u64 = u64::MAX / 255;
    const LOW7: u64 = ONES * 127;
    let low = word & LOW7;
    // High bit set where the byte is below `9` + 1 and where it is above `0` - 1.
    let below = (ONES * (127 + 0x3A)) - low;
    let above = low + ONES * (127 - 0x2F);
    below & !word & above & (ONES * 128) != 0
}

/// Two-digit years after a venue acronym: `ICML 22`, `CVPR'23`, `NeurIPS '21`, in order.
/// The same matches as `(?-u:\b)(?:[A-Z]{2,}|[A-Z][a-z]+[A-Z]+[a-z]*)(?-u:\s)?'?([0-9]{2})(?-u:\b)`
/// (ASCII digits only: `\d` would match Arabic-Indic digits, which are not years here).
#[cfg(test)]
fn short_years(bytes: &[u8], out: &mut Vec<u16>) {
    out.extend(
        digit_runs(bytes)
            .filter(|run| run.len() == 2)
            .filter_map(|run| short_year_at(bytes, run.start)),
    );
}

/// The short year of the two digits at `i` (a run of exactly two), read backwards to the
/// venue acronym before them, instead of running a regex over every entry's text (the
/// regex search showed as a twentieth of the parse in a profile).
fn short_year_at(bytes: &[u8], i: usize) -> Option<u16> {
    if bytes.get(i + 2).is_some_and(|&b| is_word_byte(b)) {
        return None;
    }
    let mut j = i;
    if j > 0 && bytes[j - 1] == b'\'' {
        j -= 1;
    }
    // ASCII `\s`: also the vertical tab, which `is_ascii_whitespace` leaves out.
    if j > 0 && (bytes[j - 1].is_ascii_whitespace() || bytes[j - 1] == 0x0b) {
        j -= 1;
    }
    let mut k = j;
    while k > 0 && bytes[k - 1].is_ascii_alphabetic() {
        k -= 1;
    }
    let starts_word = k == 0 || !is_word_byte(bytes[k - 1]);
    (k < j && starts_word && is_venue(&bytes[k..j])).then(|| {
        let yy = u16::from(bytes[i] - b'0') * 10 + u16::from(bytes[i + 1] - b'0');
        if yy < 70 { 2000 + yy } else { 1900 + yy }
    })
}

/// `[A-Z]{2,}` or `[A-Z][a-z]+[A-Z]+[a-z]*`, the whole of `word` (ASCII letters).
fn is_venue(word: &[u8]) -> bool {
    if word.len() >= 2 && word.iter().all(u8::is_ascii_uppercase) {
        return true;
    }
    let lower = |w: &[u8]| w.iter().take_while(|b| b.is_ascii_lowercase()).count();
    let upper = |w: &[u8]| w.iter().take_while(|b| b.is_ascii_uppercase()).count();
    if word.first().is_none_or(|b| !b.is_ascii_uppercase()) {
        return false;
    }
    let rest = &word[1..];
    let a = lower(rest);
    let b = upper(&rest[a..]);
    let c = lower(&rest[a + b..]);
    a > 0 && b > 0 && a + b + c == rest.len()
}

/// Years 1900–2099 not run into other digits (`2023`, `(CVPR 2024)`, `Feb 2021`, `ICLR2023`),
/// and two-digit years after a venue acronym (`ICML 22`).
pub fn years(text: &str) -> Vec<u16> {
    let mut out = Vec::new();
    years_into(text, &mut out);
    out
}

/// `years`, appended to `out` (the parse reads years piece by piece into each entry).
pub fn years_into(text: &str, out: &mut Vec<u16>) {
    // One pass over the runs of ASCII digits: a year is a run of exactly four (with no digit
    // of another script beside it), a short year a run of exactly two after a venue.
    let bytes = text.as_bytes();
    let mut short = Vec::new();
    for run in digit_runs(bytes) {
        let digits = &bytes[run.clone()];
        match digits.len() {
            4 if matches!(&digits[..2], b"19" | b"20")
                && !text[..run.start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_numeric)
                && !text[run.end..].chars().next().is_some_and(char::is_numeric) =>
            {
                out.push(
                    digits
                        .iter()
                        .fold(0u16, |n, &d| n * 10 + u16::from(d - b'0')),
                );
            }
            2 => short.extend(short_year_at(bytes, run.start)),
            _ => {}
        }
    }
    out.extend(short);
}

static HTML_ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(href|src|id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"#)
        .expect("valid regex")
});

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HtmlAttr {
    /// `href` or `src`: a link target.
    Url(String),
    /// `id` or `name`: an anchor target.
    Anchor(String),
}

/// `href`/`src`/`id`/`name` attributes in a piece of HTML, with the byte range of each value.
pub fn html_attrs(html: &str) -> Vec<(HtmlAttr, Range<usize>)> {
    HTML_ATTR
        .captures_iter(html)
        .filter_map(|c| {
            let name = c.get(1)?.as_str().to_ascii_lowercase();
            let value = c.get(2).or_else(|| c.get(3)).or_else(|| c.get(4))?;
            let text = decode_entities(value.as_str());
            let attr = match name.as_str() {
                "href" | "src" => HtmlAttr::Url(text),
                _ => HtmlAttr::Anchor(text),
            };
            Some((attr, value.range()))
        })
        .collect()
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_candidates_match_the_regex_they_replace() {
        let regex = Regex::new(r#"https?://[^\s<>"`]+"#).unwrap();
        for text in [
            "see https://a.com/x. and http://b.org",
            "httphttp://x https://",
            "http:// x https://\u{a0}y https://z\u{2003}w",
            "中文 https://example.com/long/1 中文https://例子.测试/路径",
            "<https://a.com>\"https://b.com\"`https://c.com`",
            "hhttps://a httpss://b HTTP://c http:/d https:://e",
            "http://a http://b\thttp://c\nhttp://d",
            "",
            "http",
        ] {
            let expected: Vec<_> = regex.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(
                url_candidates(text).collect::<Vec<_>>(),
                expected,
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_digit_test_is_exact_for_every_byte_in_every_position() {
        for position in 0..8 {
            for byte in 0..=255u8 {
                // The other seven bytes are every kind of non-digit: ASCII, high, `/`, `:`.
                for filler in [b'a', 0xFF, b'/', b':', 0x80] {
                    let mut word = [filler; 8];
                    word[position] = byte;
                    assert_eq!(
                        has_ascii_digit(u64::from_le_bytes(word)),
                        byte.is_ascii_digit(),
                        "byte {byte:#x} at {position} among {filler:#x}"
                    );
                }
            }
        }
    }

    fn urls(t: &str) -> Vec<&str> {
        bare_urls(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn bare_urls_trim_trailing_punctuation() {
        assert_eq!(urls("see https://a.com/x."), ["https://a.com/x"]);
        assert_eq!(urls("(https://a.com/x)"), ["https://a.com/x"]);
        assert_eq!(
            urls("https://en.wikipedia.org/wiki/A_(b)"),
            ["https://en.wikipedia.org/wiki/A_(b)"]
        );
        assert_eq!(urls("http://x.org/#frag, and"), ["http://x.org/#frag"]);
        assert!(urls("no url here, http:// alone").is_empty());
        assert_eq!(
            urls("a http://x.y b https://z.w"),
            ["http://x.y", "https://z.w"]
        );
    }

    #[test]
    fn long_runs_of_closing_brackets_are_trimmed_to_the_balanced_url() {
        let parens = format!("see https://a.com/(x){}.", ")".repeat(100_000));
        assert_eq!(urls(&parens), ["https://a.com/(x)"]);
        let brackets = format!("https://a.com/[x]{}", "]".repeat(100_000));
        assert_eq!(urls(&brackets), ["https://a.com/[x]"]);
        assert_eq!(urls("https://a.com/x).)]"), ["https://a.com/x"]);
        assert_eq!(urls("https://a.com/((x)))"), ["https://a.com/((x))"]);
    }

    #[test]
    fn years_in_list_styles() {
        assert_eq!(years("[ArXiv] | 2023"), [2023]);
        assert_eq!(years("a long text with no digit, then 2023"), [2023]);
        assert_eq!(years("(CVPR 2024)"), [2024]);
        assert_eq!(years(", ICLR 2023"), [2023]);
        assert_eq!(years("Feb 2021"), [2021]);
        assert_eq!(years("[ArXiv 2022]"), [2022]);
        assert_eq!(years("2019-2020"), [2019, 2020]);
        assert_eq!(years("ICLR2023"), [2023]);
        assert_eq!(years("ICML 22, [[code]]"), [2022]);
        assert_eq!(years("CVPR'19"), [2019]);
        assert_eq!(years("NeurIPS 21"), [2021]);
        assert_eq!(years("Top 10 tools, v12"), Vec::<u16>::new());
        // Digits of other scripts are neither years nor a reason to fail.
        assert_eq!(years("ICML ٢٢ and 20٢٢ and ٢2021"), Vec::<u16>::new());
        assert_eq!(years("中文2021年"), [2021]);
        assert_eq!(
            years("CSC2539 and 12023 and 1899 and 20234"),
            Vec::<u16>::new()
        );
    }

    static VENUE_SHORT_YEAR: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(?:[A-Z]{2,}|[A-Z][a-z]+[A-Z]+[a-z]*)(?-u:\s)?'?([0-9]{2})(?-u:\b)")
            .unwrap()
    });

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed),
            ..Default::default()
        })]
        /// The hand-written scan finds what the regex it replaces finds.
        #[test]
        fn short_years_match_the_regex(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "ICML", "NeurIPS", "CVPR", "Ab", "aB", "ABc", "AbCdE", "A", " ", "  ", "'",
                "\t", "\u{b}", "22", "2", "123", "_", "é", "٢", "x", ",", "(",
            ]), 0..12)
        ) {
            let text = pieces.concat();
            let expected: Vec<u16> = VENUE_SHORT_YEAR
                .captures_iter(&text)
                .map(|c| {
                    let yy: u16 = c[1].parse().unwrap();
                    if yy < 70 { 2000 + yy } else { 1900 + yy }
                })
                .collect();
            let mut got = Vec::new();
            short_years(text.as_bytes(), &mut got);
            proptest::prop_assert_eq!(got, expected);
        }
    }

    /// The scan `years` replaced: every `1`/`2` starting four ASCII digits of 19xx or 20xx
    /// with no digit of any script beside them, then the regex's short years.
    fn years_as_before(text: &str) -> Vec<u16> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for i in memchr::memchr2_iter(b'1', b'2', bytes) {
            let Some(w) = bytes.get(i..i + 4) else { break };
            if matches!(&w[..2], b"19" | b"20")
                && w[2].is_ascii_digit()
                && w[3].is_ascii_digit()
                && !text[..i].chars().next_back().is_some_and(char::is_numeric)
                && !text[i + 4..].chars().next().is_some_and(char::is_numeric)
            {
                out.push(text[i..i + 4].parse().unwrap());
            }
        }
        out.extend(VENUE_SHORT_YEAR.captures_iter(text).map(|c| {
            let yy: u16 = c[1].parse().unwrap();
            if yy < 70 { 2000 + yy } else { 1900 + yy }
        }));
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed),
            ..Default::default()
        })]
        #[test]
        fn url_candidates_match_the_regex_on_any_mix(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "http", "https", "://", ":/", "s", "h", "x", "/", " ", "\u{a0}", "\u{2003}",
                "<", ">", "\"", "`", "中", "é", ".", ")", "\n",
            ]), 0..16)
        ) {
            let text = pieces.concat();
            let regex = Regex::new(r#"https?://[^\s<>"`]+"#).unwrap();
            let expected: Vec<_> = regex.find_iter(&text).map(|m| m.range()).collect();
            proptest::prop_assert_eq!(url_candidates(&text).collect::<Vec<_>>(), expected);
        }

        #[test]
        fn years_match_the_scan_they_replaced(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "ICML", "CVPR", "NeurIPS", " ", "'", "2021", "1999", "2", "20", "19", "22",
                "12023", "٢", "é", "x", "(", ")", "_", "-",
            ]), 0..12)
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(years(&text), years_as_before(&text));
        }
    }

    #[test]
    fn html_attributes() {
        let a = html_attrs(
            r#"<a name="top"></a><a href='https://x.y/?a=1&amp;b=2'><img src=logo.png></a><h2 id="sec">"#,
        );
        let got: Vec<_> = a.into_iter().map(|(a, _)| a).collect();
        assert_eq!(
            got,
            [
                HtmlAttr::Anchor("top".into()),
                HtmlAttr::Url("https://x.y/?a=1&b=2".into()),
                HtmlAttr::Url("logo.png".into()),
                HtmlAttr::Anchor("sec".into()),
            ]
        );
    }
}
