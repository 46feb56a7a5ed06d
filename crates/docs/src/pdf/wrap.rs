//! Line breaking for Chinese running text with real glyph widths.
//!
//! Chinese may break between any two characters, with the rules of 避头尾
//! (GB/T 15834 and common typesetting practice): closing punctuation
//! (，。、；：）」 …) never starts a line and opening punctuation (（「 …)
//! never ends one; a character is pushed to the next line with it instead
//! (推出, rather than letting punctuation hang into the margin, since the
//! seal and the margins of an official document are measured). Runs of
//! Latin letters and digits (a licence number, `GB50016-2014`, a date's
//! year) stay whole unless a single run is wider than a line. A dash (——)
//! or an ellipsis (……) is never split.

/// One laid-out line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub text: String,
    /// The natural width (sum of advances), in the unit of the measure.
    pub width: f32,
    /// The last line of the paragraph or a line ended by `\n`: never
    /// justified.
    pub last: bool,
}

/// Characters that must not start a line.
pub(crate) fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '〕'
            | '】'
            | '〗'
            | '”'
            | '’'
            | '…'
            | '·'
            | '%'
            | '‰'
            | '℃'
            | ')'
            | ']'
            | '}'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
    )
}

/// Characters that must not end a line.
pub(crate) fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '《' | '〈' | '〔' | '【' | '〖' | '“' | '‘' | '(' | '[' | '{'
    )
}

/// ASCII characters that belong to a word (`No.123`, `10:30`, a URL) when
/// they sit inside a run.
fn is_word_char(c: char) -> bool {
    c.is_ascii_graphic()
        && !matches!(
            c,
            '(' | ')' | '[' | ']' | '{' | '}' | ',' | ';' | '!' | '?' | '"' | '\''
        )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A Latin word or number: kept whole.
    Word,
    Space,
    /// A forced line break.
    Newline,
    /// Any other character (or a dash/ellipsis pair).
    Other,
}

#[derive(Debug, Clone)]
struct Unit {
    text: String,
    kind: Kind,
    width: f32,
}

impl Unit {
    fn first(&self) -> char {
        self.text.chars().next().unwrap_or(' ')
    }

    fn last(&self) -> char {
        self.text.chars().last().unwrap_or(' ')
    }
}

fn units(text: &str, measure: &impl Fn(char) -> f32) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let (end, kind) = if c == '\n' {
            (i + 1, Kind::Newline)
        } else if c.is_whitespace() && c != '\u{3000}' {
            (i + 1, Kind::Space)
        } else if is_word_char(c) && !is_closing(c) {
            let mut end = i + 1;
            while end < chars.len() && is_word_char(chars[end]) {
                end += 1;
            }
            // Trailing sentence punctuation is not part of the word, so it
            // keeps its own rule (it may not start a line).
            while end > i + 1 && matches!(chars[end - 1], '.' | ':') {
                end -= 1;
            }
            (end, Kind::Word)
        } else if matches!(c, '—' | '…' | '-') && chars.get(i + 1) == Some(&c) {
            (i + 2, Kind::Other)
        } else {
            (i + 1, Kind::Other)
        };
        let piece: String = chars[i..end].iter().collect();
        let (piece, width) = if kind == Kind::Newline {
            (piece, 0.0)
        } else if kind == Kind::Space {
            (" ".to_owned(), measure(' '))
        } else {
            let width = piece.chars().map(measure).sum();
            (piece, width)
        };
        out.push(Unit {
            text: piece,
            kind,
            width,
        });
        i = end;
    }
    out
}

/// How far a line may run over its width through rounding.
const EPSILON: f32 = 0.01;

