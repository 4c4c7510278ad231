import ScoutModel

extension DockerArchiveImage {
    func readLayers(wants: @Sendable (String) -> Bool, limits: ReadLimits) throws -> LayerReadResult {
        try readLayers(wants: wants, limits: limits, cache: nil)
    }

    func readLayers(wants: @Sendable (String) -> Bool, limits: ReadLimits, cache: (any LayerCache)?) throws -> LayerReadResult {
        var slots = [LayerFiles?](repeating: nil, count: metadata.layers.count)
        var warnings: [ScanWarning] = []
        for (index, layer) in metadata.layers.enumerated() {
            slots[index] = cache?.cachedFiles(diffID: layer.diffID)
        }
        if isCompressed {
            if slots.contains(where: { $0 == nil }) {
                try readStreaming(into: &slots, warnings: &warnings, wants: wants, limits: limits, cache: cache)
            }
        } else {
            // Each layer is a range of the plain tar: distinct ranges not in the cache are read in parallel.
            var first: [String: Int] = [:]
            for (index, entry) in layerEntries.enumerated() where slots[index] == nil && first[entry.path] == nil { first[entry.path] = index }
            let distinct = first.values.sorted()
            let results = ParallelMap.map(count: distinct.count) { position in
                let index = distinct[position]
                let entry = layerEntries[index]
                let size = metadata.layers[index].size
                return reader(for: index, limits: limits)
                    .readReopenable({ try FileChunkSource(path: path, offset: entry.offset, length: size) }, wants: wants)
            }
            for result in results {
                warnings += result.warnings
                if result.warnings.isEmpty { cache?.store(result.files) }
            }
            for (index, entry) in layerEntries.enumerated() where slots[index] == nil {
                slots[index] = results[distinct.firstIndex(of: first[entry.path]!)!].files
            }
        }
        let layers = metadata.layers.enumerated().map { index, layer in slots[index] ?? LayerFiles(diffID: layer.diffID) }
        return LayerReadResult(layers: layers, warnings: warnings)
    }

    private func reader(for index: Int, limits: ReadLimits) -> LayerReader {
        LayerReader(layer: metadata.layers[index], container: path,
                    verifyBlobDigest: layerEntries[index].verifiable, limits: limits)
    }

    /// A gzip-compressed archive cannot seek: stream it once and read each layer as its entry passes.
    private func readStreaming(into slots: inout [LayerFiles?], warnings: inout [ScanWarning],
                               wants: (String) -> Bool, limits: ReadLimits, cache: (any LayerCache)?) throws {
        var indexesByPath: [String: [Int]] = [:]
        for (index, entry) in layerEntries.enumerated() where slots[index] == nil { indexesByPath[entry.path, default: []].append(index) }
        var outer = TarReader(source: SizeGuardSource(MaybeGzipSource(try FileChunkSource(path: path), engine: limits.inflateEngine),
                                                      limits: limits, subject: "archive"))
        do {
            while let entry = try outer.next() {
                let name = entry.normalizedPath
                guard entry.kind == .regular, let indexes = indexesByPath.removeValue(forKey: name) else { continue }
                let outcome = reader(for: indexes[0], limits: limits)
                    .read(TarEntryContentSource(reader: outer), wants: wants)
                outer = outcome.source.reader
                for index in indexes { slots[index] = outcome.files }
                warnings += outcome.warnings
                if outcome.warnings.isEmpty { cache?.store(outcome.files) }
                if indexesByPath.isEmpty { break }
            }
        } catch {
            warnings.append(ScanWarning(subject: path, message: "Failed to read '\(path)': \(error); the layers after the damage were not read.", incomplete: true))
        }
        for index in indexesByPath.values.flatMap({ $0 }).sorted() {
            let layer = metadata.layers[index]
            warnings.append(ScanWarning(
                subject: layer.digest,
                message: "Failed to read layer '\(layer.digest.abbreviatedDigest)' of '\(path)': its entry '\(layerEntries[index].path)' was not reached.", incomplete: true))
        }
    }
}
