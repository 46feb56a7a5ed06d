//! A small PDF object parser over the file's bytes. It never panics on bad
//! input: every failure is a [`PdfError`], and nesting is bounded so hostile
//! files cannot exhaust the stack. With a [`Budget`] every object built is
//! counted and the deadline checked.

use super::budget::{Budget, Budgeted};
use super::object::{Dictionary, Object, ObjectId, Stream};
use super::PdfError;

/// Deeper nesting than this is refused when no budget is given (the
/// default budget has the same depth).
const MAX_DEPTH: u64 = 64;

pub fn is_whitespace(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

pub fn is_delimiter(b: u8) -> bool {
    b"()<>[]{}/%".contains(&b)
}

fn is_regular(b: u8) -> bool {
    !is_whitespace(b) && !is_delimiter(b)
}

/// A cursor over PDF bytes.
pub struct Parser<'a> {
    data: &'a [u8],
    pos: usize,
    budget: Option<&'a Budget>,
}

/// An indirect object as found in the file, with where it lies.
#[derive(Debug, Clone)]
pub struct IndirectObject {
    pub id: ObjectId,
    pub object: Object,
    /// Offset just past `endobj` (or past the object when `endobj` is missing).
    pub end: usize,
}

impl<'a> Parser<'a> {
    /// A parser that only bounds nesting (for our own documents).
    pub fn new(data: &'a [u8], pos: usize) -> Self {
        Self {
            data,
            pos,
            budget: None,
        }
    }