/// Breaks `text` into lines of at most `first_width` (the first line, which
/// may be indented) and `width` (the others). Nothing is lost but blanks at
/// the line ends: the lines joined give the text back.
pub(crate) fn wrap(
    text: &str,
    first_width: f32,
    width: f32,
    measure: &impl Fn(char) -> f32,
) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut current: Vec<Unit> = Vec::new();
    let limit = |lines: &Vec<Line>| if lines.is_empty() { first_width } else { width };

    let flush = |lines: &mut Vec<Line>, current: &mut Vec<Unit>, last: bool| {
        while current.last().is_some_and(|u| u.kind == Kind::Space) {
            current.pop();
        }
        lines.push(Line {
            text: current.iter().map(|u| u.text.as_str()).collect(),
            width: current.iter().map(|u| u.width).sum(),
            last,
        });
        current.clear();
    };

    for unit in units(text, measure) {
        if unit.kind == Kind::Newline {
            flush(&mut lines, &mut current, true);
            continue;
        }
        if current.is_empty() && unit.kind == Kind::Space {
            continue;
        }
        let used: f32 = current.iter().map(|u| u.width).sum();
        let max = limit(&lines);
        if used + unit.width <= max + EPSILON {
            current.push(unit);
            continue;
        }
        if current.is_empty() || current.iter().all(|u| u.kind == Kind::Space) {
            // A word wider than a whole line: cut it where it must be cut.
            current.clear();
            for piece in split_long(&unit, max, width, measure) {
                if !current.is_empty() {
                    flush(&mut lines, &mut current, false);
                }
                current.push(piece);
            }
            continue;
        }
        // Break before `unit`, pushing characters down with it while the
        // next line would start with closing punctuation or this one would
        // end with opening punctuation (at most a few: a line of nothing
        // but punctuation is worse than a rule bent once).
        let mut carry = vec![unit];
        let mut pushed = 0;
        loop {
            let bad_start = carry.first().is_some_and(|u| is_closing(u.first()));
            let bad_end = current.last().is_some_and(|u| is_opening(u.last()));
            if !(bad_start || bad_end) || current.len() < 2 || pushed >= 3 {
                break;
            }
            if let Some(moved) = current.pop() {
                carry.insert(0, moved);
                pushed += 1;
            }
        }
        flush(&mut lines, &mut current, false);
        current.extend(carry.into_iter().skip_while(|u| u.kind == Kind::Space));
    }
    if !current.is_empty() || lines.is_empty() {
        flush(&mut lines, &mut current, true);
    } else if let Some(line) = lines.last_mut() {
        line.last = true;
    }
    lines
}

