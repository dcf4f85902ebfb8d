//! Work spread over every core: [`map`] runs one function on each item of a list on
//! scoped threads and returns the results in the list's order, so what generation writes
//! never depends on which thread finished first.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The stack of each worker, in bytes: rendering and formatting recurse along the spec's
/// nesting (bounded by the loader's depth limit), so workers get the stack of the thread
/// `apigen generate` itself runs on (256 MiB of address space, touched only as used).
const STACK: usize = 256 * 1024 * 1024;

/// How many threads [`map`] uses: one per core the process may run on (1 when unknown).
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Applies `f` to every item on up to `threads` threads (the calling one included) and
/// returns the results in the items' order. Items are handed out heaviest first by
/// `weight` (a size in any unit: bytes of text, say), so one large item started last
/// does not leave the other threads idle at the end.
///
/// With one thread, or one item, everything runs on the calling thread. A worker that
/// cannot start leaves its share to the others. A panic in `f` is raised again here.
pub fn map<T, R, F, W>(items: Vec<T>, threads: usize, weight: W, f: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync,
    W: Fn(&T) -> usize,
{
    if threads <= 1 || items.len() <= 1 {
        return items.into_iter().map(f).collect();
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Stable: items of equal weight keep their order.
    order.sort_by_key(|&i| std::cmp::Reverse(weight(&items[i])));
    let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    let results: Vec<Mutex<Option<R>>> = slots.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            let item = slots[i].lock().unwrap_or_else(|e| e.into_inner()).take();
            if let Some(item) = item {
                let result = f(item);
                *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
            }
        }
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads.min(slots.len()))
            .filter_map(|_| std::thread::Builder::new().stack_size(STACK).spawn_scoped(scope, work).ok())
            .collect();
        work();
        for worker in workers {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    results
        .into_iter()
        .map(|r| r.into_inner().unwrap_or_else(|e| e.into_inner()).expect("every item was taken by a worker that finished"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::map;

    #[test]
    fn results_keep_the_order_of_the_items_whatever_the_threads() {
        let items: Vec<usize> = (0..200).collect();
        // Uneven work, heaviest last, so threads finish out of order.
        let slow = |n: usize| (0..n * 500).fold(n, |a, b| a.wrapping_mul(31).wrapping_add(b)) % 1000 + n * 1000;
        let one = map(items.clone(), 1, |&n| n, slow);
        for threads in [2, 3, 8] {
            assert_eq!(map(items.clone(), threads, |&n| n, slow), one, "{threads} threads");
        }
        assert_eq!(one.iter().map(|r| r / 1000).collect::<Vec<_>>(), items);
    }

    #[test]
    fn work_runs_on_several_threads() {
        let seen = std::sync::Mutex::new(std::collections::HashSet::new());
        map((0..64).collect::<Vec<u32>>(), 4, |_| 1, |_| {
            seen.lock().unwrap().insert(std::thread::current().id());
            std::thread::sleep(std::time::Duration::from_millis(2));
        });
        assert!(seen.into_inner().unwrap().len() > 1, "every item ran on one thread");
    }

    #[test]
    fn a_panic_in_a_worker_reaches_the_caller() {
        let caught = std::panic::catch_unwind(|| map((0..8).collect::<Vec<u32>>(), 2, |_| 1, |n| assert!(n != 5, "item five")));
        assert!(caught.is_err());
    }
}
