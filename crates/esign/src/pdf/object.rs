//! The PDF object model: what the parser produces and the writer writes.

/// An object number and generation.
pub type ObjectId = (u32, u16);

/// A PDF object. Strings and names are raw bytes: PDF gives them no fixed
/// encoding (text strings are decoded by `text_string`).
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    Null,
    Bool(bool),
    Integer(i64),
    Real(f64),
    String(Vec<u8>),
    Name(Vec<u8>),
    Array(Vec<Object>),
    Dictionary(Dictionary),
    Stream(Stream),
    Reference(ObjectId),
}

/// A dictionary that keeps its keys in order, so a rewritten object reads
/// like the original.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dictionary {
    entries: Vec<(Vec<u8>, Object)>,
}

/// A stream: its dictionary and its data as stored (still encoded).
#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    pub dict: Dictionary,
    pub data: Vec<u8>,
}

impl Dictionary {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get(&self, key: &[u8]) -> Option<&Object> {
        self.entries
            .iter()
            .find(|(k, _)| k.as_slice() == key)
            .map(|(_, v)| v)
    }

    /// Sets `key`, replacing an existing value in place.
    pub fn set(&mut self, key: &[u8], value: Object) {
        match self.entries.iter_mut().find(|(k, _)| k.as_slice() == key) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((key.to_vec(), value)),
        }
    }

    pub fn remove(&mut self, key: &[u8]) -> Option<Object> {
        let index = self.entries.iter().position(|(k, _)| k.as_slice() == key)?;
        Some(self.entries.remove(index).1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &Object)> {
        self.entries.iter().map(|(k, v)| (k.as_slice(), v))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value of `key` if it is a name.
    pub fn name(&self, key: &[u8]) -> Option<&[u8]> {
        match self.get(key) {
            Some(Object::Name(n)) => Some(n),
            _ => None,
        }
    }

    /// Whether `key` is the name `value`.
    pub fn has_name(&self, key: &[u8], value: &[u8]) -> bool {
        self.name(key) == Some(value)
    }

    /// Same keys and values, in any order.
    pub fn same_entries(&self, other: &Dictionary) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl FromIterator<(Vec<u8>, Object)> for Dictionary {
    fn from_iter<T: IntoIterator<Item = (Vec<u8>, Object)>>(iter: T) -> Self {
        let mut dict = Dictionary::new();
        for (k, v) in iter {
            dict.set(&k, v);
        }
        dict
    }
}

impl Object {
    pub fn name(name: &str) -> Object {
        Object::Name(name.as_bytes().to_vec())
    }

    pub fn as_dict(&self) -> Option<&Dictionary> {
        match self {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Object]> {
        match self {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Object::Integer(i) => Some(*i),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Object::Integer(i) => Some(*i as f64),
            Object::Real(r) => Some(*r),
            _ => None,
        }
    }

    pub fn as_reference(&self) -> Option<ObjectId> {
        match self {
            Object::Reference(id) => Some(*id),
            _ => None,
        }
    }

    pub fn as_string(&self) -> Option<&[u8]> {
        match self {
            Object::String(s) => Some(s),
            _ => None,
        }
    }
}