    /// A parser that charges every object it builds to `budget`.
    pub fn with_budget(data: &'a [u8], pos: usize, budget: &'a Budget) -> Self {
        Self {
            data,
            pos,
            budget: Some(budget),
        }
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn broken(&self, what: &str) -> PdfError {
        PdfError::Syntax {
            offset: self.pos,
            what: what.to_string(),
        }
    }

    pub fn skip_whitespace(&mut self) {
        while let Some(b) = self.peek() {
            if is_whitespace(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\r' || c == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Reads a keyword or number token (a run of regular characters).
    pub fn token(&mut self) -> &'a [u8] {
        self.skip_whitespace();
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    /// Consumes `keyword` if it comes next; otherwise leaves the cursor.
    pub fn eat_keyword(&mut self, keyword: &[u8]) -> bool {
        let saved = self.pos;
        if self.token() == keyword {
            true
        } else {
            self.pos = saved;
            false
        }
    }

    pub fn unsigned(&mut self) -> Result<u64, PdfError> {
        let token = self.token();
        parse_unsigned(token).ok_or_else(|| self.broken("expected a non-negative integer"))
    }

    /// Parses one direct object (a reference `n g R` included).
    pub fn object(&mut self) -> Result<Object, PdfError> {
        self.object_at_depth(0)
    }

    fn object_at_depth(&mut self, depth: u64) -> Result<Object, PdfError> {
        match self.budget {
            Some(budget) => {
                budget.check_depth(depth)?;
                budget.charge_object()?;
            }
            None if depth > MAX_DEPTH => {
                return Err(PdfError::OverBudget {
                    what: Budgeted::Depth,
                    limit: MAX_DEPTH,
                });
            }
            None => {}
        }
        self.skip_whitespace();
        let Some(b) = self.peek() else {
            return Err(self.broken("unexpected end of file"));
        };
        match b {
            b'/' => {
                self.pos += 1;
                Ok(Object::Name(self.name_body()))
            }
            b'(' => {
                self.pos += 1;
                Ok(Object::String(self.literal_string_body()?))
            }
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                let dict = self.dictionary_body(depth)?;
                Ok(Object::Dictionary(dict))
            }
            b'<' => {
                self.pos += 1;
                Ok(Object::String(self.hex_string_body()?))
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_whitespace();
                    match self.peek() {
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        None => return Err(self.broken("unterminated array")),
                        _ => items.push(self.object_at_depth(depth + 1)?),
                    }
                }
                Ok(Object::Array(items))
            }
            _ if is_regular(b) => self.keyword_or_number(),
            _ => Err(self.broken("unexpected delimiter")),
        }
    }

    fn keyword_or_number(&mut self) -> Result<Object, PdfError> {
        let token = self.token();
        match token {
            b"null" => return Ok(Object::Null),
            b"true" => return Ok(Object::Bool(true)),
            b"false" => return Ok(Object::Bool(false)),
            _ => {}
        }
        if let Some(num) = parse_unsigned(token) {
            // `num gen R` is a reference; look ahead without committing.
            let saved = self.pos;
            let generation = self.token();
            if let Some(gen) = parse_unsigned(generation) {
                if self.token() == b"R" {
                    let num =
                        u32::try_from(num).map_err(|_| self.broken("object number too large"))?;
                    let gen =
                        u16::try_from(gen).map_err(|_| self.broken("generation too large"))?;
                    return Ok(Object::Reference((num, gen)));
                }
            }
            self.pos = saved;
        }
        parse_number(token).ok_or_else(|| {
            self.broken(&format!(
                "unexpected token `{}`",
                String::from_utf8_lossy(token)
            ))
        })
    }

    fn name_body(&mut self) -> Vec<u8> {
        let mut name = Vec::new();
        while let Some(b) = self.peek() {
            if !is_regular(b) {
                break;
            }
            self.pos += 1;
            if b == b'#' {
                let hi = self.data.get(self.pos).and_then(|&c| hex_value(c));
                let lo = self.data.get(self.pos + 1).and_then(|&c| hex_value(c));
                if let (Some(hi), Some(lo)) = (hi, lo) {
                    name.push(hi << 4 | lo);
                    self.pos += 2;
                    continue;
                }
            }
            name.push(b);
        }
        name
    }

    fn literal_string_body(&mut self) -> Result<Vec<u8>, PdfError> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        loop {
            let Some(b) = self.peek() else {
                return Err(self.broken("unterminated string"));
            };
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(out);
                    }
                    out.push(b);
                }
                b'\\' => self.escape(&mut out),
                b'\r' => {
                    // An end of line in a string reads as a single \n.
                    if self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                _ => out.push(b),
            }
        }
    }

    fn escape(&mut self, out: &mut Vec<u8>) {
        let Some(c) = self.peek() else { return };
        self.pos += 1;
        match c {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'0'..=b'7' => {
                let mut value = u32::from(c - b'0');
                for _ in 0..2 {
                    match self.peek() {
                        Some(d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                out.push((value & 0xff) as u8);
            }
            b'\r' => {
                if self.peek() == Some(b'\n') {
                    self.pos += 1;
                }
            }
            b'\n' => {}
            other => out.push(other),
        }
    }

    fn hex_string_body(&mut self) -> Result<Vec<u8>, PdfError> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        loop {
            let Some(b) = self.peek() else {
                return Err(self.broken("unterminated hex string"));
            };
            self.pos += 1;
            if b == b'>' {
                if let Some(h) = high {
                    out.push(h << 4);
                }
                return Ok(out);
            }
            if is_whitespace(b) {
                continue;
            }
            let Some(v) = hex_value(b) else {
                return Err(self.broken("bad hex string"));
            };
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
    }

    fn dictionary_body(&mut self, depth: u64) -> Result<Dictionary, PdfError> {
        let mut dict = Dictionary::new();
        loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b'>') if self.data.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    return Ok(dict);
                }
                Some(b'/') => {
                    self.pos += 1;
                    let key = self.name_body();
                    let value = self.object_at_depth(depth + 1)?;
                    // A null value means the key is absent (PDF 7.3.7).
                    if value != Object::Null {
                        dict.set(&key, value);
                    }
                }
                None => return Err(self.broken("unterminated dictionary")),
                _ => return Err(self.broken("dictionary key is not a name")),
            }
        }
    }

    /// Parses `num gen obj <object> [stream…endstream] endobj` at the cursor.
    pub fn indirect_object(&mut self) -> Result<IndirectObject, PdfError> {
        let num = self.unsigned()?;
        let gen = self.unsigned()?;
        if !self.eat_keyword(b"obj") {
            return Err(self.broken("expected `obj`"));
        }
        let id = (
            u32::try_from(num).map_err(|_| self.broken("object number too large"))?,
            u16::try_from(gen).map_err(|_| self.broken("generation too large"))?,
        );
        let mut object = self.object()?;
        if let Object::Dictionary(dict) = &object {
            let saved = self.pos;
            if self.token() == b"stream" {
                let data = self.stream_data(dict)?;
                object = Object::Stream(Stream {
                    dict: dict.clone(),
                    data,
                });
            } else {
                self.pos = saved;
            }
        }
        // A missing `endobj` is common enough in the wild to tolerate.
        self.eat_keyword(b"endobj");
        Ok(IndirectObject {
            id,
            object,
            end: self.pos,
        })
    }

    /// Reads a stream's data just after the `stream` keyword.
    fn stream_data(&mut self, dict: &Dictionary) -> Result<Vec<u8>, PdfError> {
        // The keyword is followed by CRLF or LF (PDF 7.3.8.1); a lone CR is
        // tolerated.
        match (self.peek(), self.data.get(self.pos + 1)) {
            (Some(b'\r'), Some(b'\n')) => self.pos += 2,
            (Some(b'\n'), _) | (Some(b'\r'), _) => self.pos += 1,
            _ => {}
        }
        let start = self.pos;
        if let Some(length) = dict.get(b"Length").and_then(Object::as_i64) {
            if let Some(end) = usize::try_from(length)
                .ok()
                .and_then(|l| start.checked_add(l))
            {
                if end <= self.data.len() {
                    let mut after = Parser::new(self.data, end);
                    if after.eat_keyword(b"endstream") {
                        self.pos = after.pos;
                        return Ok(self.data[start..end].to_vec());
                    }
                }
            }
        }
        // An indirect or wrong /Length: find `endstream` instead.
        let found = find(&self.data[start..], b"endstream");
        if let Some(budget) = self.budget {
            // A scan through the rest of the file, maybe for every object.
            budget.tick(found.map_or(self.data.len() - start, |f| f) as u64 / 256)?;
        }
        let Some(found) = found else {
            return Err(self.broken("stream without `endstream`"));
        };
        let mut end = start + found;
        if end > start && self.data[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && self.data[end - 1] == b'\r' {
            end -= 1;
        }
        self.pos = start + found + b"endstream".len();
        Ok(self.data[start..end].to_vec())
    }
}

