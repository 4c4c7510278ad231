import ScoutModel

/// Every image's diffIDs as a trie, built once per catalog: the images whose layers are a proper
/// prefix of a list, and those sharing its first k layers, are found by walking the list, not by
/// comparing it with every stored image (which made base detection quadratic in the fleet).
struct LayerPrefixIndex: Sendable {
    private struct Node: Sendable {
        var children: [String: Int] = [:]
        /// Images whose layer list ends at this node, best ranked first.
        var ending: [Int] = []
        /// Images whose layer list goes on below this node, best ranked first.
        var below: [Int] = []
    }

    /// A match: the image (an index into `images`) and how many leading layers it shares.
    struct Match: Sendable {
        var image: Int
        var shared: Int
    }

    private let nodes: [Node]
    /// Images in rank order; `Match.image` indexes this.
    let images: [ImageReport]
    private let layers: [[String]]

    /// `ranked` are the images in the order that breaks ties between equally long matches;
    /// `diffIDs(image)` gives each one's layers.
    init(ranked: [ImageReport], diffIDs: (ImageReport) -> [String]) {
        var nodes = [Node()]
        var layers: [[String]] = []
        layers.reserveCapacity(ranked.count)
        for (index, image) in ranked.enumerated() {
            let list = diffIDs(image)
            layers.append(list)
            var node = 0
            for diffID in list {
                if node != 0 { nodes[node].below.append(index) }
                if let child = nodes[node].children[diffID] {
                    node = child
                } else {
                    nodes.append(Node())
                    nodes[node].children[diffID] = nodes.count - 1
                    node = nodes.count - 1
                }
            }
            if node != 0 { nodes[node].ending.append(index) }
        }
        self.nodes = nodes
        self.images = ranked
        self.layers = layers
    }

    /// The nodes along `list`: path[k] is the node of its first k layers (path[0] the root), as far
    /// as any image goes.
    private func path(of list: [String]) -> [Int] {
        var path = [0]
        for diffID in list {
            guard let child = nodes[path[path.count - 1]].children[diffID] else { break }
            path.append(child)
        }
        return path
    }

    /// The images whose layers are the longest proper prefix of `list`, best ranked first.
    func longestProperPrefix(of list: [String]) -> [Match] {
        let path = path(of: list)
        for k in stride(from: min(path.count - 1, list.count - 1), through: 1, by: -1) where !nodes[path[k]].ending.isEmpty {
            return nodes[path[k]].ending.map { Match(image: $0, shared: k) }
        }
        return []
    }

    /// Images that share more than `minimum` leading layers with `list` but fewer than either has
    /// (neither is a prefix of the other): most shared first, then in rank order; at most `limit`.
    func nearMisses(of list: [String], sharingMoreThan minimum: Int, limit: Int) -> [Match] {
        let path = path(of: list)
        var found: [Match] = []
        var k = min(path.count - 1, list.count - 1)
        while k > minimum, found.count < limit {
            // Below the first k layers, but not below the first k + 1 of `list`: exactly k shared.
            for image in nodes[path[k]].below where layers[image][k] != list[k] {
                found.append(Match(image: image, shared: k))
                if found.count == limit { break }
            }
            k -= 1
        }
        return found
    }
}
