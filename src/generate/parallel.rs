//! Work spread over every core: [`map`] runs one function on each item of a list on a rayon
//! pool and returns the results in the list's order, so what generation writes never depends
//! on which thread finished first.

use rayon::iter::{IntoParallelIterator, ParallelIterator};

/// The stack of each worker, in bytes: rendering and formatting recurse along the spec's
/// nesting (bounded by the loader's depth limit), so workers get the stack of the thread
/// `apigen generate` itself runs on (256 MiB of address space, touched only as used).
const STACK: usize = 256 * 1024 * 1024;

/// How many threads [`map`] uses: one per core the process may run on (1 when unknown).
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Applies `f` to every item on up to `threads` threads and returns the results in the
/// items' order (rayon's work stealing keeps every thread busy while items are left).
///
/// With one thread, or one item, or when no pool can be started, everything runs on the
/// calling thread. A panic in `f` is raised again here.
pub fn map<T, R, F>(items: Vec<T>, threads: usize, f: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync + Send,
{
    if threads <= 1 || items.len() <= 1 {
        return items.into_iter().map(f).collect();
    }
    match rayon::ThreadPoolBuilder::new().num_threads(threads).stack_size(STACK).build() {
        Ok(pool) => pool.install(|| items.into_par_iter().map(f).collect()),
        Err(_) => items.into_iter().map(f).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::map;

    #[test]
    fn results_keep_the_order_of_the_items_whatever_the_threads() {
        let items: Vec<usize> = (0..200).collect();
        // Uneven work, heaviest last, so threads finish out of order.
        let slow = |n: usize| (0..n * 500).fold(n, |a, b| a.wrapping_mul(31).wrapping_add(b)) % 1000 + n * 1000;
        let one = map(items.clone(), 1, slow);
        for threads in [2, 3, 8] {
            assert_eq!(map(items.clone(), threads, slow), one, "{threads} threads");
        }
        assert_eq!(one.iter().map(|r| r / 1000).collect::<Vec<_>>(), items);
    }

    #[test]
    fn work_runs_on_several_threads() {
        let seen = std::sync::Mutex::new(std::collections::HashSet::new());
        map((0..64).collect::<Vec<u32>>(), 4, |_| {
            seen.lock().unwrap().insert(std::thread::current().id());
            std::thread::sleep(std::time::Duration::from_millis(2));
        });
        assert!(seen.into_inner().unwrap().len() > 1, "every item ran on one thread");
    }

    #[test]
    fn a_panic_in_a_worker_reaches_the_caller() {
        let caught = std::panic::catch_unwind(|| map((0..8).collect::<Vec<u32>>(), 2, |n| assert!(n != 5, "item five")));
        assert!(caught.is_err());
    }
}
