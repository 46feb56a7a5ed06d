//! Text measurement, wrapping and XML escaping for the SVG writer.
//!
//! There is no font engine here: widths are estimated in em, which is good
//! enough to size boxes for the CJK fonts a government PC has (Microsoft
//! YaHei, SimSun) and for the free ones (Noto Sans CJK, WenQuanYi): a
//! CJK or full-width character is one em wide, an ASCII character about 0.6.

/// The width of one character in em.
pub(crate) fn char_em(c: char) -> f64 {
    let code = u32::from(c);
    if code < 0x2000 {
        // ASCII and the Latin, Greek, Cyrillic … ranges: narrow.
        0.6
    } else if (0x2000..0x2010).contains(&code) {
        // Typographic spaces.
        0.5
    } else {
        // CJK, full-width forms, and the symbols (≤, ·, →) that CJK fonts
        // draw full width: counting them wide errs on the roomy side.
        1.0
    }
}

/// The estimated width of `text` in em.
pub(crate) fn em_width(text: &str) -> f64 {
    text.chars().map(char_em).sum()
}

/// The estimated width of `text` in px at `size` px.
pub(crate) fn px_width(text: &str, size: f64) -> f64 {
    em_width(text) * size
}

/// Characters after which a line may break at no cost: Chinese punctuation
/// that closes a phrase, the full-width colon of bundle step names
/// ("事项名：环节名") and ASCII separators.
fn is_break_after(c: char) -> bool {
    matches!(
        c,
        '：' | '，' | '、' | '；' | '。' | '）' | '」' | '》' | ':' | ',' | ';' | '/' | ')' | '-'
    )
}

