import Testing
@testable import BaseImages
import ScoutModel

/// Base detection through the catalog's indexes (issue 13) against the algorithm it replaced, which
/// compared every image with every other and filtered the whole tag history per call.
@Suite struct LayerIndexTests {
    /// A deterministic generator (SplitMix64), so a failure names a fleet that can be rebuilt.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    /// `count` images, most built on an earlier one (its layers plus one or two), some on a part of
    /// one (near misses), some re-built with the same layers under another digest; tags now, tags
    /// once and none; creation times with ties and gaps.
    static func fleet(count: Int, seed: UInt64) -> (images: [ImageReport], history: [TagRecord]) {
        var random = Generator(state: seed)
        var layerLists: [[String]] = []
        var images: [ImageReport] = []
        var history: [TagRecord] = []
        for index in 0..<count {
            var layers: [String]
            let roll = random.next(10)
            if layerLists.isEmpty || roll == 0 {
                // A new family: one of three shared roots (no image of its own) and a layer of its own.
                layers = ["sha256:root\(random.next(3))", "sha256:top\(index)"]
            } else {
                let parent = layerLists[random.next(layerLists.count)]
                switch roll {
                case 1: layers = parent
                case 2, 3: layers = Array(parent.prefix(max(1, random.next(parent.count + 1))))
                default: layers = parent
                }
                if roll != 1 {
                    for _ in 0...random.next(2) { layers.append("sha256:layer\(index)-\(random.next(4))") }
                }
            }
            layerLists.append(layers)
            let digest = "sha256:image\(String(index, radix: 16))"
            let created = random.next(5) == 0 ? nil : "2026-01-\(10 + random.next(8))T00:00:00Z"
            let metadata = ImageMetadata(
                manifestDigest: digest, created: created,
                layers: layers.enumerated().map { LayerInfo(index: $0.offset, digest: "blob-\($0.element)", diffID: $0.element, size: 1) })
            let repository = ["library/base", "docker.io/library/base", "team/app\(random.next(6))"][random.next(3)]
            let tag = "\(1 + random.next(3)).\(random.next(4))\(random.next(3) == 0 ? "-slim" : "")"
            switch random.next(4) {
            case 0: break  // never tagged
            case 1: history.append(TagRecord(repository: repository, tag: tag, digest: digest, since: "2026-01-0\(1 + random.next(8))T00:00:00Z", until: "2026-01-09T00:00:00Z"))
            default: history.append(TagRecord(repository: repository, tag: tag, digest: digest, since: "2026-01-0\(1 + random.next(8))T00:00:00Z"))
            }
            images.append(ImageReport(repository: repository, tags: [tag], source: "test", sbom: ImageSBOM(metadata: metadata, os: nil, packages: [], warnings: []), findings: []))
        }
        return (images, history)
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func detectionByLayersEqualsTheBruteForceReference(seed: UInt64) throws {
        let (images, history) = Self.fleet(count: 160, seed: seed)
        let catalog = BaseImageCatalog(images: images, history: history)
        let detector = BaseImageDetector(catalog: catalog)
        let reference = BruteForceDetector(catalog: catalog, images: images, history: history)
        var exact = 0, near = 0, capped = 0
        for image in images {
            let found = detector.fromLayers(image)
            let expected = reference.fromLayers(image)
            #expect(found?.reference == expected?.reference, "base of \(image.digest)")
            #expect(found?.sharedLayers == expected?.shared, "shared layers of \(image.digest)")
            #expect(found?.exactLayerMatch == expected?.exact, "exact match of \(image.digest)")
            #expect(found?.alternatives == expected?.alternatives(limit: BaseImageDetector.nearMissLimit), "alternatives of \(image.digest)")
            if let expected {
                if expected.exact { exact += 1 } else { near += 1 }
                if expected.nearMisses.count > BaseImageDetector.nearMissLimit { capped += 1 }
            }
        }
        // The fleet exercises every branch: prefixes, near misses only, and lists the limit cut.
        #expect(exact > 30 && near > 0 && capped > 0, "exact \(exact), near \(near), capped \(capped)")
    }

    @Test func tagLookUpsEqualFilteringTheHistory() {
        let (images, history) = Self.fleet(count: 160, seed: 7)
        let catalog = BaseImageCatalog(images: images, history: history)
        let names = Set(history.map(\.repository)) + ["library/absent"]
        let tags = Set(history.map(\.tag)) + ["9.9"]
        for repository in names {
            let key = ImageName.key(repository)
            #expect(catalog.currentTags(repository: repository) == history.filter { $0.isCurrent && ImageName.key($0.repository) == key })
            for tag in tags {
                let all = history.filter { $0.tag == tag && ImageName.key($0.repository) == key }
                #expect(catalog.currentDigest(repository: repository, tag: tag) == all.first(where: \.isCurrent))
                #expect(catalog.digests(repository: repository, tag: tag)
                    == all.sorted { ($0.isCurrent ? 1 : 0, $0.since) > ($1.isCurrent ? 1 : 0, $1.since) })
            }
        }
        for image in images {
            #expect(catalog.records(of: image.digest) == history.filter { $0.digest == image.digest })
        }
    }
}