/// Cuts a unit wider than a line into pieces that fit (the first one into
/// what is left of the current line's `first` width).
fn split_long(unit: &Unit, first: f32, width: f32, measure: &impl Fn(char) -> f32) -> Vec<Unit> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut used = 0.0;
    let mut max = first;
    for c in unit.text.chars() {
        let w = measure(c);
        if !text.is_empty() && used + w > max + EPSILON {
            pieces.push(Unit {
                text: std::mem::take(&mut text),
                kind: Kind::Word,
                width: used,
            });
            used = 0.0;
            max = width;
        }
        text.push(c);
        used += w;
    }
    if !text.is_empty() {
        pieces.push(Unit {
            text,
            kind: Kind::Word,
            width: used,
        });
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Full-width characters 1 em, ASCII half.
    fn em(c: char) -> f32 {
        if c.is_ascii() {
            0.5
        } else {
            1.0
        }
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn fills_lines_to_their_width() {
        let lines = wrap("一二三四五六七八九十甲乙丙丁", 5.0, 5.0, &em);
        assert_eq!(texts(&lines), vec!["一二三四五", "六七八九十", "甲乙丙丁"]);
        assert_eq!(lines[0].width, 5.0);
        assert!(!lines[0].last && lines[2].last);
    }

    #[test]
    fn the_first_line_may_be_indented() {
        let lines = wrap("一二三四五六七八", 3.0, 5.0, &em);
        assert_eq!(texts(&lines), vec!["一二三", "四五六七八"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // "五" would end the line and "，" start the next: "五" goes down too.
        let lines = wrap("一二三四五，六七八九", 5.0, 5.0, &em);
        assert_eq!(texts(&lines), vec!["一二三四", "五，六七八", "九"]);
        for closing in ['，', '。', '、', '；', '：', '）', '」', '》', '〕'] {
            let text = format!("一二三四五{closing}六七八九十");
            for line in wrap(&text, 5.0, 5.0, &em).iter().skip(1) {
                assert!(!line.text.starts_with(closing), "{text}: {line:?}");
            }
        }
    }

    #[test]
    fn a_run_of_closing_punctuation_stays_off_the_line_start() {
        let lines = wrap("一二三四五）。六七", 5.0, 5.0, &em);
        assert_eq!(texts(&lines), vec!["一二三四", "五）。六七"]);
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        let lines = wrap("一二三四（五六七）八", 5.0, 5.0, &em);
        assert_eq!(texts(&lines), vec!["一二三四", "（五六七）", "八"]);
        let lines = wrap("依据「行政许可法」", 3.0, 3.0, &em);
        for line in &lines {
            assert!(!line.text.ends_with('「'), "{lines:?}");
        }
    }

    #[test]
    fn document_numbers_keep_their_brackets_with_the_year() {
        let lines = wrap("决定书陕食药许〔2026〕123号", 8.0, 8.0, &em);
        for line in &lines {
            assert!(!line.text.ends_with('〔'), "{lines:?}");
            assert!(!line.text.starts_with('〕'), "{lines:?}");
        }
        assert_eq!(
            lines.iter().map(|l| l.text.as_str()).collect::<String>(),
            "决定书陕食药许〔2026〕123号"
        );
    }

    #[test]
    fn latin_words_and_numbers_stay_whole() {
        let lines = wrap("许可证编号JY16101000123456已核发", 9.0, 9.0, &em);
        assert_eq!(
            texts(&lines),
            vec!["许可证编号", "JY16101000123456已", "核发"]
        );
        let lines = wrap("依据GB50016-2014规范", 6.0, 6.0, &em);
        assert!(
            lines.iter().any(|l| l.text.contains("GB50016-2014")),
            "{lines:?}"
        );
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let lines = wrap("ABCDEFGHIJKLMNOP", 3.0, 3.0, &em);
        assert_eq!(texts(&lines), vec!["ABCDEF", "GHIJKL", "MNOP"]);
        for line in &lines {
            assert!(line.width <= 3.0);
        }
    }

    #[test]
    fn trailing_sentence_punctuation_leaves_the_word() {
        let lines = wrap("编号为ABC.", 3.0, 3.0, &em);
        assert!(
            !lines.iter().skip(1).any(|l| l.text.starts_with('.')),
            "{lines:?}"
        );
        assert_eq!(
            lines.iter().map(|l| l.text.as_str()).collect::<String>(),
            "编号为ABC."
        );
    }

    #[test]
    fn dashes_and_ellipses_are_not_split() {
        let lines = wrap("一二三四——五六", 5.0, 5.0, &em);
        assert!(!lines
            .iter()
            .any(|l| l.text.ends_with('—') && !l.text.ends_with("——")));
        let lines = wrap("一二三四……", 5.0, 5.0, &em);
        assert_eq!(texts(&lines), vec!["一二三", "四……"]);
    }

    #[test]
    fn blanks_at_breaks_are_dropped_and_newlines_force_breaks() {
        let lines = wrap("aaaa bbbb cccc", 4.0, 4.0, &em);
        assert_eq!(texts(&lines), vec!["aaaa", "bbbb", "cccc"]);
        let lines = wrap("联系人：张三\n电话：029-12345678", 20.0, 20.0, &em);
        assert_eq!(texts(&lines), vec!["联系人：张三", "电话：029-12345678"]);
        assert!(lines[0].last && lines[1].last);
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        let lines = wrap("", 5.0, 5.0, &em);
        assert_eq!(texts(&lines), vec![""]);
    }

    #[test]
    fn no_line_is_wider_than_allowed_when_it_can_be_avoided() {
        let text = "经审查，你单位提交的申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十四条第一款的规定，决定准予行政许可。";
        for width in [4.0, 7.0, 12.0, 28.0] {
            let lines = wrap(text, width - 2.0, width, &em);
            assert_eq!(
                lines.iter().map(|l| l.text.as_str()).collect::<String>(),
                text
            );
            for (i, line) in lines.iter().enumerate() {
                let max = if i == 0 { width - 2.0 } else { width };
                assert!(line.width <= max, "{width}: {line:?}");
                if i > 0 {
                    assert!(
                        !is_closing(line.text.chars().next().unwrap_or(' ')),
                        "{lines:?}"
                    );
                }
                assert!(
                    !is_opening(line.text.chars().last().unwrap_or(' ')),
                    "{lines:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn nothing_is_lost(text in "[一二三，。、（）《》a-z0-9 ]{0,60}", width in 2.0f32..20.0) {
            let lines = wrap(&text, width, width, &em);
            let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
            let strip = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
            proptest::prop_assert_eq!(strip(&joined), strip(&text));
            proptest::prop_assert!(lines.last().is_some_and(|l| l.last));
        }
    }
}
