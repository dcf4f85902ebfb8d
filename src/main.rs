//! The `apigen` binary: parses arguments, runs the command, maps the outcome to an exit code.

use std::process::ExitCode;

/// Loading builds a tree of many small allocations; mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    apigen::cli::main()
}