pub fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn parse_unsigned(token: &[u8]) -> Option<u64> {
    if token.is_empty() || token.len() > 19 || !token.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(token).ok()?.parse().ok()
}

fn parse_number(token: &[u8]) -> Option<Object> {
    let text = std::str::from_utf8(token).ok()?;
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    if body.contains('.') {
        if body.bytes().filter(|&b| b == b'.').count() > 1 || body == "." {
            return None;
        }
        // "5." and ".5" are valid PDF reals; Rust parses both.
        text.parse::<f64>().ok().map(Object::Real)
    } else {
        text.parse::<i64>().ok().map(Object::Integer)
    }
}

/// The first occurrence of `needle` in `haystack`.
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    if haystack.len() < needle.len() {
        return None;
    }
    let last_start = haystack.len() - needle.len();
    let mut from = 0;
    // Jump between occurrences of the first byte (much faster than
    // comparing a window at every position).
    while from <= last_start {
        let at = from
            + haystack[from..=last_start]
                .iter()
                .position(|&b| b == first)?;
        if &haystack[at + 1..at + needle.len()] == rest {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The last occurrence of `needle` in `haystack`.
pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &[u8]) -> Result<Object, PdfError> {
        Parser::new(text, 0).object()
    }

    #[test]
    fn scalars_and_references() {
        assert_eq!(parse(b"  42 ").ok(), Some(Object::Integer(42)));
        assert_eq!(parse(b"-3.5").ok(), Some(Object::Real(-3.5)));
        assert_eq!(parse(b".5").ok(), Some(Object::Real(0.5)));
        assert_eq!(parse(b"12 0 R").ok(), Some(Object::Reference((12, 0))));
        assert_eq!(parse(b"/A#20b").ok(), Some(Object::Name(b"A b".to_vec())));
        assert_eq!(parse(b"null").ok(), Some(Object::Null));
    }

    #[test]
    fn numbers_in_arrays_are_not_mistaken_for_references() {
        let parsed = parse(b"[0 0 595 842]").ok();
        assert_eq!(
            parsed,
            Some(Object::Array(vec![
                Object::Integer(0),
                Object::Integer(0),
                Object::Integer(595),
                Object::Integer(842)
            ]))
        );
        let parsed = parse(b"[1 0 R 2 0 R]").ok();
        assert_eq!(
            parsed,
            Some(Object::Array(vec![
                Object::Reference((1, 0)),
                Object::Reference((2, 0))
            ]))
        );
    }

    #[test]
    fn strings_with_escapes_and_nesting() {
        assert_eq!(
            parse(b"(a\\(b\\)c (nested) \\101\\n)").ok(),
            Some(Object::String(b"a(b)c (nested) A\n".to_vec()))
        );
        assert_eq!(
            parse(b"<FE FF 4>").ok(),
            Some(Object::String(vec![0xfe, 0xff, 0x40]))
        );
    }

    #[test]
    fn dictionaries_drop_null_values_and_skip_comments() {
        let parsed = parse(b"<< /A 1 % comment\n /B null /C << /D [] >> >>").ok();
        let Some(Object::Dictionary(d)) = parsed else {
            panic!("not a dictionary");
        };
        assert_eq!(d.get(b"A"), Some(&Object::Integer(1)));
        assert_eq!(d.get(b"B"), None);
        assert!(d.get(b"C").and_then(Object::as_dict).is_some());
    }

    #[test]
    fn broken_input_is_an_error_not_a_panic() {
        for text in [
            &b"<<"[..],
            b"(unterminated",
            b"<zz>",
            b"[1 2",
            b")",
            b"99999999999999999999 0 R",
            b"",
        ] {
            assert!(parse(text).is_err(), "{:?}", String::from_utf8_lossy(text));
        }
        let deep = vec![b'['; 10_000];
        assert!(matches!(
            parse(&deep),
            Err(PdfError::OverBudget {
                what: Budgeted::Depth,
                ..
            })
        ));
    }

    #[test]
    fn indirect_stream_with_indirect_length() {
        let text = b"7 0 obj\n<< /Length 8 0 R >>\nstream\r\nabc\r\nendstream\nendobj\n";
        let Ok(found) = Parser::new(text, 0).indirect_object() else {
            panic!("no object");
        };
        assert_eq!(found.id, (7, 0));
        let Object::Stream(s) = found.object else {
            panic!("not a stream");
        };
        assert_eq!(s.data, b"abc");
    }
}
