//! Pure types and rules of the product: no teloxide, sqlx or Fluent here, only std, chrono,
//! serde and thiserror. Everything else in the crate may depend on this module.

pub mod area;
pub mod assessment;
pub mod broadcast;
pub mod centre;
pub mod course;
pub mod faq;
pub mod input;
pub mod lang;
pub mod privacy;
pub mod registration;
pub mod user;
