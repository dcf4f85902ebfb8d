//! Behaviour tests of the generated clients against a stub HTTP server on
//! 127.0.0.1; the tests are in `tests/`, and `support` holds what they share.