/// Cuts `text` into units that are never split: a run of ASCII letters and
/// digits (a word or a number) is one unit, every other character is its
/// own unit.
fn units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || (c == '.' && !word.is_empty()) {
            word.push(c);
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Names up to this many em over the wrap width stay on one line: a
/// 13-character name reads better whole than as 7 + 6.
const SLACK_EM: f64 = 1.0;

/// Wraps a step name into lines of at most about `max_em` em (a single
/// unit wider than that gets a line of its own). Nothing is cut or dropped
/// except blanks at the line breaks: the lines joined give the text back
/// (less those blanks). A bundle step name ("事项名：环节名") breaks after the
/// colon first; lines are balanced (a 16-character name becomes 8 + 8
/// rather than 12 + 4) and break after a comma or other punctuation when
/// one is near.
pub(crate) fn wrap(text: &str, max_em: f64) -> Vec<String> {
    let text = text.trim();
    if em_width(text) <= max_em + SLACK_EM || text.is_empty() {
        return vec![text.to_owned()];
    }
    if let Some(colon) = text.find('：') {
        let (head, tail) = text.split_at(colon + '：'.len_utf8());
        if !tail.trim().is_empty() {
            let mut lines = wrap(head, max_em);
            lines.extend(wrap(tail, max_em));
            return lines;
        }
    }
    fill(text, max_em, true)
}

/// Wraps running text (a footer line) greedily into lines of at most
/// `max_em` em; nothing is cut.
pub(crate) fn wrap_paragraph(text: &str, max_em: f64) -> Vec<String> {
    let text = text.trim();
    if em_width(text) <= max_em || text.is_empty() {
        return vec![text.to_owned()];
    }
    fill(text, max_em, false)
}

fn fill(text: &str, max_em: f64, balanced: bool) -> Vec<String> {
    let total = em_width(text);
    let units = units(text);
    let target = if balanced {
        let line_count = (total / max_em).ceil().max(1.0);
        // A little over the average, to avoid a short last line.
        (total / line_count + 1.0).min(max_em)
    } else {
        max_em
    };
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_em = 0.0;
    let mut i = 0;
    while i < units.len() {
        let unit = &units[i];
        let unit_em = em_width(unit);
        let blank = unit.chars().all(char::is_whitespace);
        if current.is_empty() && blank {
            i += 1;
            continue;
        }
        if !current.is_empty() && current_em + unit_em > target && !is_closing(unit) {
            lines.push(std::mem::take(&mut current).trim_end().to_owned());
            current_em = 0.0;
            continue;
        }
        current.push_str(unit);
        current_em += unit_em;
        i += 1;
        // A preferred break: punctuation once the line is well filled and
        // the rest is more than a lone character.
        let last = unit.chars().last().unwrap_or(' ');
        if balanced && is_break_after(last) && current_em >= target * 0.6 && i < units.len() {
            let rest: f64 = units[i..].iter().map(|u| em_width(u)).sum();
            if rest > 1.0 {
                lines.push(std::mem::take(&mut current).trim_end().to_owned());
                current_em = 0.0;
            }
        }
    }
    if !current.trim().is_empty() {
        lines.push(current.trim_end().to_owned());
    }
    lines
}

/// Punctuation that must not start a line (避头点).
fn is_closing(unit: &str) -> bool {
    matches!(
        unit,
        "，" | "。" | "、" | "；" | "：" | "）" | "」" | "》" | "！" | "？" | "," | "." | ")"
    )
}

/// Escapes text for XML character data and attribute values. Characters
/// XML 1.0 does not allow at all (most control characters) are dropped.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if u32::from(c) < 0x20 => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(em_width("受理审查"), 4.0);
        assert!((em_width("GB 50016") - 4.8).abs() < 1e-9);
    }

    #[test]
    fn short_text_is_one_line() {
        assert_eq!(wrap("受理审查", 12.0), vec!["受理审查"]);
        assert_eq!(wrap("前置结果全部批准后统一出件", 12.0).len(), 1);
    }

    #[test]
    fn bundle_names_break_after_the_colon() {
        assert_eq!(
            wrap("户外广告设施设置审批：现场核查", 12.0),
            vec!["户外广告设施设置审批：", "现场核查"]
        );
        assert_eq!(
            wrap("公众聚集场所投入使用、营业前消防安全检查：受理", 12.0),
            vec!["公众聚集场所投入使用、", "营业前消防安全检查：", "受理"]
        );
    }

    #[test]
    fn paragraphs_fill_their_lines() {
        let text = "注：特殊环节（现场勘察、专家论证、听证、公示等）时间不计入办理时限。";
        let lines = wrap_paragraph(text, 20.0);
        assert_eq!(lines.concat(), text);
        assert_eq!(lines.len(), 2);
        assert!(em_width(&lines[0]) >= 19.0, "{lines:?}");
    }

    #[test]
    fn long_names_are_wrapped_not_cut() {
        let name = "建设工程规划许可证核发：建设工程设计方案技术审查";
        let lines = wrap(name, 12.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.concat(), name);
        assert_eq!(lines[0], "建设工程规划许可证核发：");
        for line in &lines {
            assert!(em_width(line) <= 12.0, "{line}");
        }
    }

    #[test]
    fn balanced_lines() {
        let lines = wrap("一二三四五六七八九十甲乙丙丁", 12.0);
        assert_eq!(lines.len(), 2);
        assert!((em_width(&lines[0]) - em_width(&lines[1])).abs() <= 2.0);
    }

    #[test]
    fn words_stay_whole() {
        let lines = wrap("依据GB50016-2014复核消防设计文件的全部内容", 8.0);
        assert!(lines.iter().any(|l| l.contains("GB50016")), "{lines:?}");
        assert!(!lines.iter().any(|l| l.starts_with('，')));
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        for width in [3.0, 4.0, 5.0, 6.0] {
            let lines = wrap("审查，核对材料。出具意见，报送审核。", width);
            for line in lines.iter().skip(1) {
                assert!(!is_closing(&line.chars().take(1).collect::<String>()));
            }
        }
    }

    #[test]
    fn escapes_xml() {
        assert_eq!(
            escape("A&B <c> \"d\" 'e'\u{1}"),
            "A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos;"
        );
    }
}
