//! Dense evidence: entry vectors from an embeddings model and their cosine similarity to a
//! question's vector. Pure: the vectors come from elsewhere (`services::faq::embeddings`).

use super::FaqEntry;

/// The texts of an entry that get a vector each ("parts"): its questions, and its question
/// with the start of its answer. A question is compared with every part and meets the entry
/// at its best one.
pub fn parts(entry: &FaqEntry) -> Vec<String> {
    let mut out = vec![entry.question_vi.clone()];
    let answer: String = entry.answer_vi.chars().take(PASSAGE_ANSWER_CHARS).collect();
    out.push(format!("{}\n{}", entry.question_vi, answer));
    if !entry.question_en.is_empty() {
        out.push(entry.question_en.clone());
    }
    out
}

/// How much of an answer goes into its passage vector (small models read about 512 tokens).
const PASSAGE_ANSWER_CHARS: usize = 600;

/// A stable fingerprint of the text a vector was made from (FNV-1a, 64 bits, hex), so that a
/// vector is recomputed only when its text, model or prefix changed.
pub fn fingerprint(model: &str, prefix: &str, text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in model.bytes().chain([0]).chain(prefix.bytes()).chain([0]).chain(text.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Scales `v` to unit length; false (and `v` untouched) when it is zero or not finite.
pub fn normalize(v: &mut [f32]) -> bool {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if !norm.is_finite() || norm == 0.0 {
        return false;
    }
    v.iter_mut().for_each(|x| *x /= norm);
    true
}

/// Entry vectors, unit length, several per entry, in one flat buffer of bytes: each stored
/// as signed 8-bit steps of its largest component (a quarter of the memory of `f32`; cosine
/// similarities move by about 0.001, far below the policy's thresholds).
#[derive(Debug, Clone, Default)]
pub struct Vectors {
    dim: usize,
    /// Which entry (its position in the FAQ) each row belongs to.
    docs: Vec<u32>,
    data: Vec<i8>,
    /// Per row, the value of one step.
    scales: Vec<f32>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DenseError {
    #[error("a vector has {got} dimensions where {want} were expected")]
    Dimension { want: usize, got: usize },
    #[error("a vector is zero or not a number")]
    Degenerate,
}

impl Vectors {
    pub fn new(dim: usize) -> Self {
        Self { dim, docs: Vec::new(), data: Vec::new(), scales: Vec::new() }
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Rows held.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Bytes of vector data held.
    pub fn bytes(&self) -> usize {
        self.data.len() + self.docs.len() * (std::mem::size_of::<u32>() + std::mem::size_of::<f32>())
    }

    /// Adds a vector of entry `doc` (normalised here).
    pub fn push(&mut self, doc: usize, mut v: Vec<f32>) -> Result<(), DenseError> {
        if v.len() != self.dim {
            return Err(DenseError::Dimension { want: self.dim, got: v.len() });
        }
        if !normalize(&mut v) {
            return Err(DenseError::Degenerate);
        }
        let largest = v.iter().fold(0f32, |m, x| m.max(x.abs()));
        let scale = largest / 127.0;
        self.docs.push(u32::try_from(doc).unwrap_or(u32::MAX));
        self.scales.push(scale);
        // |x / scale| ≤ 127 by construction, so the cast never saturates.
        self.data.extend(v.iter().map(|x| (x / scale).round() as i8));
        Ok(())
    }

    /// The highest similarity of any stored vector to `query` (`None` when there are none).
    pub fn nearest(&self, query: &[f32]) -> Result<Option<f32>, DenseError> {
        let docs = self.docs.iter().max().map_or(0, |&d| d as usize + 1);
        Ok(self.similarities(query, docs)?.into_iter().flatten().reduce(f32::max))
    }

    /// Per entry (of `docs` entries), its best cosine similarity to `query`; `None` for an
    /// entry without a vector.
    pub fn similarities(&self, query: &[f32], docs: usize) -> Result<Vec<Option<f32>>, DenseError> {
        if query.len() != self.dim {
            return Err(DenseError::Dimension { want: self.dim, got: query.len() });
        }
        let mut q = query.to_vec();
        if !normalize(&mut q) {
            return Err(DenseError::Degenerate);
        }
        let mut out: Vec<Option<f32>> = vec![None; docs];
        for ((row, &doc), &scale) in self.data.chunks_exact(self.dim.max(1)).zip(&self.docs).zip(&self.scales) {
            let Some(slot) = out.get_mut(doc as usize) else { continue };
            let s: f32 = scale * dot(row, &q);
            *slot = Some(slot.map_or(s, |old: f32| old.max(s)));
        }
        Ok(out)
    }
}

/// The dot product of a stored row and the question, summed in eight independent lanes so the
/// compiler can use vector instructions (one running sum makes every addition wait for the one
/// before: 1,500 rows of 384 steps took about 1 ms, the lanes take a fraction of it).
fn dot(row: &[i8], q: &[f32]) -> f32 {
    const LANES: usize = 8;
    let mut acc = [0.0f32; LANES];
    let (row_lanes, q_lanes) = (row.chunks_exact(LANES), q.chunks_exact(LANES));
    let tail: f32 = row_lanes.remainder().iter().zip(q_lanes.remainder()).map(|(&a, b)| f32::from(a) * b).sum();
    for (r, x) in row_lanes.zip(q_lanes) {
        for k in 0..LANES {
            acc[k] += f32::from(r[k]) * x[k];
        }
    }
    acc.iter().sum::<f32>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_is_the_best_part_and_missing_entries_have_none() {
        let mut v = Vectors::new(3);
        v.push(0, vec![1.0, 0.0, 0.0]).expect("fits");
        v.push(0, vec![0.0, 1.0, 0.0]).expect("fits");
        v.push(2, vec![0.0, 0.0, 2.0]).expect("fits");
        let sims = v.similarities(&[0.0, 3.0, 0.0], 3).expect("fits");
        assert_eq!(sims, vec![Some(1.0), None, Some(0.0)]);
        let mut w = Vectors::new(3);
        w.push(0, vec![0.3, -0.5, 0.8]).expect("fits");
        let sim = w.similarities(&[0.3, -0.5, 0.8], 1).expect("fits")[0].expect("has a vector");
        assert!((sim - 1.0).abs() < 0.005, "stored in 8 bits, still about 1: {sim}");
        assert_eq!(v.similarities(&[1.0, 0.0], 3), Err(DenseError::Dimension { want: 3, got: 2 }));
        assert_eq!(v.push(1, vec![0.0; 3]), Err(DenseError::Degenerate));
        assert_eq!(v.push(1, vec![1.0; 4]), Err(DenseError::Dimension { want: 3, got: 4 }));
        assert_eq!(v.similarities(&[f32::NAN, 0.0, 0.0], 3), Err(DenseError::Degenerate));
    }

    #[test]
    fn fingerprints_change_with_model_prefix_and_text() {
        let a = fingerprint("m", "passage: ", "SXSH là gì?");
        assert_eq!(a, fingerprint("m", "passage: ", "SXSH là gì?"));
        assert_ne!(a, fingerprint("n", "passage: ", "SXSH là gì?"));
        assert_ne!(a, fingerprint("m", "", "SXSH là gì?"));
        assert_ne!(a, fingerprint("m", "passage: ", "SXSH là gì"));
        assert_eq!(a.len(), 16);
    }
}
