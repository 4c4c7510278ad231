import JSONText

extension DatabaseFile {
    /// The file as a JSON document, or the `CatalogError` naming the offset where it stops being JSON.
    func json() throws(CatalogError) -> JSONDocument {
        do {
            return try CatalogJSON.parse(content)
        } catch {
            throw CatalogError(.malformed(format: "JSON", detail: "\(error.message) at byte \(error.offset)"), path: path)
        }
    }
}

extension Array where Element == String {
    /// Without duplicates, first occurrence kept.
    func uniqued() -> [String] {
        var seen: Set<String> = []
        return filter { seen.insert($0).inserted }
    }
}
