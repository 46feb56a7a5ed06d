//! Writes PDF objects as bytes (the body of an incremental update).

use super::object::{Dictionary, Object, ObjectId};

/// Appends `object` in PDF syntax.
pub fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Bool(true) => out.extend_from_slice(b"true"),
        Object::Bool(false) => out.extend_from_slice(b"false"),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => write_real(out, *r),
        Object::String(s) => write_hex_string(out, s),
        Object::Name(n) => write_name(out, n),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => write_dictionary(out, d),
        Object::Stream(s) => {
            let mut dict = s.dict.clone();
            // The length is always the data's own, whatever the source said
            // (an indirect /Length would point at the old revision's value).
            dict.set(b"Length", Object::Integer(s.data.len() as i64));
            write_dictionary(out, &dict);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&s.data);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((num, gen)) => {
            out.extend_from_slice(format!("{num} {gen} R").as_bytes());
        }
    }
}

pub fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        write_name(out, key);
        out.push(b' ');
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

/// Appends `num gen obj … endobj` with a trailing newline.
pub fn write_indirect(out: &mut Vec<u8>, id: ObjectId, object: &Object) {
    out.extend_from_slice(format!("{} {} obj\n", id.0, id.1).as_bytes());
    write_object(out, object);
    out.extend_from_slice(b"\nendobj\n");
}

fn write_real(out: &mut Vec<u8>, r: f64) {
    if !r.is_finite() {
        // PDF has no NaN or infinity; 0 is the least harmful stand-in.
        out.push(b'0');
        return;
    }
    // Rust's Display never uses exponent notation and round-trips, which is
    // what PDF's real syntax needs.
    let text = format!("{r}");
    out.extend_from_slice(text.as_bytes());
}

/// Hex strings need no escaping, so any bytes (UTF-16 text included) are safe.
pub fn write_hex_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'<');
    out.extend_from_slice(hex_upper(bytes).as_bytes());
    out.push(b'>');
}

pub fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        let regular = (0x21..=0x7e).contains(&b) && !b"()<>[]{}/%#".contains(&b);
        if regular {
            out.push(b);
        } else {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        }
    }
}

pub fn hex_upper(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 0x0f) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(object: &Object) -> String {
        let mut out = Vec::new();
        write_object(&mut out, object);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn names_escape_delimiters_and_non_ascii() {
        assert_eq!(text(&Object::Name(b"A B#(".to_vec())), "/A#20B#23#28");
        assert_eq!(text(&Object::Name("签".as_bytes().to_vec())), "/#E7#AD#BE");
    }

    #[test]
    fn reals_have_no_exponent() {
        assert_eq!(text(&Object::Real(595.276)), "595.276");
        assert_eq!(text(&Object::Real(1e-7)), "0.0000001");
        assert_eq!(text(&Object::Real(f64::NAN)), "0");
    }

    #[test]
    fn containers() {
        let mut d = Dictionary::new();
        d.set(b"Type", Object::name("Annot"));
        d.set(
            b"Rect",
            Object::Array(vec![Object::Integer(0), Object::Reference((3, 0))]),
        );
        d.set(b"T", Object::String(vec![0xfe, 0xff]));
        assert_eq!(
            text(&Object::Dictionary(d)),
            "<</Type /Annot/Rect [0 3 0 R]/T <FEFF>>>"
        );
    }
}
