//! Stream decoding, only as far as reading a document's structure needs:
//! cross-reference streams and object streams are FlateDecode, often with a
//! PNG predictor.

use std::io::Read;

use super::budget::Budget;
use super::object::{Object, Stream};
use super::PdfError;

/// The size of each step of inflating: the output grows by at most this
/// much before the budget is checked again.
const CHUNK: usize = 64 * 1024;

/// The stream's data with its filters undone, under the default limits (or
/// those of a [`within`](super::budget::within) scope).
pub fn decode(stream: &Stream) -> Result<Vec<u8>, PdfError> {
    decode_within(stream, &Budget::ambient())
}

/// The stream's data with its filters undone; every stage's output is
/// charged to `budget`, and decoding stops at the budget without
/// allocating past it.
pub fn decode_within(stream: &Stream, budget: &Budget) -> Result<Vec<u8>, PdfError> {
    let filters: Vec<&[u8]> = match stream.dict.get(b"Filter") {
        None => Vec::new(),
        Some(Object::Name(n)) => vec![n.as_slice()],
        Some(Object::Array(items)) => items
            .iter()
            .map(|i| match i {
                Object::Name(n) => Ok(n.as_slice()),
                _ => Err(PdfError::Unsupported("filter is not a name".into())),
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(PdfError::Unsupported("filter is not a name".into())),
    };
    let parms: Vec<Option<&Object>> = match stream.dict.get(b"DecodeParms") {
        Some(Object::Array(items)) => items.iter().map(Some).collect(),
        other => vec![other],
    };
    let mut data = stream.data.clone();
    for (i, filter) in filters.iter().enumerate() {
        data = match *filter {
            b"FlateDecode" | b"Fl" => inflate_within(&data, budget)?,
            other => {
                return Err(PdfError::Unsupported(format!(
                    "stream filter {}",
                    String::from_utf8_lossy(other)
                )))
            }
        };
        if let Some(Some(Object::Dictionary(p))) = parms.get(i) {
            let predictor = p.get(b"Predictor").and_then(Object::as_i64).unwrap_or(1);
            let columns = p.get(b"Columns").and_then(Object::as_i64).unwrap_or(1);
            data = unpredict(&data, predictor, columns)?;
        }
    }
    Ok(data)
}

/// Inflates zlib data under the default limits.
pub fn inflate(data: &[u8]) -> Result<Vec<u8>, PdfError> {
    inflate_within(data, &Budget::ambient())
}

/// Inflates zlib data chunk by chunk: the output never grows past what
/// `budget` allows for one stream (its capacity included), and the clock
/// is read as it goes.
pub fn inflate_within(data: &[u8], budget: &Budget) -> Result<Vec<u8>, PdfError> {
    let (allowance, what, limit) = budget.decode_allowance();
    let allowance = usize::try_from(allowance).unwrap_or(usize::MAX);
    let mut decoder = flate2::read::ZlibDecoder::new(data);
    let mut out: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let read = match decoder.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // Truncated streams are common; keep what decoded.
            Err(_) if !out.is_empty() => break,
            Err(e) => {
                return Err(PdfError::Unsupported(format!(
                    "broken FlateDecode stream: {e}"
                )))
            }
        };
        let Some(len) = out.len().checked_add(read).filter(|&l| l <= allowance) else {
            return Err(PdfError::OverBudget { what, limit });
        };
        if len > out.capacity() {
            // Doubling as a Vec would, but never past the allowance.
            let target = out.capacity().saturating_mul(2).max(len).min(allowance);
            out.reserve_exact(target - out.len());
        }
        out.extend_from_slice(&chunk[..read]);
        budget.charge_decoded(read as u64)?;
    }
    Ok(out)
}

pub fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing into a Vec cannot fail.
    if encoder.write_all(data).is_err() {
        return Vec::new();
    }
    encoder.finish().unwrap_or_default()
}

/// Undoes a PNG predictor (10–15); TIFF predictor 2 is not used by the
/// structures we read.
fn unpredict(data: &[u8], predictor: i64, columns: i64) -> Result<Vec<u8>, PdfError> {
    if predictor < 10 {
        if predictor == 1 {
            return Ok(data.to_vec());
        }
        return Err(PdfError::Unsupported(format!("predictor {predictor}")));
    }
    let columns = usize::try_from(columns)
        .ok()
        .filter(|&c| c > 0 && c < 1 << 20)
        .ok_or_else(|| PdfError::Unsupported("bad predictor columns".into()))?;
    let row_len = columns + 1;
    let mut out = Vec::with_capacity(data.len());
    let mut previous = vec![0u8; columns];
    for row in data.chunks(row_len) {
        let Some((&kind, bytes)) = row.split_first() else {
            continue;
        };
        let mut current = bytes.to_vec();
        current.resize(columns, 0);
        for i in 0..columns {
            let left = if i > 0 { current[i - 1] } else { 0 };
            let up = previous[i];
            let up_left = if i > 0 { previous[i - 1] } else { 0 };
            let add = match kind {
                0 => 0,
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                4 => paeth(left, up, up_left),
                _ => return Err(PdfError::Unsupported("bad PNG predictor row".into())),
            };
            current[i] = current[i].wrapping_add(add);
        }
        out.extend_from_slice(&current);
        previous = current;
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let pa = (p - i16::from(a)).abs();
    let pb = (p - i16::from(b)).abs();
    let pc = (p - i16::from(c)).abs();
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::object::Dictionary;

    #[test]
    fn flate_with_png_up_predictor() {
        // Two rows of 3 columns, each with the "Up" predictor.
        let raw = [2u8, 1, 2, 3, 2, 1, 1, 1];
        let mut parms = Dictionary::new();
        parms.set(b"Predictor", Object::Integer(12));
        parms.set(b"Columns", Object::Integer(3));
        let mut dict = Dictionary::new();
        dict.set(b"Filter", Object::name("FlateDecode"));
        dict.set(b"DecodeParms", Object::Dictionary(parms));
        let stream = Stream {
            dict,
            data: deflate(&raw),
        };
        assert_eq!(decode(&stream).ok(), Some(vec![1, 2, 3, 2, 3, 4]));
    }

    #[test]
    fn inflating_stops_at_the_stream_and_document_budgets() {
        use crate::pdf::budget::{Budget, Budgeted, Limits};
        let zeros = deflate(&vec![0u8; 1 << 20]);
        let budget = Budget::new(Limits {
            decoded_per_stream: 100_000,
            decoded_total: 150_000,
            ..Limits::default()
        });
        assert_eq!(
            inflate_within(&zeros, &budget),
            Err(PdfError::OverBudget {
                what: Budgeted::DecodedStream,
                limit: 100_000
            })
        );
        // What was decoded before stopping counts against the document.
        let small = deflate(&[1u8; 60_000]);
        let spent = budget.decoded_bytes();
        assert!(spent <= 100_000, "{spent}");
        assert!(inflate_within(&small, &budget).is_ok());
        assert_eq!(
            inflate_within(&small, &budget),
            Err(PdfError::OverBudget {
                what: Budgeted::DecodedTotal,
                limit: 150_000
            })
        );
    }

    #[test]
    fn garbage_is_an_error() {
        let mut dict = Dictionary::new();
        dict.set(b"Filter", Object::name("FlateDecode"));
        let stream = Stream {
            dict,
            data: b"not zlib".to_vec(),
        };
        assert!(decode(&stream).is_err());
    }
}
