//! PNG files of figures: RGBA pixels in, a PNG with provenance text chunks out.

use std::path::Path;

use super::provenance::Provenance;

/// Why a PNG could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("the image is {width}×{height} but has {len} bytes of RGBA (want {want})")]
    BadSize {
        width: u32,
        height: u32,
        len: usize,
        want: usize,
    },
    #[error("cannot encode the PNG: {0}")]
    Encode(#[from] png::EncodingError),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// Encodes `rgba` (unpremultiplied, row by row) as a PNG whose text chunks
/// carry `provenance` (readable with `exiftool` or `identify -verbose`).
pub fn encode_png(
    width: u32,
    height: u32,
    rgba: &[u8],
    provenance: &Provenance,
) -> Result<Vec<u8>, PngError> {
    let want = width as usize * height as usize * 4;
    if rgba.len() != want {
        return Err(PngError::BadSize {
            width,
            height,
            len: rgba.len(),
            want,
        });
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        for (key, value) in provenance.entries() {
            // iTXt: UTF-8 values (project names with ə or curly quotes).
            encoder.add_itxt_chunk(key.to_string(), value)?;
        }
        let mut writer = encoder.write_header()?;
        writer.write_image_data(rgba)?;
        writer.finish()?;
    }
    Ok(out)
}

/// Writes `bytes` to `path` atomically (a temporary file beside it, then a
/// rename), so a crash never leaves half a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), PngError> {
    crate::project::write_atomically(path, bytes).map_err(|source| PngError::Write {
        path: path.display().to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provenance() -> Provenance {
        let project = crate::project::Project::new("Azərbaycan “test”");
        Provenance::of(&project)
    }

    #[test]
    fn a_png_round_trips_its_pixels_and_provenance() {
        let rgba: Vec<u8> = (0..2 * 3 * 4).map(|i| i as u8).collect();
        let bytes = encode_png(2, 3, &rgba, &provenance()).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let info = reader.info();
        assert_eq!((info.width, info.height), (2, 3));
        let title = info
            .utf8_text
            .iter()
            .find(|t| t.keyword == "Title")
            .and_then(|t| t.get_text().ok())
            .unwrap();
        assert_eq!(title, "Azərbaycan “test”");
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut buf).unwrap();
        assert_eq!(buf, rgba);
    }

    #[test]
    fn a_wrong_buffer_size_is_an_error_not_a_panic() {
        let result = encode_png(10, 10, &[0; 12], &provenance());
        assert!(matches!(result, Err(PngError::BadSize { .. })));
    }
}
