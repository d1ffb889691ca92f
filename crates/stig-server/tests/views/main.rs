//! The read-only pages, rendered for every example workspace in every language: real content
//! shows, filters and Pareto marks are right, and no message key is left untranslated.

mod connect;
mod consent;
mod locales;
mod moments;
mod pages;
mod preview;
mod support;
