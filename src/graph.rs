//! Graph algorithms shared by the model (recursive types) and the migrations
//! target (reference cycles, table order).

/// Tarjan's strongly connected components, iterative (no recursion on deep graphs).
/// `edges[v]` lists the successors of node `v`; each component is a list of nodes,
/// and a component comes after every component it reaches (reverse topological order).
pub fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    let mut next = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (v, ref mut i)) = work.last_mut() {
            if *i == 0 {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*i) {
                *i += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                out.push(component);
            }
        }
    }
    out
}

/// The component number of every node (see [`strongly_connected`]).
pub fn component_ids(edges: &[Vec<usize>]) -> Vec<usize> {
    let mut ids = vec![0; edges.len()];
    for (n, component) in strongly_connected(edges).into_iter().enumerate() {
        for node in component {
            ids[node] = n;
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cycles_and_orders_components() {
        // 0 -> 1 -> 2 -> 1, 3 -> 3, 4 alone
        let edges = vec![vec![1], vec![2], vec![1], vec![3], vec![]];
        let ids = component_ids(&edges);
        assert_eq!(ids[1], ids[2]);
        assert_ne!(ids[0], ids[1]);
        let components = strongly_connected(&edges);
        assert_eq!(components.len(), 4);
        let pos = |node| components.iter().position(|c| c.contains(&node)).unwrap();
        assert!(pos(1) < pos(0), "a component comes after what it reaches");
    }
}
