//! Every integration test, in one binary (each test binary links the whole crate again):
//! the real dispatcher, database and locales against the loopback Bot API, the command line,
//! the deployment files, locale parity, property tests and the crate's own layering.

mod common;

mod architecture;
mod areas;
mod assessment;
mod bot;
mod broadcasts;
mod cli;
mod courses;
mod deploy;
mod emulator;
mod faq_content;
mod faq_embeddings;
mod faq_learning;
mod faq_quality;
mod fuzz;
mod hostile;
mod locales;
mod outbound;
mod privacy;
mod replay;
mod webhook;