private func + (set: Set<String>, more: [String]) -> Set<String> { set.union(more) }

/// Detection by layers as it was before the index: every image compared with every other, ties
/// broken by each image's tag periods (filtered from the whole history once per image here, per
/// comparison before: the same answer, sooner). The reference the index must equal.
struct BruteForceDetector {
    struct Expected {
        var reference: BaseImageReference
        var exact: Bool
        var shared: Int
        var ties: [BaseImageReference]
        var nearMisses: [BaseImageReference]

        /// What the index names: the ties, then at most `limit` near misses (the best of which is the
        /// base when no image is a prefix).
        func alternatives(limit: Int) -> [BaseImageReference] {
            exact ? ties + nearMisses.prefix(limit) : Array(nearMisses.prefix(limit).dropFirst())
        }
    }

    let catalog: BaseImageCatalog
    let images: [ImageReport]
    let records: [String: [TagRecord]]

    init(catalog: BaseImageCatalog, images: [ImageReport], history: [TagRecord]) {
        self.catalog = catalog
        self.images = images.sorted { $0.digest < $1.digest }
        records = Dictionary(uniqueKeysWithValues: images.map { image in (image.digest, history.filter { $0.digest == image.digest }) })
    }

    func fromLayers(_ image: ImageReport) -> Expected? {
        let layers = image.sbom.metadata.layers.map(\.diffID)
        guard !layers.isEmpty else { return nil }
        var prefixes: [(image: ImageReport, shared: Int)] = []
        var nearMisses: [(image: ImageReport, shared: Int)] = []
        for other in images where other.digest != image.digest {
            let otherLayers = other.sbom.metadata.layers.map(\.diffID)
            guard !otherLayers.isEmpty, otherLayers != layers else { continue }
            if BaseImageCatalog.isProperPrefix(otherLayers, of: layers) {
                prefixes.append((other, otherLayers.count))
            } else {
                let shared = BaseImageCatalog.commonPrefix(otherLayers, layers)
                if shared > 0, shared < layers.count, shared < otherLayers.count { nearMisses.append((other, shared)) }
            }
        }
        let ranked = rank(prefixes)
        if let best = ranked.first {
            let ties = ranked.dropFirst().filter { $0.shared == best.shared }
            let near = rank(nearMisses.filter { $0.shared > best.shared })
            return Expected(reference: catalog.reference(for: best.image.digest), exact: true, shared: best.shared,
                            ties: ties.map { catalog.reference(for: $0.image.digest) },
                            nearMisses: near.map { catalog.reference(for: $0.image.digest) })
        }
        let near = rank(nearMisses)
        guard let best = near.first else { return nil }
        return Expected(reference: catalog.reference(for: best.image.digest), exact: false, shared: best.shared,
                        ties: [], nearMisses: near.map { catalog.reference(for: $0.image.digest) })
    }

    private func rank(_ matches: [(image: ImageReport, shared: Int)]) -> [(image: ImageReport, shared: Int)] {
        matches.sorted { a, b in
            if a.shared != b.shared { return a.shared > b.shared }
            let ra = records[a.image.digest] ?? [], rb = records[b.image.digest] ?? []
            let ca = ra.contains(where: \.isCurrent), cb = rb.contains(where: \.isCurrent)
            if ca != cb { return ca }
            if ra.isEmpty != rb.isEmpty { return !ra.isEmpty }
            let na = a.image.sbom.metadata.created ?? "", nb = b.image.sbom.metadata.created ?? ""
            if na != nb { return na > nb }
            return a.image.digest < b.image.digest
        }
    }
}
