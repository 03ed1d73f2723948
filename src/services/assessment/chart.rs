//! The self-assessment's chart: one horizontal bar per area (0–100), drawn with plotters into
//! memory and encoded as PNG, to be sent as a photo. Text uses DejaVu Sans, kept in the repo
//! (`assets/fonts`, with its licence) so that Vietnamese renders the same everywhere, with no
//! system font lookup. Labels arrive already rendered in the reader's language.

use std::sync::OnceLock;

use image::ImageEncoder;
use plotters::prelude::*;
use plotters::style::{register_font, FontStyle};

/// DejaVu Sans (Bitstream Vera licence; `assets/fonts/DejaVuSans-LICENSE.txt`).
const FONT: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const FAMILY: &str = "sans-serif";

/// Wide enough to stay sharp on a phone, where Telegram shows it full width.
const WIDTH: u32 = 800;
const TOP: u32 = 96;
const ROW: u32 = 100;
const MARGIN: i32 = 28;
// The pixels of the five areas (the buffer drawn into) stay far under the 5 MB budget.
const _: () = assert!(WIDTH * (TOP + 5 * ROW + 16) * 3 < 2_000_000);

/// One bar: its label, its score (`None`: not asked), and the change since last time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: Option<u8>,
    pub change: Option<i16>,
}

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("the chart's font cannot be loaded")]
    Font,
    #[error("cannot draw the chart: {0}")]
    Draw(String),
    #[error("cannot encode the chart as PNG")]
    Encode(#[from] image::ImageError),
}

fn font_ready() -> bool {
    static READY: OnceLock<bool> = OnceLock::new();
    *READY.get_or_init(|| register_font(FAMILY, FontStyle::Normal, FONT).is_ok())
}

fn colour(value: u8) -> RGBColor {
    match value {
        0..=39 => RGBColor(214, 69, 65),
        40..=69 => RGBColor(240, 165, 0),
        _ => RGBColor(46, 160, 67),
    }
}

fn draw_err<E: std::fmt::Debug>(e: E) -> ChartError {
    ChartError::Draw(format!("{e:?}"))
}

/// The PNG of `bars` under `title`; `none` is shown for an area that was not asked.
pub fn render(title: &str, bars: &[Bar], none: &str) -> Result<Vec<u8>, ChartError> {
    if !font_ready() {
        return Err(ChartError::Font);
    }
    let rows = u32::try_from(bars.len()).unwrap_or(0).max(1);
    let height = TOP + rows * ROW + 16;
    let mut pixels = vec![255u8; (WIDTH * height * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let title_font = (FAMILY, 34).into_font().color(&BLACK);
        root.draw(&Text::new(title.to_owned(), (MARGIN, 26), title_font)).map_err(draw_err)?;
        let label_font = (FAMILY, 28).into_font().color(&RGBColor(40, 40, 40));
        let value_font = (FAMILY, 28).into_font().color(&BLACK);
        let full = WIDTH as i32 - 2 * MARGIN - 150;
        for (i, bar) in bars.iter().enumerate() {
            let y = TOP as i32 + i32::try_from(i).unwrap_or(0) * ROW as i32;
            root.draw(&Text::new(bar.label.clone(), (MARGIN, y), label_font.clone())).map_err(draw_err)?;
            let (top, bottom) = (y + 36, y + 70);
            // The value sits level with its bar, the next label well below it.
            let track = [(MARGIN, top), (MARGIN + full, bottom)];
            root.draw(&Rectangle::new(track, RGBColor(230, 230, 230).filled())).map_err(draw_err)?;
            let text = match bar.value {
                Some(v) => {
                    let w = full * i32::from(v) / 100;
                    if w > 0 {
                        let filled = [(MARGIN, top), (MARGIN + w, bottom)];
                        root.draw(&Rectangle::new(filled, colour(v).filled())).map_err(draw_err)?;
                    }
                    match bar.change {
                        Some(c) if c > 0 => format!("{v} (+{c})"),
                        Some(c) if c < 0 => format!("{v} (−{})", c.unsigned_abs()),
                        _ => v.to_string(),
                    }
                }
                None => none.to_owned(),
            };
            root.draw(&Text::new(text, (MARGIN + full + 12, top + 1), value_font.clone())).map_err(draw_err)?;
        }
        root.present().map_err(draw_err)?;
    }
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png).write_image(&pixels, WIDTH, height, image::ColorType::Rgb8)?;
    Ok(png)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars() -> Vec<Bar> {
        ["Quản lý nội vi", "Năng lượng", "Nước", "Nguyên liệu và chất thải", "Đo lường và con người"]
            .iter()
            .zip([Some(80u8), Some(35), None, Some(100), Some(0)])
            .map(|(l, v)| Bar { label: (*l).to_owned(), value: v, change: Some(-5) })
            .collect()
    }

    #[test]
    fn the_assessment_chart_is_a_png_with_every_bar() {
        let png = render("Kết quả tự đánh giá SXSH: 62/100", &bars(), "—").expect("renders");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let decoded = image::load_from_memory_with_format(&png, image::ImageFormat::Png).expect("a PNG that decodes");
        assert!(decoded.width() >= 600 && decoded.height() >= 300, "{}x{}", decoded.width(), decoded.height());
    }
}
